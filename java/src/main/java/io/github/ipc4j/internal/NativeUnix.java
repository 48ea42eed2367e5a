package io.github.ipc4j.internal;

/** Natives of the descriptor mechanics every Unix primitive shares. Results are values or -errno. */
public final class NativeUnix {
    public static final int WAIT_READY = 0;
    public static final int WAIT_TIMEOUT = 1;
    public static final int WAIT_CLOSED = 2;
    public static final int WAIT_WOKEN = 3;

    static {
        NativeLoader.load();
    }

    private NativeUnix() {}

    /** A new wake descriptor: (writeFd << 32) | readFd, or -errno. */
    public static native long wakeOpen();

    public static native int wakeSignal(int writeFd);

    public static native void wakeClose(int readFd, int writeFd);

    /** Waits for fd, the closed descriptor or the wake descriptor; timeoutNanos &lt; 0 waits without limit. */
    public static native int waitFd(int fd, boolean forWrite, int closedFd, int wakeFd, long timeoutNanos);

    /** (uid << 16) | permission bits of the object open at fd, or -errno. */
    public static native long ownerAndMode(int fd);

    public static native int setMode(int fd, int mode);

    public static native long effectiveUid();

    /** The calling thread's blocker (see ipc4j_blocker.h): its address, or -errno. */
    public static native long blockerCreate();

    public static native void blockerFree(long blocker);

    /** Makes the blocker's thread leave its blocking call with EINTR (or its next one, if in none). */
    public static native void blockerWake(long blocker);
}
