package io.github.ipc4j.internal;

import java.nio.ByteBuffer;

/** Natives of FIFOs (named pipes on Unix). Results are values or -errno. Paths are NUL-terminated bytes. */
public final class NativeFifo {
    /** A try found nothing to read, or no room to write. */
    public static final int WOULD_BLOCK = -100000;
    /** The path names something that is not a FIFO. */
    public static final int NOT_A_FIFO = -100010;
    /** The path names another FIFO now than the descriptor's. */
    public static final int REPLACED = -100011;

    static {
        NativeLoader.load();
    }

    private NativeFifo() {}

    public static native int create(byte[] path, int mode);

    public static native int delete(byte[] path);

    /** A non-blocking, close-on-exec descriptor; -ENXIO for a write open without a reader. */
    public static native int open(byte[] path, boolean forWrite);

    public static native int readDirect(int fd, ByteBuffer buffer, int position, int length);

    public static native int readArray(int fd, byte[] array, int offset, int length);

    /**
     * One read that waits for data inside read(2), under blocker (a {@link CallSlot}'s); the descriptor
     * must be in blocking mode. Bytes read, 0 (no writer), -EINTR (woken), WOULD_BLOCK, or -errno.
     */
    public static native int readDirectWaiting(int fd, ByteBuffer buffer, int position, int length, long blocker);

    /**
     * A second description of the FIFO fd is open on (same access mode), in blocking mode, close-on-exec: a
     * descriptor, REPLACED when path names another FIFO now, or -errno.
     */
    public static native int openTwin(int fd, byte[] path);

    public static native int writeDirect(int fd, ByteBuffer buffer, int position, int length, boolean guardSigpipe);

    /**
     * One write that waits for room inside write(2), under blocker; the descriptor must be in blocking mode.
     * Bytes written (fewer than length when a wake came after some), -EINTR (woken), or -errno.
     */
    public static native int writeDirectWaiting(int fd, ByteBuffer buffer, int position, int length,
                                                boolean guardSigpipe, long blocker);

    public static native int writeArray(int fd, byte[] array, int offset, int length, boolean guardSigpipe);

    /** Every writer that came has gone (a read end's POLLHUP). */
    public static native boolean hungUp(int fd);

    /** Whether SIGPIPE's action is the default (it would kill the JVM, as under -Xrs). */
    public static native boolean sigpipeKills();

    public static native int pipeBuf();

    public static native int close(int fd);
}
