package io.github.ipc4j.portable;

import io.github.ipc4j.OpenModeOptions;

import java.util.Objects;

/**
 * How to open a {@link NamedMessageQueue}: the open mode, requireOwner, and for a created queue its capacity
 * in messages (default 10) and the largest message in bytes (default 1024); an opened queue keeps its own.
 * The backend defaults to {@link NamedMessageQueue.Backend#forThisOs()}. Queues are created for the current
 * user only on every OS.
 *
 * <p>Not thread-safe: a mutable builder, for one thread; the object opened from it keeps its own copy of what it needs.
 */
public final class NamedQueueOptions extends OpenModeOptions<NamedQueueOptions> {
    private NamedQueueOptions() {
        // made by options()
    }

    /** The most messages a shared-memory queue holds (macOS's SEM_VALUE_MAX bounds the semaphores). */
    public static final int MAX_CAPACITY = 32767;
    /** The largest message a shared-memory queue carries. */
    public static final int MAX_MESSAGE_SIZE = 1 << 24;

    private int capacity = 10;
    private int messageSize = 1024;
    private NamedMessageQueue.Backend backend;

    /**
     * New options: open an existing queue, capacity 10, messages up to 1024 bytes, this OS's backend.
     *
     * @return the options
     */
    public static NamedQueueOptions options() {
        return new NamedQueueOptions();
    }

    @Override
    protected NamedQueueOptions self() {
        return this;
    }

    /**
     * Messages a created queue holds: 1 to {@link #MAX_CAPACITY} (a POSIX mq on Linux is also bounded by
     * /proc/sys/fs/mqueue/msg_max, 10 by default for unprivileged users).
     *
     * @param capacity the number of messages
     * @return these options
     * @throws IllegalArgumentException capacity is outside 1 to {@link #MAX_CAPACITY}
     */
    public NamedQueueOptions capacity(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be from 1 to " + MAX_CAPACITY + " messages, was "
                    + capacity);
        }
        this.capacity = capacity;
        return this;
    }

    /**
     * The largest message of a created queue: 1 to {@link #MAX_MESSAGE_SIZE} bytes (a POSIX mq on Linux is also
     * bounded by /proc/sys/fs/mqueue/msgsize_max, 8192 by default).
     *
     * @param messageSize the largest message, in bytes
     * @return these options
     * @throws IllegalArgumentException messageSize is outside 1 to {@link #MAX_MESSAGE_SIZE}
     */
    public NamedQueueOptions messageSize(int messageSize) {
        if (messageSize < 1 || messageSize > MAX_MESSAGE_SIZE) {
            throw new IllegalArgumentException("messageSize must be from 1 to " + MAX_MESSAGE_SIZE + " bytes, was "
                    + messageSize);
        }
        this.messageSize = messageSize;
        return this;
    }

    /**
     * The backend; processes sharing a queue must use the same one.
     *
     * @param backend what backs the queue
     * @return these options
     */
    public NamedQueueOptions backend(NamedMessageQueue.Backend backend) {
        this.backend = Objects.requireNonNull(backend, "backend must not be null");
        return this;
    }

    /**
     * The capacity a created queue gets.
     *
     * @return the number of messages
     */
    public int capacity() {
        return capacity;
    }

    /**
     * The message size a created queue gets.
     *
     * @return the largest message, in bytes
     */
    public int messageSize() {
        return messageSize;
    }

    /**
     * The backend set, else this OS's default.
     *
     * @return the backend
     */
    public NamedMessageQueue.Backend backend() {
        return backend != null ? backend : NamedMessageQueue.Backend.forThisOs();
    }
}
