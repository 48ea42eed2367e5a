package io.github.ipc4j.bench;

/**
 * An ipc4j endpoint over two objects, one sent on and one received from (the same one for loopback):
 * opening and closing them, and the direct buffer messages move through.
 */
abstract class Pair<T extends AutoCloseable> implements Endpoint {
    /** Opens the object called name. */
    interface Opener<T> {
        T open(String name) throws Exception;
    }

    final T out;
    final T in;
    final java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(MAX_SIZE);

    Pair(Opener<T> opener, String sendName, String receiveName) throws Exception {
        out = opener.open(sendName);
        in = receiveName.equals(sendName) ? out : opener.open(receiveName);
    }

    /** The buffer holding length bytes to send. */
    java.nio.ByteBuffer outgoing(int length) {
        buffer.clear().limit(length);
        return buffer;
    }

    /** The buffer, empty, to receive into. */
    java.nio.ByteBuffer incoming() {
        return buffer.clear();
    }

    @Override
    public void close() throws Exception {
        try {
            out.close();
        } finally {
            in.close();
        }
    }
}
