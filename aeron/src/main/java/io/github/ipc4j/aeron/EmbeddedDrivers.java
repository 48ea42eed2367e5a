package io.github.ipc4j.aeron;

import io.aeron.CommonContext;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.driver.exceptions.ActiveDriverException;

import java.io.File;
import java.util.HashMap;
import java.util.Map;

/**
 * The media drivers this JVM started, one per directory, counted by the channels that use them: started when a
 * channel opens on a directory where no driver runs, closed when the last such channel closes.
 */
final class EmbeddedDrivers {
    private static final long DRIVER_TIMEOUT_MS = 10_000;
    private static final Map<String, Entry> RUNNING = new HashMap<>();

    private EmbeddedDrivers() {}

    private static final class Entry {
        final MediaDriver driver;
        int users;

        Entry(MediaDriver driver) {
            this.driver = driver;
        }
    }

    /** Makes sure a driver runs in directory; returns true when this JVM's embedded one is now used (release later). */
    static synchronized boolean acquire(String directory) {
        Entry e = RUNNING.get(directory);
        if (e != null) {
            e.users++;
            return true;
        }
        if (CommonContext.isDriverActive(new File(directory), DRIVER_TIMEOUT_MS, message -> { })) {
            return false; // another process's driver: use it
        }
        MediaDriver driver;
        try {
            driver = MediaDriver.launch(new MediaDriver.Context().aeronDirectoryName(directory)
                    .threadingMode(ThreadingMode.SHARED).dirDeleteOnStart(true).dirDeleteOnShutdown(true));
        } catch (ActiveDriverException startedMeanwhile) {
            return false;
        }
        e = new Entry(driver);
        e.users = 1;
        RUNNING.put(directory, e);
        return true;
    }

    static synchronized void release(String directory) {
        Entry e = RUNNING.get(directory);
        if (e != null && --e.users == 0) {
            RUNNING.remove(directory);
            e.driver.close();
        }
    }
}
