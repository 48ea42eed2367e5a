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

    /** The longest message, in bytes, this channel carries. */
    int maxMessageSize();

    /**
     * Sends src's remaining bytes as one message, waiting while the channel is full; on return src's
     * position is its limit.
     *
     * @throws IllegalArgumentException src holds more than {@link #maxMessageSize()} bytes
     * @throws PeerDiedException the receiving process died while this one waited for room
     */
    void send(ByteBuffer src) throws IOException, InterruptedException;

    /** Sends src's remaining bytes if there is room now; false (src untouched) if not. */
    boolean offer(ByteBuffer src) throws IOException;

    /** Sends src's remaining bytes, waiting at most timeout for room; false (src untouched) if none came. */
    boolean offer(ByteBuffer src, Duration timeout) throws IOException, InterruptedException;

    /**
     * Receives the next message into dst, waiting while there is none: returns its length; dst's position
     * advances by it.
     *
     * @throws IllegalArgumentException dst has fewer bytes remaining than the message (it stays queued)
     * @throws PeerDiedException the sending process died and left nothing more to receive
     */
    int receive(ByteBuffer dst) throws IOException, InterruptedException;

    /** Receives a message if one is there now: its length, or {@link #NO_MESSAGE} (dst untouched). */
    int poll(ByteBuffer dst) throws IOException;

    /** Receives a message, waiting at most timeout: its length, or {@link #NO_MESSAGE}. */
    int poll(ByteBuffer dst, Duration timeout) throws IOException, InterruptedException;

    /** Convenience: sends the whole array (wraps it: allocates). */
    default void send(byte[] message) throws IOException, InterruptedException {
        send(ByteBuffer.wrap(message));
    }

    /** Convenience: receives the next message into a new array (allocates). */
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

    boolean isClosed();
}
