package io.github.ipc4j;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One direction of a message stream between two processes: byte messages of variable length, delivered
 * whole, in order, none lost or duplicated. A {@link MessageQueue} ({@code send}/{@code offer} and
 * {@code receive}/{@code poll}, as {@link java.util.concurrent.BlockingQueue}); each end is opened either
 * to send or to receive.
 *
 * <p>Implementations: {@link SharedMemoryChannel} (a ring in shared memory on one machine); the
 * {@code ipc4j-aeron} module implements it over Aeron for peers on other machines, so code written against
 * this interface moves between the two unchanged.
 *
 * <p>Blocking calls throw InterruptedException when the thread is interrupted (the channel stays usable)
 * and {@link IpcClosedException} when another thread closes the channel; use after close throws
 * IpcClosedException. Timeouts are not errors: an offer answers false and a poll {@link #NO_MESSAGE}.
 * A send that waits for room throws {@link PeerDiedException} when the receiving process died, and a
 * receive that waits throws it when the sending process died and left nothing more to receive. A receive
 * buffer with fewer bytes remaining than the next message is an IllegalArgumentException (the message stays).
 *
 * <p>Thread-safety is the implementation's: {@link SharedMemoryChannel} takes one call at a time per end.
 */
public interface MessageChannel extends MessageQueue {
    /**
     * Convenience: receives the next message into a new array (allocates), waiting while there is none.
     *
     * @return the message
     * @throws IOException the channel failed (for example {@link PeerDiedException})
     * @throws InterruptedException the thread was interrupted while waiting
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
}
