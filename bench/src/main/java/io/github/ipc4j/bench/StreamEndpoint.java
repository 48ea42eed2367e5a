package io.github.ipc4j.bench;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/** An endpoint over byte channels (FIFO ends, socket channels): a message is written and read whole. */
final class StreamEndpoint implements Endpoint {
    private final WritableByteChannel out;
    private final ReadableByteChannel in;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_SIZE);

    StreamEndpoint(WritableByteChannel out, ReadableByteChannel in) {
        this.out = out;
        this.in = in;
    }

    @Override
    public void send(int length) throws Exception {
        buffer.clear().limit(length);
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    @Override
    public void receive(int length) throws Exception {
        buffer.clear().limit(length);
        while (buffer.hasRemaining()) {
            if (in.read(buffer) < 0) {
                throw new EOFException("end of stream: the peer is gone");
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            out.close();
        } finally {
            if (in != out) {
                in.close();
            }
        }
    }
}
