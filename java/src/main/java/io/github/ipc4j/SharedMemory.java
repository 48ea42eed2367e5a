package io.github.ipc4j;

import io.github.ipc4j.internal.MappedMemory;
import io.github.ipc4j.internal.Mappings;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Shared memory mapped into this process (POSIX {@code shm_open} objects, sealed memfd objects, System V
 * segments): byte buffer views and atomic operations that two processes can synchronise with.
 *
 * <p><b>Safety rule: nothing done through this API can touch unmapped memory.</b> Every buffer this
 * object hands out keeps the memory under it mapped for as long as the buffer (or any slice or duplicate
 * of it) is reachable: {@link #close()} only stops new views and atomics ({@link IpcClosedException});
 * the mapping is given back once the last buffer has been garbage collected. Buffers check their bounds, so
 * reading past the size is an IndexOutOfBoundsException or a BufferUnderflowException.
 *
 * <p><b>Releasing at once.</b> {@link #closeAndRelease()} closes and gives the mapping back now (a System
 * V segment's attach count drops at once, a POSIX object's pages are let go) when no buffer handed out
 * over it is live; when one is, it keeps the rule: nothing is unmapped, it returns false, and the mapping
 * goes when the last buffer has been collected, as after close(). A buffer counts as live until the
 * garbage collector has found it unreachable, and a {@link RobustLock} keeps one for as long as it is
 * reachable. An atomic that another thread started before the release and finishes after it lands in
 * private memory that stands in for the mapping (the addresses stay reserved until this object's own
 * windows are collected): it is lost, and nothing faults. On Windows the mapping always goes with the
 * garbage collector (closeAndRelease returns false).
 *
 * <p><b>Another process shrinking the object: the one risk no API can remove, and where it applies.</b>
 * A mapping stays, but the pages past a shrunk file's new end are gone: touching them raises SIGBUS.
 * <ul>
 * <li><b>Named POSIX objects</b> ({@link io.github.ipc4j.posix.PosixSharedMemory}) can be shrunk by any
 * process that may open them read-write ({@code ftruncate}); the OS has no way to forbid it on a named
 * object. A plain read or write through a view beyond the new end is turned by the JVM into an
 * {@link InternalError} ("a fault occurred in an unsafe memory access"). Compare-and-set and get-and-add run
 * in native code under ipc4j's SIGBUS guard (a handler installed in front of the JVM's, which passes it every
 * other SIGBUS): one that strikes a lost page does nothing, the page is mapped from the object again, and it
 * throws an IllegalStateException whose cause, an IpcException, says the object shrank. The robust lock checks
 * the size before each call and runs its mutex calls under the same guard (an IpcException). The JVM's own
 * compare-and-set, which a fault there would turn into a crash, is never used on such memory. With a peer that
 * shrinks and regrows the object in a loop (HostilePeerTest): 0 of 20 victim JVMs died, where 33 of 40 did
 * before the guard; their operations fail while the object is short. What stays: the data is the peer's to
 * destroy, and a JVM run with {@code -Xcheck:jni} prints once that the SIGBUS handler was modified. Where
 * peers must not be able to do this, use a sealed object: {@link
 * io.github.ipc4j.posix.PosixSharedMemory#sealedCopy()}.</li>
 * <li><b>Sealed objects</b> ({@link io.github.ipc4j.sealed.SealedSharedMemory}, Linux) cannot be shrunk by
 * anyone: the kernel refuses with EPERM, and a receiver checks the seal before it maps. No check is made
 * per call, and nothing a peer does can make an access fault. The same hostile-peer test: 0 of 20.</li>
 * <li><b>System V segments</b> cannot change size after creation: nothing to guard.</li>
 * <li><b>macOS</b>: a POSIX object's size is set once ({@code ftruncate} on a sized object fails), so
 * no peer can shrink it either; there is no memfd. <b>Windows</b> file mappings cannot change size after
 * creation.</li>
 * </ul>
 *
 * <p>Views use the native byte order ({@link ByteOrder#nativeOrder()}), as the atomics do, so that a C
 * peer reads the same values. Atomic operations need naturally aligned offsets (4 for int, 8 for long).
 * Thread-safe.
 */
public abstract class SharedMemory implements AutoCloseable {
    private static final VarHandle MEMORY;

    static {
        try {
            MEMORY = MethodHandles.lookup().findVarHandle(SharedMemory.class, "memory", MappedMemory.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        Mappings.install(SharedMemory::remapped); // the subclasses of other packages set their mapping there
    }

    private final String description;
    private volatile MappedMemory memory;
    /** Set by the first {@link #remapped}: a null memory after it means closed. */
    private volatile boolean mappedOnce;

    /**
     * The subclass maps the memory and hands it over with {@link #remapped}.
     *
     * @param description the object, for messages: "POSIX shared memory /orders"
     */
    protected SharedMemory(String description) {
        this.description = description;
    }

    /**
     * The mapped size in bytes.
     *
     * @return the size
     */
    public long size() {
        return mapped().size();
    }

    /**
     * Whether the mapping can be written (views are read-only otherwise).
     *
     * @return true for a read-write mapping
     */
    public boolean isWritable() {
        return mapped().writable();
    }

    /**
     * Whether this object was closed.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return memory == null;
    }

    /**
     * A buffer over the whole mapping (at most Integer.MAX_VALUE bytes; use {@link #buffer(long, int)}
     * for windows of larger objects), position 0, native byte order; read-only for a read-only mapping.
     *
     * @return the buffer
     * @throws IllegalStateException the object was closed
     */
    public ByteBuffer buffer() {
        MappedMemory m = mapped();
        if (m.size() > Integer.MAX_VALUE) {
            throw new IllegalStateException(description + " has " + m.size()
                    + " bytes, more than one ByteBuffer can hold (" + Integer.MAX_VALUE
                    + "): use buffer(offset, length) for a window");
        }
        return m.view(0, (int) m.size()).order(ByteOrder.nativeOrder());
    }

    /**
     * A buffer over bytes [offset, offset + length), native byte order; read-only for a read-only mapping.
     *
     * @param offset where the buffer starts in the mapping
     * @param length the buffer's capacity in bytes
     * @return the buffer
     * @throws IndexOutOfBoundsException the range is not inside the mapping
     * @throws IllegalStateException the object was closed
     */
    public ByteBuffer buffer(long offset, int length) {
        return mapped().view(offset, length).order(ByteOrder.nativeOrder());
    }

    /**
     * Reads the int at offset with volatile semantics.
     *
     * @param offset the int's place, a multiple of 4
     * @return the value
     * @throws IndexOutOfBoundsException the 4 bytes at offset are not all inside the mapping
     * @throws IllegalArgumentException offset is not a multiple of 4
     * @throws IllegalStateException the object was closed
     */
    public int getIntVolatile(long offset) {
        return mapped().getIntVolatile(offset);
    }

    /**
     * Writes the int at offset with volatile semantics.
     *
     * @param offset the int's place, a multiple of 4
     * @param value the value
     * @throws IndexOutOfBoundsException the 4 bytes at offset are not all inside the mapping
     * @throws IllegalArgumentException offset is not a multiple of 4
     * @throws IllegalStateException the object was closed
     */
    public void setIntVolatile(long offset, int value) {
        mapped().setIntVolatile(offset, value);
    }

    /**
     * Sets the int at offset to value if it holds expected, atomically (for every process that maps it).
     *
     * @param offset the int's place, a multiple of 4
     * @param expected the value it must hold
     * @param value the new value
     * @return true when it was set
     * @throws IndexOutOfBoundsException the 4 bytes at offset are not all inside the mapping
     * @throws IllegalArgumentException offset is not a multiple of 4
     * @throws IllegalStateException the object was closed
     */
    public boolean compareAndSetInt(long offset, int expected, int value) {
        return mapped().compareAndSetInt(offset, expected, value);
    }

    /**
     * Adds delta to the int at offset atomically.
     *
     * @param offset the int's place, a multiple of 4
     * @param delta what to add
     * @return the previous value
     * @throws IndexOutOfBoundsException the 4 bytes at offset are not all inside the mapping
     * @throws IllegalArgumentException offset is not a multiple of 4
     * @throws IllegalStateException the object was closed
     */
    public int getAndAddInt(long offset, int delta) {
        return mapped().getAndAddInt(offset, delta);
    }

    /**
     * Reads the long at offset with volatile semantics.
     *
     * @param offset the long's place, a multiple of 8
     * @return the value
     * @throws IndexOutOfBoundsException the 8 bytes at offset are not all inside the mapping
     * @throws IllegalArgumentException offset is not a multiple of 8
     * @throws IllegalStateException the object was closed
     */
    public long getLongVolatile(long offset) {
        return mapped().getLongVolatile(offset);
    }

    /**
     * Writes the long at offset with volatile semantics.
     *
     * @param offset the long's place, a multiple of 8
     * @param value the value
     * @throws IndexOutOfBoundsException the 8 bytes at offset are not all inside the mapping
     * @throws IllegalArgumentException offset is not a multiple of 8
     * @throws IllegalStateException the object was closed
     */
    public void setLongVolatile(long offset, long value) {
        mapped().setLongVolatile(offset, value);
    }

    /**
     * Sets the long at offset to value if it holds expected, atomically (for every process that maps it).
     *
     * @param offset the long's place, a multiple of 8
     * @param expected the value it must hold
     * @param value the new value
     * @return true when it was set
     * @throws IndexOutOfBoundsException the 8 bytes at offset are not all inside the mapping
     * @throws IllegalArgumentException offset is not a multiple of 8
     * @throws IllegalStateException the object was closed
     */
    public boolean compareAndSetLong(long offset, long expected, long value) {
        return mapped().compareAndSetLong(offset, expected, value);
    }

    /**
     * Adds delta to the long at offset atomically.
     *
     * @param offset the long's place, a multiple of 8
     * @param delta what to add
     * @return the previous value
     * @throws IndexOutOfBoundsException the 8 bytes at offset are not all inside the mapping
     * @throws IllegalArgumentException offset is not a multiple of 8
     * @throws IllegalStateException the object was closed
     */
    public long getAndAddLong(long offset, long delta) {
        return mapped().getAndAddLong(offset, delta);
    }

    /**
     * Closes this mapping's handle: no new views or atomics. Buffers already handed out stay valid until
     * they are unreachable. Idempotent and thread-safe; does not remove the object.
     */
    @Override
    public void close() {
        MappedMemory m = take();
        if (m != null) {
            closeObject();
        }
    }

    /**
     * Closes as {@link #close()} does, and gives the mapping back now if no buffer handed out over it is
     * live (see the class comment: a buffer counts until the garbage collector has found it unreachable).
     * Thread-safe; on an object already closed it does nothing and returns false. Only the current mapping
     * is released: one that {@link io.github.ipc4j.posix.PosixSharedMemory#grow} replaced earlier goes, as
     * before, when its last buffer has been collected.
     *
     * @return true when the mapping was given back now; false when a buffer (or a {@link RobustLock}) over
     *         it is live, the object was closed already, or the OS cannot release early (Windows): then the
     *         mapping goes when its last buffer has been collected
     */
    public boolean closeAndRelease() {
        MappedMemory m = take();
        if (m == null) {
            return false;
        }
        closeObject();
        return m.releaseNow();
    }

    /** Takes the mapping out, once: the closer that gets it non-null closes. */
    private MappedMemory take() {
        return (MappedMemory) MEMORY.getAndSet(this, (MappedMemory) null);
    }

    /**
     * A description for messages.
     *
     * @return the kind and name, as "POSIX shared memory /orders"
     */
    public String description() {
        return description;
    }

    /** The mapping, for the library's own use (the robust lock, the channel); throws once closed. */
    final MappedMemory mapped() {
        MappedMemory m = memory;
        if (m == null) {
            throw new IpcClosedException(description, false);
        }
        return m;
    }

    /**
     * Sets the mapping, or replaces it after the object grew (the old one lives on under its views). A mapping
     * no larger than the current one is not taken: a grow to less that maps after a concurrent larger grow
     * must not cut the mapping back under the larger grow's caller.
     */
    private void remapped(MappedMemory grown) {
        for (;;) {
            MappedMemory current = memory;
            if (current == null && mappedOnce || current != null && grown.size() <= current.size()) {
                return; // closed meanwhile, or mapped as far already: the new mapping goes with its windows
            }
            if (MEMORY.compareAndSet(this, current, grown)) {
                mappedOnce = true;
                return;
            }
        }
    }

    /** Releases what the object holds besides the mapping (a descriptor); runs once, at close. */
    protected abstract void closeObject();

    /**
     * Checks before a native call into [offset, offset + length) that the object still covers it (another
     * process may have shrunk it). Throws IpcClosedException once closed.
     *
     * @param offset where the range starts
     * @param length the range's length in bytes
     * @throws IOException the object no longer covers the range, or it was closed ({@link IpcClosedException})
     */
    protected abstract void checkCovers(long offset, long length) throws IOException;
}
