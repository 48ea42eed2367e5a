package io.github.ipc4j.sysv;

import io.github.ipc4j.internal.KernelLimits;

/**
 * The kernel's limits for System V message queues. Linux shows them in /proc/sys/kernel (set with
 * {@code sysctl kernel.msgmax=...}); macOS fixes them when the kernel is built and shows none, and there
 * these methods answer the BSD defaults that xnu's System V code builds in (msgmax 16384, msgmnb 2048,
 * msgmni 40), not values read from the running system.
 *
 * <p>Thread-safe: static methods only, each call independent.
 */
public final class SysvMsgLimits {
    /** The largest message, in bytes. */
    public static final String MSGMAX = "/proc/sys/kernel/msgmax";
    /** The default byte limit of a new queue (msg_qbytes), and the most an unprivileged user can set. */
    public static final String MSGMNB = "/proc/sys/kernel/msgmnb";
    /** The most queues the system has at once. */
    public static final String MSGMNI = "/proc/sys/kernel/msgmni";

    private static final boolean LINUX = System.getProperty("os.name", "").startsWith("Linux");

    private SysvMsgLimits() {}

    /**
     * The largest message in bytes (kernel.msgmax; Linux's default 8192).
     *
     * @return kernel.msgmax
     */
    public static long maxMessageSize() {
        return KernelLimits.read(MSGMAX, LINUX ? 8192 : 16384);
    }

    /**
     * A new queue's byte limit, and the highest one a user without CAP_SYS_RESOURCE may set (kernel.msgmnb).
     *
     * @return kernel.msgmnb
     */
    public static long defaultMaxBytes() {
        return KernelLimits.read(MSGMNB, LINUX ? 16384 : 2048);
    }

    /**
     * The most queues the system holds at once (kernel.msgmni).
     *
     * @return kernel.msgmni
     */
    public static long maxQueues() {
        return KernelLimits.read(MSGMNI, LINUX ? 32000 : 40);
    }

    /** How to raise one of these limits. */
    static String howToRaise(String file) {
        return KernelLimits.howToRaise(file);
    }
}
