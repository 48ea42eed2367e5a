package io.github.ipc4j.internal;

import io.github.ipc4j.IpcException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One mapping of shared memory (POSIX or System V) and the rule that keeps every access to it safe:
 * <b>the memory stays mapped while any buffer over it is reachable</b>.
 *
 * <p>Every buffer handed out over the mapping is a fresh direct buffer registered with a Cleaner; the
 * mapping counts them and is unmapped (by its {@link Unmapper}) only when the last one has been
 * collected. Slices, duplicates and read-only views of a buffer keep it reachable (they hold it as their
 * attachment), so whatever a caller keeps, the memory under it stays. The atomics go through 1 GiB
 * windows of the same kind, held by this object and kept reachable across each access with
 * {@link Reference#reachabilityFence}. Bounds and alignment are checked here; buffers check their own.
 * The cost: the address space is given back when the garbage collector finds the last buffer, not at
 * close — the same trade as {@code MappedByteBuffer}.
 *
 * <p>{@link #releaseNow()} gives the mapping back at once when no buffer handed out is live (the windows
 * are this object's own): the memory's pages are replaced in place by private anonymous ones
 * ({@code mmap MAP_FIXED}), which detaches the object (a System V segment's nattch drops) while the
 * addresses stay reserved, so an atomic racing with the release touches harmless private memory instead of
 * an unmapped page; the reservation is unmapped when the windows are collected. A view asked for after
 * the release throws.
 */
public final class MappedMemory {
    /** Gives a mapping back: munmap or shmdt. Must not refer to any buffer over the mapping. */
    public interface Unmapper {
        void unmap(long address, long size);
    }

    /**
     * For memory another process can shrink (a POSIX object's file). The JVM turns a fault in a plain read or
     * write of mapped memory into an InternalError, but a fault in its own compare-and-set ends the process, and
     * so does one in the C library's: such calls on this memory run in native code under a fault guard instead
     * ({@link NativeMemory#compareAndSetLong}, the robust lock's mutex calls), which lets one that struck a lost
     * page end on private memory. The guard then maps those bytes from the object again.
     */
    public interface ShrinkGuard {
        /**
         * A guarded call (what) on [offset, offset + length), mapped at address, lost those pages: maps them
         * from the object again and returns the IpcException saying what was lost (detail), with what kept the
         * bytes from coming back (the object closed, or still too short) suppressed in it.
         */
        IpcException lost(long address, long offset, long length, String what, String detail);
    }

    static {
        // The JVM throws a fault in a plain access of mapped memory (another process shrank it) at its next call
        // into Java, which may be a class's static initializer: that class would stay unusable in this JVM. The
        // paths that report a shrink use Errno, whose initializer asks the native library: initialized here,
        // before any memory is mapped. (String concatenation is compiled without invokedynamic for the same
        // reason: see the pom.)
        try {
            MethodHandles.lookup().ensureInitialized(Errno.class);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static final Cleaner CLEANER = Cleaner.create();
    private static final int WINDOW_SHIFT = 30;
    private static final long WINDOW_MASK = (1L << WINDOW_SHIFT) - 1;
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class,
            ByteOrder.nativeOrder());

    private final long address;
    private final long size;
    private final boolean writable;
    private final Mapping mapping;
    private final ByteBuffer[] windows;
    private final ShrinkGuard shrinkGuard;

    /**
     * Takes ownership of size bytes mapped at address (size 0: nothing is mapped); shrinkGuard is null for
     * memory no process can shrink.
     */
    public MappedMemory(long address, long size, boolean writable, Unmapper unmapper, ShrinkGuard shrinkGuard) {
        this(address, size, writable, unmapper, shrinkGuard, false);
    }

    /**
     * As above; releasableNow says that {@link #releaseNow()} may replace the pages in place (Unix memory
     * mapped by mmap or shmat, whose reservation munmap gives back).
     */
    public MappedMemory(long address, long size, boolean writable, Unmapper unmapper, ShrinkGuard shrinkGuard,
                        boolean releasableNow) {
        this.address = address;
        this.size = size;
        this.writable = writable;
        this.shrinkGuard = shrinkGuard;
        int count = (int) ((size + WINDOW_MASK) >>> WINDOW_SHIFT);
        this.mapping = new Mapping(address, size, unmapper, count, releasableNow);
        this.windows = new ByteBuffer[count];
        for (int i = 0; i < count; i++) {
            long start = (long) i << WINDOW_SHIFT;
            ByteBuffer window = NativeMemory.buffer(address + start, (int) Math.min(1L << WINDOW_SHIFT, size - start));
            CLEANER.register(window, mapping::windowCollected);
            windows[i] = window;
        }
    }

    /**
     * Gives the mapping back now if no buffer handed out over it is live (a buffer counts until the garbage
     * collector has found it unreachable): true if it was (or nothing is mapped), false if a buffer is live
     * or this mapping cannot be released early (then it goes when the last buffer is collected).
     */
    public boolean releaseNow() {
        try {
            return mapping.releaseNow();
        } finally {
            Reference.reachabilityFence(this); // the windows, until the pages are replaced
        }
    }

    public long size() {
        return size;
    }

    /** The exception for a failed mmap of size bytes of object: an address-space limit named as such. */
    public static java.io.IOException mapFailure(int errno, long size, String object) {
        IpcException spent = MappingBudget.refused(errno, "mmap", object);
        if (spent != null) {
            return spent;
        }
        if (errno == Errno.ENOMEM) {
            return Errors.limit(errno, "mmap", object, "no room in this process's address space for "
                    + size + " bytes", "RLIMIT_AS (ulimit -v) and vm.max_map_count",
                    "ulimit -v unlimited, or sysctl -w vm.max_map_count=<higher>");
        }
        return Errors.of(errno, "mmap", object);
    }

    public boolean writable() {
        return writable;
    }

    /** A new buffer over [offset, offset + length): read-only when the mapping is. */
    public ByteBuffer view(long offset, int length) {
        checkRange(offset, length);
        ByteBuffer view = register(offset, length);
        return writable ? view : view.asReadOnlyBuffer();
    }

    /**
     * The address of [offset, offset + length) for a native call, with the buffer that keeps it mapped:
     * the caller holds the buffer until the call is over (and fences it).
     */
    public ByteBuffer pin(long offset, int length) {
        checkRange(offset, length);
        return register(offset, length);
    }

    public long address(long offset) {
        return address + offset;
    }

    public int getIntVolatile(long offset) {
        ByteBuffer window = window(offset, 4);
        try {
            return (int) INTS.getVolatile(window, index(offset));
        } finally {
            Reference.reachabilityFence(window);
        }
    }

    public void setIntVolatile(long offset, int value) {
        ByteBuffer window = writableWindow(offset, 4);
        try {
            INTS.setVolatile(window, index(offset), value);
        } finally {
            Reference.reachabilityFence(window);
        }
    }

    public boolean compareAndSetInt(long offset, int expected, int value) {
        ByteBuffer window = writableWindow(offset, 4);
        try {
            if (shrinkGuard != null) {
                try {
                    return NativeMemory.compareAndSetInt(address + offset, expected, value);
                } catch (MemoryLostException e) {
                    throw atomicLost(offset, 4);
                }
            }
            return INTS.compareAndSet(window, index(offset), expected, value);
        } finally {
            Reference.reachabilityFence(window);
        }
    }

    public int getAndAddInt(long offset, int delta) {
        ByteBuffer window = writableWindow(offset, 4);
        try {
            if (shrinkGuard != null) {
                try {
                    return NativeMemory.getAndAddInt(address + offset, delta);
                } catch (MemoryLostException e) {
                    throw atomicLost(offset, 4);
                }
            }
            return (int) INTS.getAndAdd(window, index(offset), delta);
        } finally {
            Reference.reachabilityFence(window);
        }
    }

    public long getLongVolatile(long offset) {
        ByteBuffer window = window(offset, 8);
        try {
            return (long) LONGS.getVolatile(window, index(offset));
        } finally {
            Reference.reachabilityFence(window);
        }
    }

    public void setLongVolatile(long offset, long value) {
        ByteBuffer window = writableWindow(offset, 8);
        try {
            LONGS.setVolatile(window, index(offset), value);
        } finally {
            Reference.reachabilityFence(window);
        }
    }

    public boolean compareAndSetLong(long offset, long expected, long value) {
        ByteBuffer window = writableWindow(offset, 8);
        try {
            if (shrinkGuard != null) {
                try {
                    return NativeMemory.compareAndSetLong(address + offset, expected, value);
                } catch (MemoryLostException e) {
                    throw atomicLost(offset, 8);
                }
            }
            return LONGS.compareAndSet(window, index(offset), expected, value);
        } finally {
            Reference.reachabilityFence(window);
        }
    }

    public long getAndAddLong(long offset, long delta) {
        ByteBuffer window = writableWindow(offset, 8);
        try {
            if (shrinkGuard != null) {
                try {
                    return NativeMemory.getAndAddLong(address + offset, delta);
                } catch (MemoryLostException e) {
                    throw atomicLost(offset, 8);
                }
            }
            return (long) LONGS.getAndAdd(window, index(offset), delta);
        } finally {
            Reference.reachabilityFence(window);
        }
    }

    /**
     * After a guarded native call (what) on [offset, offset + length) of this mapping reported that another
     * process truncated the object under it: maps those bytes from the object again and returns the exception
     * that says so (detail). Memory nobody can shrink never loses a page; its guard is null.
     */
    public IpcException lost(long offset, long length, String what, String detail) {
        if (shrinkGuard == null) {
            return Errors.ipc(Errno.EINVAL, what, "shared memory", detail);
        }
        return shrinkGuard.lost(address + offset, offset, length, what, detail);
    }

    private IllegalStateException atomicLost(long offset, int width) {
        IpcException lost = lost(offset, width, "atomic", "another process shrank the object under an atomic at "
                + "byte " + offset + " (and may have grown it again since): the atomic did not happen");
        return new IllegalStateException(lost.getMessage(), lost);
    }


    private ByteBuffer register(long offset, int length) {
        if (length == 0) {
            return ByteBuffer.allocateDirect(0); // nothing to keep mapped
        }
        mapping.retain();
        ByteBuffer buffer = NativeMemory.buffer(address + offset, length);
        CLEANER.register(buffer, mapping::release);
        return buffer;
    }

    private ByteBuffer writableWindow(long offset, int width) {
        if (!writable) {
            throw new ReadOnlyBufferException();
        }
        return window(offset, width);
    }

    private ByteBuffer window(long offset, int width) {
        checkRange(offset, width);
        if ((offset & (width - 1)) != 0) {
            throw new IllegalArgumentException("offset " + offset + " is not aligned: a " + width * 8
                    + "-bit atomic needs an offset that is a multiple of " + width);
        }
        return windows[(int) (offset >>> WINDOW_SHIFT)];
    }

    private static int index(long offset) {
        return (int) (offset & WINDOW_MASK);
    }

    private void checkRange(long offset, long length) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("bytes [" + offset + ", " + offset + " + " + length
                    + ") are outside the shared memory's " + size + " bytes");
        }
    }

    /** The mapping's own state, reachable from the cleaners without reaching any buffer. */
    private static final class Mapping {
        private final long address;
        private final long size;
        private final Unmapper unmapper;
        private final boolean releasableNow;
        /** 1 for the owner (the windows, until collected or released now) + 1 per live buffer handed out. */
        private final AtomicInteger holds = new AtomicInteger(1);
        /** Windows not collected yet. */
        private final AtomicInteger windows;
        /** Set by releaseNow: the pages were replaced, only the reservation is left to unmap. */
        private volatile boolean replaced;

        Mapping(long address, long size, Unmapper unmapper, int windows, boolean releasableNow) {
            this.address = address;
            this.size = size;
            this.unmapper = unmapper;
            this.windows = new AtomicInteger(windows);
            this.releasableNow = releasableNow;
        }

        void retain() {
            for (;;) {
                int h = holds.get();
                if (h == 0) {
                    throw new IllegalStateException("the shared memory's mapping was released (closeAndRelease)");
                }
                if (holds.compareAndSet(h, h + 1)) {
                    return;
                }
            }
        }

        void release() {
            if (holds.decrementAndGet() == 0 && size > 0) {
                unmapper.unmap(address, size);
            }
        }

        void windowCollected() {
            if (windows.decrementAndGet() == 0) {
                if (replaced) {
                    NativeMemory.unmapReserved(address, size);
                } else {
                    release(); // the owner's hold
                }
            }
        }

        boolean releaseNow() {
            if (size == 0) {
                return true;
            }
            if (!releasableNow || !holds.compareAndSet(1, 0)) {
                return false;
            }
            if (NativeMemory.replaceWithReserved(address, size) != 0) {
                holds.set(1); // the kernel refused (no memory for a new mapping): it goes with the windows
                return false;
            }
            replaced = true;
            return true;
        }
    }
}
