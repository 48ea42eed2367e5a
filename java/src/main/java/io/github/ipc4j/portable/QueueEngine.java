package io.github.ipc4j.portable;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What a NamedMessageQueue backend does. Deadlines are {@link io.github.ipc4j.internal.Deadline}s. Callers
 * have checked the buffers (a message fits the message size; a receive buffer holds the largest message).
 */
interface QueueEngine extends AutoCloseable {
    /** Sends src's remaining bytes as one message: false when there was no room by the deadline. */
    boolean send(ByteBuffer src, long deadline) throws IOException, InterruptedException;

    /** Receives a message into dst: its length, or -1 when none came by the deadline. */
    int receive(ByteBuffer dst, long deadline) throws IOException, InterruptedException;

    int messageSize();

    int capacity();

    boolean created();

    @Override
    void close();
}
