package io.github.ipc4j.posix;

import io.github.ipc4j.Access;
import io.github.ipc4j.OpenOptions;

import java.util.Objects;

/**
 * How to open a {@link PosixMessageQueue}. Defaults: open an existing queue for reading and writing.
 * Sizes apply only when the call creates the queue; unset ones take the kernel's defaults
 * (/proc/sys/fs/mqueue/msg_default and msgsize_default).
 *
 * <p>Not thread-safe: a mutable builder, for one thread; the object opened from it keeps its own copy of what it needs.
 */
public final class PosixMqOptions extends OpenOptions<PosixMqOptions> {
    private Access access = Access.READ_WRITE;
    private long maxMessages;
    private long messageSize;

    private PosixMqOptions() {
        // made by options()
    }

    /**
     * New options: open an existing queue read-write; a created one gets the kernel's default capacity and
     * message size and mode 0600.
     *
     * @return the options
     */
    public static PosixMqOptions options() {
        return new PosixMqOptions();
    }

    @Override
    protected PosixMqOptions self() {
        return this;
    }

    /**
     * READ_WRITE (default), READ_ONLY or WRITE_ONLY: which calls this descriptor may make.
     *
     * @param access the access
     * @return these options
     */
    public PosixMqOptions access(Access access) {
        this.access = Objects.requireNonNull(access, "access must not be null");
        return this;
    }

    /**
     * Capacity of a created queue, in messages (mq_maxmsg): at least 1, at most /proc/sys/fs/mqueue/msg_max.
     *
     * @param maxMessages the capacity
     * @return these options
     */
    public PosixMqOptions maxMessages(long maxMessages) {
        if (maxMessages <= 0) {
            throw new IllegalArgumentException("maxMessages must be at least 1, was " + maxMessages);
        }
        this.maxMessages = maxMessages;
        return this;
    }

    /**
     * Largest message of a created queue, in bytes (mq_msgsize): at least 1, at most msgsize_max.
     *
     * @param messageSize the largest message
     * @return these options
     */
    public PosixMqOptions messageSize(long messageSize) {
        if (messageSize <= 0) {
            throw new IllegalArgumentException("messageSize must be at least 1 byte, was " + messageSize);
        }
        this.messageSize = messageSize;
        return this;
    }

    /**
     * Which calls the descriptor may make.
     *
     * @return the access
     */
    public Access access() {
        return access;
    }

    /**
     * The requested capacity, or 0 for the kernel's default.
     *
     * @return the capacity in messages, or 0 for the kernel's default
     */
    public long maxMessages() {
        return maxMessages;
    }

    /**
     * The requested message size, or 0 for the kernel's default.
     *
     * @return the message size in bytes, or 0 for the kernel's default
     */
    public long messageSize() {
        return messageSize;
    }
}
