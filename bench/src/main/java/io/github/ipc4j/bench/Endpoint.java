package io.github.ipc4j.bench;

/**
 * One side of a ping-pong: it sends on one kernel object and receives on another (or, for the
 * single-process cost, on the same one). Each endpoint owns a direct buffer of {@link #MAX_SIZE} bytes;
 * the hot path allocates nothing.
 */
public interface Endpoint extends AutoCloseable {
    /** The largest message measured: 8 KiB, POSIX mq's default msgsize_max. */
    int MAX_SIZE = 8192;

    /** Sends one message of length bytes (a post, for mechanisms that carry none). */
    void send(int length) throws Exception;

    /** Receives one message of length bytes, waiting for it (a wait, for mechanisms that carry none). */
    void receive(int length) throws Exception;

    /**
     * Receiving goes on from another thread than before (sending stays on its thread): a library that ties an
     * object to the first thread that used it is told so. Nothing for most.
     */
    default void receiveOnAnotherThread() {
    }

    @Override
    void close() throws Exception;
}
