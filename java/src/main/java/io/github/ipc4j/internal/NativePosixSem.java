package io.github.ipc4j.internal;

/** Natives of POSIX named semaphores. Results are values or -errno; a semaphore is its sem_t address. */
public final class NativePosixSem {
    /** The existing semaphore's backing file is empty or too small to be one. */
    public static final int NOT_A_SEMAPHORE = -100001;
    /**
     * Another process truncated the semaphore's file while it was open here: the operation did not happen, and
     * no later one on it will (the page that held it is now this process's own).
     */
    public static final int LOST = -100003;

    static {
        NativeLoader.load();
    }

    private NativePosixSem() {}

    /** Fills out with {sem_t address, created (0/1), owner uid (-1: unknown), mode (-1: unknown)}. */
    public static native int open(byte[] name, int openMode, int mode, int initial, long[] out);

    public static native int close(long sem);

    public static native int unlink(byte[] name);

    /** 0 when a permit was taken, -EAGAIN when none was free. Every operation can also return {@link #LOST}. */
    public static native int tryWait(long sem);

    /** Waits through the thread's blocker: 0, -EINTR (woken, deadline, or a poll's sleep ended), -errno. */
    public static native int waitFor(long sem, long blocker, long timeoutNanos);

    public static native int post(long sem);

    /** The value, or -ENOSYS where the OS has no sem_getvalue. */
    public static native long value(long sem);

    public static native long valueMax();
}
