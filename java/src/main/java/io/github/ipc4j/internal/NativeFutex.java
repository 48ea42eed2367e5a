package io.github.ipc4j.internal;

/**
 * Natives of the shared address wait (ipc4j_futex.h): Linux futex without FUTEX_PRIVATE_FLAG, macOS 14.4+
 * os_sync_wait_on_address with the shared flag. Results are 0 or -errno. Callers pass only addresses
 * inside a mapping they keep alive across the call (see {@link MappedMemory}).
 */
public final class NativeFutex {
    static {
        NativeLoader.load();
    }

    private NativeFutex() {}

    /** 1 when this OS has a shared address wait, 0 otherwise (then wait and wake return -ENOSYS). */
    public static native int supported();

    /**
     * Sleeps while the 32-bit word at address holds expected, at most timeoutNanos (&lt; 0: no limit), under
     * the thread's blocker: 0 (woken, or the word had changed), -ETIMEDOUT, -EINTR (woken by the blocker or
     * another signal), -errno.
     */
    public static native int waitFor(long address, int expected, long blocker, long timeoutNanos);

    /** Wakes up to count waiters on the word at address. */
    public static native int wake(long address, int count);
}
