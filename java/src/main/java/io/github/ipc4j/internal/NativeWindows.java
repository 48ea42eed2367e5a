package io.github.ipc4j.internal;

/**
 * Natives every Windows primitive shares: events for waits that close and interrupt cut short, and
 * the names of Windows error codes. Native results on Windows are values, or -code where code is a
 * Windows error (GetLastError), or one of the wait outcomes below.
 */
public final class NativeWindows {
    /** A wait's outcomes, outside the range of Windows error codes (ipc4j_win.h). */
    public static final int TIMEOUT = -100001;
    public static final int CLOSED = -100002;
    public static final int WOKEN = -100003;
    /** A mutex was taken, but its previous owner ended holding it. */
    public static final int ABANDONED = -100004;
    /** An existing object's owner is not the current user (requireOwner refused it). */
    public static final int FOREIGN_OWNER = -100005;
    /** A read whose buffer is too small returns TOO_SMALL_BASE - (the size it needs); nothing is lost. */
    public static final long TOO_SMALL_BASE = -(1L << 32);

    public static final int ERROR_FILE_NOT_FOUND = 2;
    public static final int ERROR_PATH_NOT_FOUND = 3;
    public static final int ERROR_ACCESS_DENIED = 5;
    public static final int ERROR_INVALID_HANDLE = 6;
    public static final int ERROR_NOT_ENOUGH_MEMORY = 8;
    public static final int ERROR_BAD_NETPATH = 53;
    public static final int ERROR_INVALID_PARAMETER = 87;
    public static final int ERROR_BROKEN_PIPE = 109;
    public static final int ERROR_INVALID_NAME = 123;
    public static final int ERROR_ALREADY_EXISTS = 183;
    public static final int ERROR_FILENAME_EXCED_RANGE = 206;
    public static final int ERROR_TOO_MANY_POSTS = 298;
    public static final int ERROR_NOT_OWNER = 288;
    public static final int ERROR_COMMITMENT_LIMIT = 1455;
    public static final int ERROR_INVALID_SECURITY_DESCR = 1338;
    /** ipc4j's own answer for a range outside the Java buffer (win_buffer.c), as EFAULT on Unix. */
    public static final int ERROR_INVALID_USER_BUFFER = 1784;
    public static final int ERROR_PIPE_BUSY = 231;
    public static final int ERROR_NO_DATA = 232;
    public static final int ERROR_PIPE_NOT_CONNECTED = 233;

    static {
        NativeLoader.load();
    }

    private NativeWindows() {}

    /** A new event (manual-reset or auto-reset): its handle, or -error. */
    public static native long eventCreate(boolean manualReset);

    public static native int eventSet(long event);

    public static native void eventClose(long event);

    /** "ERROR_PIPE_BUSY", or null for a code not in the library's table. */
    public static native String errorName(int code);

    /** The system's text for the code. */
    public static native String errorText(int code);
}
