package io.github.ipc4j.internal;

import java.nio.ByteBuffer;

/**
 * Where a heap buffer's bytes are in its backing array, for a native call. Callers read a buffer's position and
 * remaining bytes one at a time, and another thread of theirs may move the position in between: native code
 * refuses a range that runs past the array (ipc4j_jni.h), but a slice's array goes on past the slice, so the
 * buffer's own end is checked here.
 */
public final class HeapRange {
    private HeapRange() {}

    /**
     * The array index of buffer's position, for a call that reaches length bytes from there; -1, which native
     * code refuses (EFAULT), when those bytes would run past the buffer.
     */
    public static int start(ByteBuffer buffer, int length) {
        int position = buffer.position();
        return length <= buffer.capacity() - position ? buffer.arrayOffset() + position : -1;
    }
}
