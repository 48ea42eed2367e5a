package io.github.ipc4j.testing;

import io.github.ipc4j.IpcRemovedException;
import io.github.ipc4j.sysv.IpcKey;
import io.github.ipc4j.sysv.SysvMessageQueue;
import io.github.ipc4j.sysv.SysvMqOptions;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * System V message queues for a test, and their removal whatever the test's outcome: call {@link #close()}
 * in @AfterEach. Keys are random (and created exclusively, so a test never takes a stranger's queue).
 */
public final class SysvQueues implements AutoCloseable {
    private final List<Integer> ids = new ArrayList<>();

    /** A fresh random key (never PRIVATE), for a queue the test creates itself. */
    public static IpcKey randomKey() {
        int value;
        do {
            value = ThreadLocalRandom.current().nextInt();
        } while (value == 0);
        return IpcKey.of(value);
    }

    /** A new queue under a fresh key, mode 0600, removed by {@link #close()}. */
    public SysvMessageQueue create() throws IOException {
        return create(SysvMqOptions.options());
    }

    /** A new queue under a fresh key with these options (made CREATE_NEW), removed by {@link #close()}. */
    public SysvMessageQueue create(SysvMqOptions options) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return track(SysvMessageQueue.open(randomKey(), options.createNew()));
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                if (attempt > 10) {
                    throw taken;
                }
            }
        }
    }

    /** Removes q's queue at {@link #close()}. */
    public SysvMessageQueue track(SysvMessageQueue q) {
        track(q.id());
        return q;
    }

    public void track(int id) {
        ids.add(id);
    }

    /** Removes every queue tracked here that still exists. */
    @Override
    public void close() throws IOException {
        for (int id : ids) {
            try (SysvMessageQueue q = SysvMessageQueue.ofId(id)) {
                q.remove();
            } catch (NoSuchFileException | IpcRemovedException gone) {
                // the test removed it already
            }
        }
        ids.clear();
    }
}
