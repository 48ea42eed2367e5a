package io.github.ipc4j.internal;

/**
 * Natives of Windows named kernel objects: file mappings (win_shm.h), semaphores, mutexes and events
 * (win_sync.h). Names and SDDL strings are NUL-terminated UTF-8 (sddl null: the current user only).
 * An open returns the handle, with {@link #CREATED} set when this call created the object, or -code
 * (a Windows error, or {@link NativeWindows#FOREIGN_OWNER}); conventions as in {@link NativeWindows}.
 */
public final class NativeWinObjects {
    /** Open modes, in the order of {@link io.github.ipc4j.OpenMode}. */
    public static final int CREATE_NEW = 0;
    public static final int OPEN_EXISTING = 1;
    public static final int OPEN_OR_CREATE = 2;
    /** Set in an open's result when the call created the object. */
    public static final long CREATED = 1L << 48;
    /** The most permits a Windows semaphore holds. */
    public static final long SEMAPHORE_MAX = 0x7FFF_FFFFL;

    static {
        NativeLoader.load();
    }

    private NativeWinObjects() {}

    public static native long semaphoreOpen(byte[] name, int openMode, byte[] sddl, boolean requireOwner,
                                            long initial, long max);

    /** The count before, or -error (ERROR_TOO_MANY_POSTS: nothing was added). */
    public static native long semaphoreRelease(long handle, int count);

    public static native long mutexOpen(byte[] name, int openMode, byte[] sddl, boolean requireOwner);

    public static native int mutexRelease(long handle);

    public static native long eventOpen(byte[] name, int openMode, byte[] sddl, boolean requireOwner,
                                        boolean manualReset, boolean initiallySet);

    public static native int eventReset(long handle);

    /** 0, ABANDONED, TIMEOUT, CLOSED, WOKEN (NativeWindows) or -error; timeoutNanos -1: none. */
    public static native int await(long handle, long closedEvent, long wakeEvent, long timeoutNanos);

    /** Whether the object's DACL admits the current user only: 1, 0 or -error. */
    public static native int onlyCurrentUser(long handle);

    public static native void close(long handle);

    /** size: of a created mapping; writable: the access asked for. */
    public static native long shmOpen(byte[] name, int openMode, byte[] sddl, boolean requireOwner, long size,
                                      boolean writable);

    /** out: the view's address and size (whole pages). */
    public static native int shmMap(long handle, boolean writable, long[] out);

    public static native int shmUnmap(long address);
}
