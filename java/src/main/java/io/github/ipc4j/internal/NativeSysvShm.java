package io.github.ipc4j.internal;

/** Natives of System V shared memory segments. Results are values or -errno. */
public final class NativeSysvShm {
    /**
     * Length of status(): key, uid, gid, cuid, cgid, mode, size, attaches, cpid, lpid, atime, dtime, ctime,
     * removed (0/1).
     */
    public static final int STATUS_LENGTH = 14;

    static {
        NativeLoader.load();
    }

    private NativeSysvShm() {}

    /** (created << 32) | id, or -errno. */
    public static native long open(int key, int openMode, long size, int mode, boolean writable);

    /** The attached address, or -errno. */
    public static native long attach(int id, boolean writable);

    public static native int detach(long address);

    public static native int status(int id, long[] out);

    public static native int setOwnerMode(int id, long uid, long gid, int mode);

    public static native int remove(int id);
}
