package io.github.ipc4j.posix;

import io.github.ipc4j.internal.KernelLimits;

/** The kernel's limits and defaults for POSIX message queues, from /proc/sys/fs/mqueue (Linux). */
final class PosixMqLimits {
    static final String DIR = "/proc/sys/fs/mqueue/";
    static final String MSG_MAX = DIR + "msg_max";
    static final String MSGSIZE_MAX = DIR + "msgsize_max";
    static final String MSG_DEFAULT = DIR + "msg_default";
    static final String MSGSIZE_DEFAULT = DIR + "msgsize_default";
    static final String QUEUES_MAX = DIR + "queues_max";

    private PosixMqLimits() {}

    /** The value in the file, or fallback when it cannot be read. */
    static long read(String file, long fallback) {
        return KernelLimits.read(file, fallback);
    }

    /** The sysctl that sets a /proc/sys/fs/mqueue file. */
    static String sysctl(String file) {
        return KernelLimits.howToRaise(file);
    }

    /** Throws IllegalArgumentException when value exceeds the limit in file. */
    static void check(String what, long value, String file, long fallback) {
        long limit = read(file, fallback);
        if (value > limit) {
            throw new IllegalArgumentException(what + " " + value + " exceeds the kernel limit " + limit + " in "
                    + file + "; raise it with " + sysctl(file));
        }
    }
}
