package io.github.ipc4j.sysv;

import io.github.ipc4j.IpcRemovedException;
import io.github.ipc4j.OpenOptions;
import io.github.ipc4j.internal.Errno;
import io.github.ipc4j.internal.Errors;
import io.github.ipc4j.internal.OwnerCheck;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.Optional;

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

    /** One IPC_STAT call by id: 0 or -errno. */
    interface Stat {
        int stat(int id, long[] out);
    }

    private SysvOpening() {}

    /**
     * The status of the object id names, for ofId: NoSuchFileException ("no queue has this id", noun being
     * "queue") when none does (EINVAL or EIDRM).
     * The caller checked id and the platform.
     */
    static long[] statusById(int id, String kind, String noun, String call, int length, Stat stat)
            throws IOException {
        long[] status = new long[length];
        int r = stat.stat(id, status);
        if (r == -Errno.EINVAL || r == -Errno.EIDRM) {
            throw new NoSuchFileException(kind + " id " + id, null, call + ": " + Errno.name(-r) + ": no " + noun
                    + " has this id");
        }
        if (r < 0) {
            throw Errors.of(-r, call, kind + " id " + id);
        }
        return status;
    }

    /**
     * After an IPC_STAT by id through an open object: same is false when the status is not of that object (another
     * key, or another size), which means a peer removed it and its id now names another object (of a private
     * object's key, 0, a private successor of the same size cannot be told apart).
     */
    static void requireSameObject(boolean same, long[] status, String call, String description, String noun)
            throws IpcRemovedException {
        if (!same) {
            throw idReused(call, Errno.EIDRM, description, noun + ", of key " + IpcKey.of((int) status[0]));
        }
    }

    /** The object was removed and its id went to another one, the other described: "set, of 3 semaphores ...". */
    static IpcRemovedException idReused(String call, int errno, String description, String other) {
        return new IpcRemovedException(call, errno, Errno.name(errno), description, "its id now names another "
                + other);
    }

    /** A status time: seconds since the epoch, empty for 0 (never). */
    static Optional<Instant> time(long seconds) {
        return seconds == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds));
    }

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
