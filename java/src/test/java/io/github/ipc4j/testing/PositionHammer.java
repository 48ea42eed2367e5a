package io.github.ipc4j.testing;

import java.nio.ByteBuffer;

/**
 * A thread that keeps moving a buffer's position back and forth, as a careless caller's other thread would
 * while the buffer is in a call: what native code must survive without reaching past the buffer.
 */
public final class PositionHammer implements AutoCloseable {
    private final Thread thread;
    private volatile boolean stop;

    public PositionHammer(ByteBuffer buffer, int from, int to) {
        thread = new Thread(() -> {
            while (!stop) {
                buffer.position(from);
                buffer.position(to);
            }
        }, "position-hammer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join();
    }
}
