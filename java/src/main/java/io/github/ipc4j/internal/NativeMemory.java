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

    /**
     * A mutex call that did not happen: another process truncated the memory under it while this thread touched
     * it (Linux). What was lost is private memory now: map it from the object again
     * ({@link #restoreShared}) before anything reads it.
     */
    public static final int LOST = -100003;

    private NativeMemory() {}

    /** A direct buffer over length bytes at address; it owns nothing (no cleaner). */
    public static native ByteBuffer buffer(long address, int length);

    public static native long mutexSize();

    public static native int mutexInit(long address);

    /**
     * 0, -EOWNERDEAD (taken; the holder died), -ENOTRECOVERABLE, -EBUSY, -ETIMEDOUT, -EDEADLK, -errno; every mutex
     * call can also return {@link #LOST}.
     */
    public static native int mutexLock(long address, long timeoutNanos);

    public static native int mutexUnlock(long address);

    public static native int mutexConsistent(long address);

    /**
     * The read-modify-write atomics of memory another process can shrink, made inside the fault guard: the JVM's
     * own on a page the object lost end the process. Each throws {@link MemoryLostException} when its page was
     * lost: it did nothing, and those bytes are private memory until mapped again ({@link #restoreShared}).
     */
    public static native boolean compareAndSetInt(long address, int expected, int value);

    public static native boolean compareAndSetLong(long address, long expected, long value);

    public static native int getAndAddInt(long address, int delta);

    public static native long getAndAddLong(long address, long delta);

    /**
     * Replaces the size bytes mapped at address (shared memory) in place by private anonymous pages, which
     * detaches the shared object while keeping the addresses reserved: 0 or -errno.
     */
    public static native int replaceWithReserved(long address, long size);

    /**
     * Maps the length bytes at address again from fd, widened to whole pages, where the mapping began at the
     * file's start (offset is address's place in the file): memory a mutex call lost becomes the object's again.
     * 0 or -errno.
     */
    public static native int restoreShared(long address, long length, int fd, long offset, boolean writable);

    /** Unmaps what {@link #replaceWithReserved} left: 0 or -errno. */
    public static native int unmapReserved(long address, long size);
}
