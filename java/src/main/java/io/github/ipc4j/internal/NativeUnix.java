package io.github.ipc4j.internal;

/** Natives of the mechanics every Unix primitive shares. Results are values or -errno. */
public final class NativeUnix {
    public static final int WAIT_READY = 0;
    public static final int WAIT_TIMEOUT = 1;

    static {
        NativeLoader.load();
    }

    private NativeUnix() {}

    /**
     * Waits for fd under blocker (a {@link CallSlot}'s): WAIT_READY, WAIT_TIMEOUT, or -errno (-EINTR when
     * woken or signalled). timeoutNanos &lt; 0 waits without limit.
     */
    public static native int waitFd(int fd, boolean forWrite, long blocker, long timeoutNanos);

    /** (uid << 16) | permission bits of the object open at fd, or -errno. */
    public static native long ownerAndMode(int fd);

    public static native int setMode(int fd, int mode);

    public static native long effectiveUid();

    /** The name of the user with uid, as bytes into name: its length, -ENOENT when none, or -errno. */
    public static native int userName(long uid, byte[] name);

    /** The uid of the user with the NUL-terminated name: at least 0, -ENOENT when none, or -errno. */
    public static native long userId(byte[] name);

    /** Chooses the wake signal (0: the default) and installs its handler: 0 or -errno (see ipc4j_blocker.h). */
    static native int blockerSetup(int signal);

    static native int blockerSignal();

    /** A new blocker (see ipc4j_blocker.h): its address, or -errno. */
    static native long blockerCreate();

    static native void blockerFree(long blocker);

    /** Makes the blocker's current call leave with EINTR (or its next one): 0, or -ETIMEDOUT if it did not. */
    static native int blockerWake(long blocker);

    /** Whether the wake signal's handler was found replaced. */
    static native boolean blockerBroken();
}
