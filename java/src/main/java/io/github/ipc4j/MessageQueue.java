package io.github.ipc4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A queue of byte messages between processes, read like a {@link java.util.concurrent.BlockingQueue}:
 * {@code send} waits for room, {@code offer} does not (or waits at most a timeout), {@code receive} waits for
 * a message, {@code poll} does not (or waits at most a timeout). Messages keep their boundaries.
 *
 * <p>Implemented by {@link io.github.ipc4j.posix.PosixMessageQueue} (messages sent here get priority 0),
 * {@link io.github.ipc4j.sysv.SysvMessageQueue} (messages sent here get type
 * {@link io.github.ipc4j.sysv.SysvMessageQueue#DEFAULT_TYPE}; a receive here takes a message of any type),
 * {@link io.github.ipc4j.portable.NamedMessageQueue}, and every {@link MessageChannel}. Each class keeps its
 * own richer forms beside these (priorities, types).
 *
 * <p>Every receive and poll answers the message's length in bytes, and every poll that got nothing answers
 * {@link #NO_MESSAGE}, which no length can be; dst's position advances by the length and is untouched when
 * nothing came. Nothing is allocated per message by the {@link ByteBuffer} forms. Timeouts are not errors:
 * an offer answers false, a poll {@link #NO_MESSAGE}; a negative timeout means zero (try once), as in
 * {@link java.util.concurrent.BlockingQueue#poll(long, TimeUnit)}, and a null one is a NullPointerException.
 *
 * <p>Blocking calls throw InterruptedException when the thread is interrupted (the queue stays usable) and
 * {@link IpcClosedException} when another thread closes the queue; use after close throws IpcClosedException
 * before reaching the OS. Implementations say in their own documentation which threads may share them.
 */
public interface MessageQueue extends AutoCloseable {
    /** What a poll answers when no message came: -1, which no length (at least 0) can be. */
    int NO_MESSAGE = -1;

    /**
     * The longest message this queue carries, in bytes; a receive buffer with this much room takes any
     * message.
     *
     * @return the largest message size, in bytes
     */
    int maxMessageSize();

    /**
     * Sends src's remaining bytes as one message, waiting while the queue is full; on return src's position
     * is its limit.
     *
     * @param src the message
     * @throws IllegalArgumentException src holds more than {@link #maxMessageSize()} bytes
     * @throws IOException the OS refused (an {@link IpcException} naming the call and error)
     * @throws InterruptedException the thread was interrupted while waiting; nothing was sent
     */
    void send(ByteBuffer src) throws IOException, InterruptedException;

    /**
     * Sends src's remaining bytes as one message if there is room now.
     *
     * @param src the message
     * @return true if it was sent; false (src untouched) if the queue is full
     * @throws IllegalArgumentException src holds more than {@link #maxMessageSize()} bytes
     * @throws IOException the OS refused
     */
    boolean offer(ByteBuffer src) throws IOException;

    /**
     * Sends src's remaining bytes as one message, waiting at most timeout for room.
     *
     * @param src the message
     * @param timeout the longest wait; zero or negative tries once
     * @return true if it was sent; false (src untouched) if no room came in time
     * @throws IllegalArgumentException src holds more than {@link #maxMessageSize()} bytes
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was sent
     */
    boolean offer(ByteBuffer src, Duration timeout) throws IOException, InterruptedException;

    /**
     * Sends src's remaining bytes as one message, waiting at most timeout units for room.
     *
     * @param src the message
     * @param timeout the longest wait, in units; zero or negative tries once
     * @param unit the unit of timeout
     * @return true if it was sent; false (src untouched) if no room came in time
     * @throws IllegalArgumentException src holds more than {@link #maxMessageSize()} bytes
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was sent
     */
    boolean offer(ByteBuffer src, long timeout, TimeUnit unit) throws IOException, InterruptedException;

    /**
     * Receives the next message into dst, waiting while there is none.
     *
     * @param dst where the message goes; its position advances by the message's length
     * @return the message's length in bytes
     * @throws IllegalArgumentException dst cannot take the message (see the implementation for when that is
     *                                  checked)
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was taken
     */
    int receive(ByteBuffer dst) throws IOException, InterruptedException;

    /**
     * Receives a message into dst if one is there now.
     *
     * @param dst where the message goes; its position advances by the message's length
     * @return the message's length in bytes, or {@link #NO_MESSAGE} (dst untouched)
     * @throws IOException the OS refused
     */
    int poll(ByteBuffer dst) throws IOException;

    /**
     * Receives a message into dst, waiting at most timeout for one.
     *
     * @param dst where the message goes; its position advances by the message's length
     * @param timeout the longest wait; zero or negative tries once
     * @return the message's length in bytes, or {@link #NO_MESSAGE} (dst untouched)
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was taken
     */
    int poll(ByteBuffer dst, Duration timeout) throws IOException, InterruptedException;

    /**
     * Receives a message into dst, waiting at most timeout units for one.
     *
     * @param dst where the message goes; its position advances by the message's length
     * @param timeout the longest wait, in units; zero or negative tries once
     * @param unit the unit of timeout
     * @return the message's length in bytes, or {@link #NO_MESSAGE} (dst untouched)
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was taken
     */
    int poll(ByteBuffer dst, long timeout, TimeUnit unit) throws IOException, InterruptedException;

    /**
     * Sends the whole array as one message, waiting while the queue is full (wraps it: one small
     * allocation).
     *
     * @param message the message
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was sent
     */
    default void send(byte[] message) throws IOException, InterruptedException {
        send(ByteBuffer.wrap(Objects.requireNonNull(message, "message must not be null")));
    }

    /**
     * Sends the whole array as one message if there is room now.
     *
     * @param message the message
     * @return true if it was sent, false if the queue is full
     * @throws IOException the OS refused
     */
    default boolean offer(byte[] message) throws IOException {
        return offer(ByteBuffer.wrap(Objects.requireNonNull(message, "message must not be null")));
    }

    /**
     * Sends the whole array as one message, waiting at most timeout for room.
     *
     * @param message the message
     * @param timeout the longest wait; zero or negative tries once
     * @return true if it was sent, false if no room came in time
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was sent
     */
    default boolean offer(byte[] message, Duration timeout) throws IOException, InterruptedException {
        return offer(ByteBuffer.wrap(Objects.requireNonNull(message, "message must not be null")), timeout);
    }

    /**
     * Sends the whole array as one message, waiting at most timeout units for room.
     *
     * @param message the message
     * @param timeout the longest wait, in units; zero or negative tries once
     * @param unit the unit of timeout
     * @return true if it was sent, false if no room came in time
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was sent
     */
    default boolean offer(byte[] message, long timeout, TimeUnit unit) throws IOException, InterruptedException {
        return offer(ByteBuffer.wrap(Objects.requireNonNull(message, "message must not be null")), timeout, unit);
    }

    /**
     * Whether {@link #close()} was called on this object.
     *
     * @return true once closed
     */
    boolean isClosed();

    /**
     * Closes this handle (not the queue itself): idempotent and thread-safe; threads blocked on it return with
     * {@link IpcClosedException}.
     */
    @Override
    void close();
}
