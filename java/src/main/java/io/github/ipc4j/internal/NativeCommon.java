package io.github.ipc4j.internal;

/** Natives every platform's library has: what it is, what it can do, errno names, and pending faults. */
public final class NativeCommon {
    // What the loaded library was built with (feature checks in CMake); io.github.ipc4j.Feature names them.
    public static final int CAP_POSIX_MQ = 1;
    public static final int CAP_MQ_NOTIFY = 1 << 1;
    public static final int CAP_SEM_TIMEDWAIT = 1 << 2;
    public static final int CAP_SEMTIMEDOP = 1 << 3;
    public static final int CAP_ROBUST_MUTEX = 1 << 4;
    public static final int CAP_POSIX_SEM = 1 << 5;
    public static final int CAP_POSIX_SHM = 1 << 6;
    public static final int CAP_SYSV_MSG = 1 << 7;
    public static final int CAP_SYSV_SEM = 1 << 8;
    public static final int CAP_SYSV_SHM = 1 << 9;
    public static final int CAP_MSG_EXCEPT = 1 << 10;
    public static final int CAP_MSG_COPY = 1 << 11;
    public static final int CAP_FIFO = 1 << 12;
    public static final int CAP_WINDOWS_NAMED_PIPE = 1 << 13;
    public static final int CAP_MAILSLOT = 1 << 14;
    public static final int CAP_WINDOWS_SHM = 1 << 15;
    public static final int CAP_WINDOWS_SEMAPHORE = 1 << 16;
    public static final int CAP_WINDOWS_MUTEX = 1 << 17;
    public static final int CAP_WINDOWS_EVENT = 1 << 18;
    /** fcntl record locks, which the kernel releases when the holder dies (every Unix). */
    public static final int CAP_FILE_LOCK = 1 << 19;
    public static final int CAP_SEALED_SHM = 1 << 20;

    static {
        NativeLoader.load();
    }

    private NativeCommon() {}

    /** Makes sure the library is loaded (the static initializer does it). */
    public static void ensureLoaded() {}

    public static native String libraryVersion();

    public static native int capabilities();

    public static native int errnoValue(String name);

    public static native String errnoName(int value);

    public static native String errnoText(int value);

    public static native String libraryPath();

    public static native String internalPackage();

    /**
     * Throws now, as an InternalError ("a fault occurred in ... unsafe memory access"), a fault in mapped memory
     * that this thread hit and the JVM has noted but not thrown yet; returns when there is none. The JVM throws
     * such an error at some later transition into Java, not on the return from a native method, so without this
     * it may surface after the call that faulted has returned (on JDK 17 long after); call it where a fault must
     * be caught, not on a hot path (a call into Java and back).
     */
    public static native void raisePendingFault();

    /** What {@link #raisePendingFault()} calls: the call into Java is what throws (not void: HotSpot skips empty methods). */
    @SuppressWarnings("unused")
    private static int zero() {
        return 0;
    }
}
