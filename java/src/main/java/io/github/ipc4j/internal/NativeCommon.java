package io.github.ipc4j.internal;

/** Natives every platform's library has: what it is, what it can do, and errno names. */
public final class NativeCommon {
    public static final int CAP_POSIX_MQ = 1;
    public static final int CAP_MQ_NOTIFY = 1 << 1;
    public static final int CAP_SEM_TIMEDWAIT = 1 << 2;
    public static final int CAP_SEMTIMEDOP = 1 << 3;
    public static final int CAP_ROBUST_MUTEX = 1 << 4;

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
}
