package io.github.ipc4j.posix;

/**
 * A queue's attributes at one moment (mq_getattr).
 *
 * <p>Immutable, and so thread-safe.
 */
public final class MqAttributes {
    private final boolean nonBlocking;
    private final long maxMessages;
    private final long messageSize;
    private final long currentMessages;

    MqAttributes(boolean nonBlocking, long maxMessages, long messageSize, long currentMessages) {
        this.nonBlocking = nonBlocking;
        this.maxMessages = maxMessages;
        this.messageSize = messageSize;
        this.currentMessages = currentMessages;
    }

    /**
     * Whether this descriptor is in non-blocking mode (O_NONBLOCK in mq_flags).
     *
     * @return true when O_NONBLOCK is set
     */
    public boolean nonBlocking() {
        return nonBlocking;
    }

    /**
     * The queue's capacity in messages (mq_maxmsg).
     *
     * @return mq_maxmsg
     */
    public long maxMessages() {
        return maxMessages;
    }

    /**
     * The largest message the queue carries, in bytes (mq_msgsize).
     *
     * @return mq_msgsize
     */
    public long messageSize() {
        return messageSize;
    }

    /**
     * Messages in the queue now (mq_curmsgs).
     *
     * @return mq_curmsgs
     */
    public long currentMessages() {
        return currentMessages;
    }

    @Override
    public String toString() {
        return "MqAttributes[messages " + currentMessages + "/" + maxMessages + ", messageSize " + messageSize
                + (nonBlocking ? ", non-blocking]" : "]");
    }
}
