package io.github.ipc4j.sysv;

import java.nio.ByteBuffer;

/**
 * The heap buffer a thread's allocating System V receives take a message into before copying out just its
 * bytes: allocated once per thread (and again only when the kernel's msgmax grew), so such a receive
 * allocates the message, not msgmax bytes.
 */
final class ReceiveScratch {
    private static final ThreadLocal<ByteBuffer> SCRATCH = new ThreadLocal<>();

    private ReceiveScratch() {}

    /** This thread's scratch with at least room bytes, cleared. */
    static ByteBuffer forThisThread(int room) {
        ByteBuffer buffer = SCRATCH.get();
        if (buffer == null || buffer.capacity() < room) {
            buffer = ByteBuffer.allocate(room);
            SCRATCH.set(buffer);
        }
        return buffer.clear();
    }
}
