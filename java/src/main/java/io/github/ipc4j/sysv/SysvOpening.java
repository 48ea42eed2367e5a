package io.github.ipc4j.sysv;

import io.github.ipc4j.OpenOptions;
import io.github.ipc4j.internal.OwnerCheck;

import java.io.IOException;

/**
 * What every System V open does once msgget/semget/shmget has given an id: read the object's status,
 * check an existing object against the opener's demands (owner, widest mode), make the Java object, and
 * remove an object this open created when any of that fails, so a failed open leaves nothing behind.
 */
final class SysvOpening {
    /** Reads IPC_STAT into an array whose [1] is the owner uid and [5] the permission bits. */
    interface Status {
        long[] read() throws IOException;
    }

    interface Make<T> {
        T make(long[] status) throws IOException;
    }

    interface Remove {
        int remove(int id);
    }

    private SysvOpening() {}

    static <T> T finish(int id, boolean created, OpenOptions<?> options, String description, Status status,
                        Remove remove, Make<T> make) throws IOException {
        try {
            long[] s = status.read();
            if (!created) {
                OwnerCheck.verify(s[1], (int) s[5], options, description);
            }
            return make.make(s);
        } catch (IOException | RuntimeException e) {
            if (created) {
                remove.remove(id);
            }
            throw e;
        }
    }
}
