package io.github.ipc4j.internal;

/** Natives of POSIX shared memory objects. Results are values or -errno. */
public final class NativePosixShm {
    static {
        NativeLoader.load();
    }

    private NativePosixShm() {}

    /** (created << 32) | descriptor, or -errno. */
    public static native long open(byte[] name, int openMode, boolean writable, int mode, long size);

    public static native int close(int fd);

    public static native int unlink(byte[] name);

    public static native long size(int fd);

    public static native int grow(int fd, long size);

    /** The mapping's address, or -errno. */
    public static native long map(int fd, long size, boolean writable);

    public static native int unmap(long address, long size);
}
