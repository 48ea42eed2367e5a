package io.github.ipc4j.internal;

import java.nio.ByteBuffer;

/**
 * Natives over mapped shared memory: buffers on it and the robust mutex placed in it. Callers pass only
 * addresses inside a mapping they keep alive across the call (see {@link MappedMemory}).
 */
public final class NativeMemory {
    static {
        NativeLoader.load();
    }

    private NativeMemory() {}

    /** A direct buffer over length bytes at address; it owns nothing (no cleaner). */
    public static native ByteBuffer buffer(long address, int length);

    public static native long mutexSize();

    public static native int mutexInit(long address);

    /** 0, -EOWNERDEAD (taken; the holder died), -ENOTRECOVERABLE, -EBUSY, -ETIMEDOUT, -EDEADLK, -errno. */
    public static native int mutexLock(long address, long timeoutNanos);

    public static native int mutexUnlock(long address);

    public static native int mutexConsistent(long address);

    /**
     * Replaces the size bytes mapped at address (shared memory) in place by private anonymous pages, which
     * detaches the shared object while keeping the addresses reserved: 0 or -errno.
     */
    public static native int replaceWithReserved(long address, long size);

    /** Unmaps what {@link #replaceWithReserved} left: 0 or -errno. */
    public static native int unmapReserved(long address, long size);
}
