package io.github.ipc4j.sysv;

/** Argument checks every System V object's IPC_SET shares, in Java, before any native call. */
final class SysvChecks {
    private SysvChecks() {}

    /** A uid or gid for IPC_SET: 0 to 4294967294 ((uid_t) -1 means "no change" to the kernel). */
    static void ownerId(long value, String what) {
        if (value < 0 || value > 0xFFFF_FFFEL) {
            throw new IllegalArgumentException(what + " must be 0 to 4294967294, was " + value);
        }
    }

    /** An identifier for ofId: msqid, semid and shmid are never negative. */
    static void id(int id, String kind) {
        if (id < 0) {
            throw new IllegalArgumentException("a " + kind + " id is at least 0 (not negative), was " + id);
        }
    }

    static void mode(int mode) {
        if (mode < 0 || mode > 0777) {
            throw new IllegalArgumentException("mode must be permission bits from 0 to 0777 (octal), was 0"
                    + Integer.toOctalString(mode) + " (" + mode + ")");
        }
    }
}
