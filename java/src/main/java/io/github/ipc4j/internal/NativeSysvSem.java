package io.github.ipc4j.internal;

import java.nio.ByteBuffer;

/** Natives of System V semaphore sets. Results are values or -errno. */
public final class NativeSysvSem {
    /** Flags of one operation in {@link #encode} (IPC_NOWAIT, SEM_UNDO). */
    public static final int FLAG_NOWAIT = 1;
    public static final int FLAG_UNDO = 2;

    /** What {@link #get} reads of one semaphore: GETVAL, GETPID, GETNCNT, GETZCNT. */
    public static final int GET_VALUE = 0;
    public static final int GET_PID = 1;
    public static final int GET_NCOUNT = 2;
    public static final int GET_ZCOUNT = 3;

    /** Entries {@link #status} writes: key, uid, gid, cuid, cgid, mode, nsems, otime, ctime. */
    public static final int STATUS_LENGTH = 9;

    static {
        NativeLoader.load();
    }

    private NativeSysvSem() {}

    /** (created << 32) | id, or -errno. openMode is OpenMode's ordinal. */
    public static native long open(int key, int openMode, int nsems, int mode);

    /** The size of one struct sembuf. */
    public static native int sembufSize();

    /** Encodes count operations into out (a direct buffer of count * sembufSize() bytes). */
    public static native void encode(short[] nums, short[] ops, byte[] flags, int count, boolean allNoWait,
                                     ByteBuffer out);

    /**
     * Performs the count operations encoded in sops. blocker 0: must not sleep (the operations carry
     * IPC_NOWAIT); otherwise the thread's blocker. timeoutNanos &lt; 0: no timeout (semop).
     */
    public static native int op(int id, ByteBuffer sops, int count, long blocker, long timeoutNanos);

    public static native int get(int id, int num, int what);

    public static native int setValue(int id, int num, int value);

    public static native int getAll(int id, short[] values);

    public static native int setAll(int id, short[] values);

    public static native int status(int id, long[] out);

    /** IPC_SET: uid/gid &lt; 0 keep the owner, mode &lt; 0 keeps the mode. */
    public static native int setOwnerMode(int id, long uid, long gid, int mode);

    public static native int remove(int id);
}
