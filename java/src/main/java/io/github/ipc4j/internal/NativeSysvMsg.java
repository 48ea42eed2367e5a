package io.github.ipc4j.internal;

import java.nio.ByteBuffer;

/**
 * Natives of System V message queues (sysv_msg.h). Results are values or -errno. Send and receive take
 * the calling thread's blocker (0 with {@link #NOWAIT}) and a timeout in nanoseconds (-1: none); the type
 * of the last message the calling thread received is {@link #receivedType()}.
 */
public final class NativeSysvMsg {
    /** IPC_NOWAIT. */
    public static final int NOWAIT = 1;
    /** MSG_NOERROR: truncate a longer message. */
    public static final int NOERROR = 2;
    /** MSG_EXCEPT: the first message of any other type. */
    public static final int EXCEPT = 4;
    /** MSG_COPY: copy the message at an index, leaving it. */
    public static final int COPY = 8;

    static {
        NativeLoader.load();
    }

    private NativeSysvMsg() {}

    /** (created << 32) | identifier, or -errno. */
    public static native long open(int key, int openMode, int mode, int access);

    public static native int sendDirect(int id, long type, ByteBuffer buffer, int position, int length, int flags,
                                        long blocker, long timeoutNanos);

    public static native int sendArray(int id, long type, byte[] array, int offset, int length, int flags,
                                       long blocker, long timeoutNanos);

    /**
     * The payload's length in the low 32 bits and the message's type in the high 32 when it is below
     * 2<sup>31</sup> (0 there otherwise: {@link #receivedType()} has it), or -errno. One call instead of
     * two for the types programs use.
     */
    public static native long receiveDirect(int id, ByteBuffer buffer, int position, int capacity, long type, int flags,
                                            long blocker, long timeoutNanos);

    /** As {@link #receiveDirect}. */
    public static native long receiveArray(int id, byte[] array, int offset, int capacity, long type, int flags,
                                           long blocker, long timeoutNanos);

    /** The type of the message the calling thread received last. */
    public static native long receivedType();

    /** The length part of what a receive returned (&gt;= 0). */
    public static int receivedLength(long received) {
        return (int) received;
    }

    /** The type of the message a receive returned (&gt;= 0): from the result, or the thread's last. */
    public static long receivedType(long received) {
        long type = received >>> 32;
        return type != 0 ? type : receivedType();
    }

    /**
     * Fills out (16 longs) with {key, uid, gid, cuid, cgid, mode, bytes, messages, byte limit, last sender pid,
     * last receiver pid, send time, receive time, change time (seconds), 0, 0}.
     */
    public static native int stat(int id, long[] out);

    /** IPC_SET of owner uid, gid, mode bits and byte limit; -1 keeps a value. */
    public static native int set(int id, long uid, long gid, int mode, long qbytes);

    public static native int remove(int id);
}
