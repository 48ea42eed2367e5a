package io.github.ipc4j.internal;

import java.nio.ByteBuffer;

/** Natives of POSIX message queues. Results are values or -errno; receive results pack
 * (priority << 32) | length. */
public final class NativePosixMq {
    /** A try found the queue full (send) or empty (receive). */
    public static final int WOULD_BLOCK = -100000;

    static {
        NativeLoader.load();
    }

    private NativePosixMq() {}

    /** (created << 32) | descriptor, or -errno. name is NUL-terminated UTF-8. */
    public static native long open(byte[] name, int openMode, int access, int mode, long maxMessages, long messageSize);

    public static native int close(int fd);

    public static native int unlink(byte[] name);

    public static native int sendDirect(int fd, ByteBuffer buffer, int position, int length, int priority);

    public static native int sendArray(int fd, byte[] array, int offset, int length, int priority);

    public static native long receiveDirect(int fd, ByteBuffer buffer, int position, int capacity);

    /**
     * Sends from a direct buffer waiting inside mq_send while the queue is full, under blocker (a CallSlot's
     * waker), at most timeoutNs (< 0: no limit): 0, or -errno (-EINTR when woken or at the timeout).
     */
    public static native int sendDirectWaiting(int fd, ByteBuffer buffer, int position, int length, int priority,
                                               long blocker, long timeoutNs);

    /**
     * Receives into a direct buffer waiting inside mq_receive, under blocker (a CallSlot's waker), at most
     * timeoutNs (< 0: no limit); -EINTR when woken (interrupt, close, signal) or at the timeout.
     */
    public static native long receiveDirectWaiting(int fd, ByteBuffer buffer, int position, int capacity, long blocker,
                                                   long timeoutNs);

    public static native long receiveArray(int fd, byte[] array, int offset, int capacity);

    /** Fills out with {nonblocking (0/1), max messages, message size, current messages}. */
    public static native int getAttributes(int fd, long[] out);

    public static native int setNonBlocking(int fd, boolean nonBlocking);

    public static native long priorityLimit();

    public static native int notifyRegister(int fd, long token);

    public static native int notifyCancel(int fd);

    /** The queue's inode, the same through every descriptor of it; or -errno. */
    public static native long identity(int fd);

    /** Called by the library, on a thread of its own, when a registered notification fires. */
    static void arrived(long token) {
        NativeCallbacks.fire(token);
    }
}
