package io.github.ipc4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * One direction of a message stream between two processes: byte messages of variable length, delivered
 * whole, in order, none lost or duplicated. Shaped like the queues ({@code send}/{@code offer} and
 * {@code receive}/{@code poll}, as {@link java.util.concurrent.BlockingQueue}); each end is opened either
 * to send or to receive.
 *
 * <p>Implementations: {@link SharedMemoryChannel} (a ring in shared memory on one machine); the
 * {@code ipc4j-aeron} module implements it over Aeron for peers on other machines, so code written against
 * this interface moves between the two unchanged.
 *
 * <p>Blocking calls throw InterruptedException when the thread is interrupted (the channel stays usable)
 * and {@link IpcClosedException} when another thread closes the channel; use after close throws
 * IpcClosedException. Timeouts are not errors: {@link #offer(ByteBuffer, Duration)} answers false and
 * {@link #poll(ByteBuffer, Duration)} {@link #NO_MESSAGE}.
 */
public interface MessageChannel extends AutoCloseable {
    /** What poll returns when no message came. */
    int NO_MESSAGE = -1;

    /**
     * The longest message, in bytes, this channel carries.
     *
     * @return the limit in bytes
     */
    int maxMessageSize();

    /**
     * Sends src's remaining bytes as one message, waiting while the channel is full; on return src's
     * position is its limit.
     *
     * @param src the message, from its position to its limit
     * @throws IllegalArgumentException src holds more than {@link #maxMessageSize()} bytes
     * @throws PeerDiedException the receiving process died while this one waited for room
     * @throws IOException the OS call failed, or this end was closed ({@link IpcClosedException}, also while waiting)
     * @throws InterruptedException the thread was interrupted while it waited (nothing was sent; the channel stays usable)
     */
    void send(ByteBuffer src) throws IOException, InterruptedException;

    /**
     * Sends src's remaining bytes if there is room now; false (src untouched) if not.
     *
     * @param src the message, from its position to its limit
     * @return true when sent, false when the channel was full
     * @throws IllegalArgumentException src holds more than {@link #maxMessageSize()} bytes
     * @throws IOException the receiving process died ({@link PeerDiedException}), the OS call failed, or this
     *         end was closed ({@link IpcClosedException})
     */
    boolean offer(ByteBuffer src) throws IOException;

    /**
     * Sends src's remaining bytes, waiting at most timeout for room; false (src untouched) if none came.
     *
     * @param src the message, from its position to its limit
     * @param timeout how long to wait for room at most
     * @return true when sent, false when no room came in time
     * @throws IllegalArgumentException src holds more than {@link #maxMessageSize()} bytes
     * @throws IOException the receiving process died ({@link PeerDiedException}), the OS call failed, or this
     *         end was closed ({@link IpcClosedException})
     * @throws InterruptedException the thread was interrupted while it waited (nothing was sent; the channel stays usable)
     */
    boolean offer(ByteBuffer src, Duration timeout) throws IOException, InterruptedException;

    /**
     * Receives the next message into dst, waiting while there is none: returns its length; dst's position
     * advances by it.
     *
     * @param dst where the message goes, from its position
     * @return the message's length in bytes
     * @throws IllegalArgumentException dst has fewer bytes remaining than the message (it stays queued)
     * @throws PeerDiedException the sending process died and left nothing more to receive
     * @throws IOException the OS call failed, or this end was closed ({@link IpcClosedException}, also while waiting)
     * @throws InterruptedException the thread was interrupted while it waited (nothing was taken; the channel stays usable)
     */
    int receive(ByteBuffer dst) throws IOException, InterruptedException;

    /**
     * Receives a message if one is there now.
     *
     * @param dst where the message goes, from its position
     * @return the message's length in bytes, or {@link #NO_MESSAGE} (dst untouched)
     * @throws IllegalArgumentException dst has fewer bytes remaining than the message (it stays queued)
     * @throws IOException the sending process died ({@link PeerDiedException}), the OS call failed, or this
     *         end was closed ({@link IpcClosedException})
     */
    int poll(ByteBuffer dst) throws IOException;

    /**
     * Receives a message, waiting at most timeout.
     *
     * @param dst where the message goes, from its position
     * @param timeout how long to wait at most
     * @return the message's length in bytes, or {@link #NO_MESSAGE} when none came in time
     * @throws IllegalArgumentException dst has fewer bytes remaining than the message (it stays queued)
     * @throws IOException the sending process died ({@link PeerDiedException}), the OS call failed, or this
     *         end was closed ({@link IpcClosedException})
     * @throws InterruptedException the thread was interrupted while it waited (nothing was taken; the channel stays usable)
     */
    int poll(ByteBuffer dst, Duration timeout) throws IOException, InterruptedException;

    /**
     * Convenience: sends the whole array (wraps it: allocates).
     *
     * @param message the message
     * @throws IOException as {@link #send(ByteBuffer)}
     * @throws InterruptedException as {@link #send(ByteBuffer)}
     */
    default void send(byte[] message) throws IOException, InterruptedException {
        send(ByteBuffer.wrap(message));
    }

    /**
     * Convenience: receives the next message into a new array (allocates).
     *
     * @return the message
     * @throws IOException as {@link #receive(ByteBuffer)}
     * @throws InterruptedException as {@link #receive(ByteBuffer)}
     */
    default byte[] receive() throws IOException, InterruptedException {
        ByteBuffer buffer = ByteBuffer.allocate(maxMessageSize());
        int length = receive(buffer);
        byte[] message = new byte[length];
        buffer.flip().get(message);
        return message;
    }

    /** Closes this end: idempotent; blocked callers get IpcClosedException. Does not remove the channel. */
    @Override
    void close();

    /**
     * Whether this end was closed.
     *
     * @return true once closed
     */
    boolean isClosed();
}
