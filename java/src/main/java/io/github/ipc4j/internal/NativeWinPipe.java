package io.github.ipc4j.internal;

import java.nio.ByteBuffer;

/**
 * Natives of Windows named pipes (win_pipe.h). A pipe is a native pointer; buffers are a direct
 * ByteBuffer or a heap array (the other null) with offset and length; blocking calls take the
 * object's closed event, the thread's wake event and a timeout in nanoseconds (-1: none).
 */
public final class NativeWinPipe {
    /** Set in read's result when the message goes on beyond what was read (message mode). */
    public static final long MORE_DATA = 1L << 32;

    static {
        NativeLoader.load();
    }

    private NativeWinPipe() {}

    public static native long create(byte[] name, boolean messageMode, int maxInstances, int outBufferSize,
                                     int inBufferSize, boolean firstInstance, boolean rejectRemote,
                                     boolean currentUserOnly);

    public static native int accept(long pipe, long closedEvent, long wakeEvent, long timeoutNanos);

    public static native int disconnect(long pipe);

    public static native long connect(byte[] name, boolean allowImpersonation, long closedEvent, long wakeEvent,
                                      long timeoutNanos);

    public static native long read(long pipe, ByteBuffer direct, byte[] array, int offset, int length,
                                   long closedEvent, long wakeEvent, long timeoutNanos);

    public static native long readMessage(long pipe, ByteBuffer direct, byte[] array, int offset, int length,
                                          long closedEvent, long wakeEvent, long timeoutNanos);

    public static native long write(long pipe, ByteBuffer direct, byte[] array, int offset, int length,
                                    long closedEvent, long wakeEvent, long timeoutNanos);

    public static native long peek(long pipe, ByteBuffer direct, byte[] array, int offset, int length);

    /** (bytes available &lt;&lt; 32) | bytes of the next message (message mode), or -error. */
    public static native long peekCounts(long pipe);

    /** out: server end (0/1), message mode (0/1), out buffer size, in buffer size, max instances. */
    public static native int info(long pipe, int[] out);

    public static native long peerProcessId(long pipe);

    public static native void close(long pipe);

    /**
     * The pipes of \\.\pipe\ packed into out: per pipe its instance count (4 bytes, big-endian, -1 when
     * unknown), its UTF-8 name and a NUL. Returns the length, {@link NativeWindows#TOO_SMALL_BASE} minus the
     * length needed when out is too small, or -error.
     */
    public static native long list(byte[] out);
}
