package io.github.ipc4j.testing;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Unique names for POSIX message queues, semaphores or shared memory objects in one test, removed by
 * {@link #close()} (call it from @AfterEach) whatever the test's outcome.
 */
public final class PosixNames implements AutoCloseable {
    /** How the objects are removed: PosixMessageQueue::unlink, PosixSemaphore::unlink, PosixSharedMemory::unlink. */
    public interface Remover {
        void remove(String name) throws IOException;
    }

    private final Remover remover;
    private final List<String> names = new ArrayList<>();

    public PosixNames(Remover remover) {
        this.remover = remover;
    }

    /** A fresh name, short enough for macOS's 31-byte limit. */
    public String name() {
        String name = String.format("/ipc4j-%d-%08x", ProcessHandle.current().pid() % 100000,
                ThreadLocalRandom.current().nextInt());
        names.add(name);
        return name;
    }

    @Override
    public void close() throws IOException {
        for (String name : names) {
            try {
                remover.remove(name);
            } catch (NoSuchFileException gone) {
                // the test removed it already
            }
        }
        names.clear();
    }
}
