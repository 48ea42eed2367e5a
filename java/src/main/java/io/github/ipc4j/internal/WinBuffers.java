package io.github.ipc4j.internal;

import java.nio.ByteBuffer;

/**
 * A ByteBuffer as the Windows natives take it: a direct buffer (used in place), or a heap array with
 * its offset. Read-only heap buffers hide their array, so a write copies them once.
 */
public final class WinBuffers {
    private WinBuffers() {}

    public static ByteBuffer direct(ByteBuffer buffer) {
        return buffer.isDirect() ? buffer : null;
    }

    public static byte[] array(ByteBuffer buffer) {
        return buffer.isDirect() ? null : buffer.array();
    }

    /**
     * Where length bytes from the buffer's position start, in the direct buffer or in the array (-1 for bytes
     * past a heap buffer's end: {@link HeapRange}). The natives refuse a range outside the buffer or array.
     */
    public static int offset(ByteBuffer buffer, int length) {
        return buffer.isDirect() ? buffer.position() : HeapRange.start(buffer, length);
    }

    /** src itself when the natives can read it, else a copy of its remaining bytes. */
    public static ByteBuffer readable(ByteBuffer src) {
        if (src.isDirect() || src.hasArray()) {
            return src;
        }
        byte[] copy = new byte[src.remaining()];
        src.duplicate().get(copy);
        return ByteBuffer.wrap(copy);
    }

    /** Refuses a buffer the natives cannot fill. */
    public static void checkWritable(ByteBuffer dst) {
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("the buffer to read into is read-only");
        }
    }
}
