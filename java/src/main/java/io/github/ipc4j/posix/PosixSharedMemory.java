package io.github.ipc4j.posix;

import io.github.ipc4j.Access;
import io.github.ipc4j.Feature;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.OpenMode;
import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.Platform;
import io.github.ipc4j.SharedMemory;
import io.github.ipc4j.internal.CreatorRecords;
import io.github.ipc4j.internal.Errno;
import io.github.ipc4j.internal.Errors;
import io.github.ipc4j.internal.MappedMemory;
import io.github.ipc4j.internal.MappingBudget;
import io.github.ipc4j.internal.Mappings;
import io.github.ipc4j.internal.NativeHandle;
import io.github.ipc4j.internal.NativeMemory;
import io.github.ipc4j.internal.NativePosixShm;
import io.github.ipc4j.internal.NativeUnix;
import io.github.ipc4j.internal.Names;
import io.github.ipc4j.internal.OwnerCheck;
import io.github.ipc4j.sealed.SealedSharedMemory;
import io.github.ipc4j.sealed.SealedShmOptions;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A POSIX shared memory object ({@code shm_open} + {@code mmap}), Linux and macOS. See
 * {@link SharedMemory} for views, atomics and the safety rule.
 *
 * <p>Names are '/' then at most 255 bytes (Linux) or 30 bytes (macOS: 31 with the '/'), no other '/'.
 * A created object's size is reserved at once ({@code posix_fallocate} on Linux): a full /dev/shm fails
 * the open with an IpcException naming the limit, instead of killing the process with SIGBUS at a later
 * store. macOS sets an object's size only once, so {@link #grow} is unsupported there. {@link #close()} does not remove the
 * object; {@link #unlink()} does.
 *
 * <p>On Linux any process that may open the object read-write can shrink it under the mappings of others; what
 * that can do to atomics and the robust lock is described in {@link SharedMemory}. Among processes that do not
 * all trust each other, use {@link SealedSharedMemory} ({@link #sealedCopy()} moves the bytes over).
 *
 * <p>Thread-safe, as every {@link io.github.ipc4j.SharedMemory}: views and atomics may be used from any number of threads; close from any thread.
 */
public final class PosixSharedMemory extends SharedMemory {
    private static final String KIND = "POSIX shared memory";
    private static final int COPY_CHUNK = 1 << 30;

    private final String name;
    private final boolean created;
    private final boolean writable;
    private final int fd;
    private final NativeHandle handle;

    private PosixSharedMemory(String name, int fd, boolean created, boolean writable, long size) throws IOException {
        super(KIND + " " + name);
        this.name = name;
        this.fd = fd;
        this.created = created;
        this.writable = writable;
        // no call on the descriptor blocks: nothing to wake. The lambda holds fd, not this (see Leaks)
        this.handle = new NativeHandle(KIND + " " + name, () -> NativePosixShm.close(fd)).closeWhenLeaked(this);
        Mappings.set(this, map(size));
    }

    /**
     * Longest name after the '/', in bytes, on this OS: 255 on Linux; 30 on macOS, whose limit (PSHMNAMLEN,
     * 31) counts the '/' too.
     *
     * @return the limit in bytes
     */
    public static int maxNameBytes() {
        return Platform.os() == OperatingSystem.MACOS ? 30 : 255;
    }

    /**
     * Opens an existing object read-write.
     *
     * @param name "/" and up to {@link #maxNameBytes()} bytes, no other '/'
     * @return the object, mapped whole
     * @throws IOException as {@link #open(String, PosixShmOptions)}
     */
    public static PosixSharedMemory open(String name) throws IOException {
        return open(name, PosixShmOptions.options());
    }

    /**
     * Opens (or creates, as options say) the object called name and maps it whole.
     *
     * @param name "/" and up to {@link #maxNameBytes()} bytes, no other '/'
     * @param options the open mode, access, size, owner checks and a created object's mode
     * @return the object, mapped whole
     * @throws IllegalArgumentException a bad name, or creation without a size
     * @throws java.nio.file.FileAlreadyExistsException CREATE_NEW and the object exists
     * @throws java.nio.file.NoSuchFileException OPEN_EXISTING and it does not
     * @throws java.nio.file.AccessDeniedException the OS refused, or an ownership check asked for failed
     * @throws IpcException an existing object smaller than the size asked for; the size does not fit
     *         (naming the limit); any other failure
     */
    public static PosixSharedMemory open(String name, PosixShmOptions options) throws IOException {
        byte[] nativeName = Names.posix(name, maxNameBytes(), KIND);
        Objects.requireNonNull(options, "options must not be null");
        Platform.require(Feature.POSIX_SHARED_MEMORY);
        if (options.openMode() != OpenMode.OPEN_EXISTING && options.size() == 0) {
            throw new IllegalArgumentException("creating " + KIND + " " + name
                    + " needs a size: options.size(bytes), at least 1");
        }
        boolean writable = options.access() == Access.READ_WRITE;
        long r = NativePosixShm.open(nativeName, options.openMode().ordinal(), writable, options.mode(),
                options.size());
        if (r < 0) {
            throw sizeFailure((int) -r, "shm_open", name, options.size());
        }
        int fd = (int) r;
        boolean created = (r >>> 32) != 0;
        try {
            if (!created) {
                OwnerCheck.verify(fd, options, name, "shm_open");
            }
            long size = sizeOnceSized(fd, name, created ? 0 : options.size());
            if (size < options.size()) {
                throw Errors.ipc(Errno.EINVAL, "shm_open", name, "exists with " + size
                        + " bytes, fewer than the " + options.size() + " asked for (created by another process "
                        + "that did not size it within " + TimeUnit.NANOSECONDS.toMillis(SIZING_WAIT_NANOS)
                        + " ms, or sized it smaller)");
            }
            PosixSharedMemory memory = new PosixSharedMemory(name, fd, created, writable, size);
            if (created) {
                CreatorRecords.created(CreatorRecords.Kind.SHM, name);
            }
            return memory;
        } catch (IOException | RuntimeException e) {
            NativePosixShm.close(fd);
            if (created) {
                NativePosixShm.unlink(nativeName);
            }
            throw e;
        }
    }

    /** How long an opener waits for a creator in another process or thread to size the object it created. */
    private static final long SIZING_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * The object's size. An object found at size 0 when a size is expected may be one that another process
     * or thread has just created (shm_open) and not yet sized (ftruncate): wait for that, a bounded time
     * (an interrupt ends the wait), before taking 0 for an answer.
     */
    private static long sizeOnceSized(int fd, String name, long expected) throws IOException {
        long deadline = System.nanoTime() + SIZING_WAIT_NANOS;
        for (long pause = 10_000; ; pause = Math.min(pause * 2, 5_000_000)) {
            long size = NativePosixShm.size(fd);
            if (size < 0) {
                throw Errors.of((int) -size, "fstat", name);
            }
            if (size > 0 || expected == 0 || System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
                return size;
            }
            LockSupport.parkNanos(pause);
        }
    }

    /**
     * Removes the object's name (shm_unlink); mappings keep working until their views are gone.
     *
     * @param name "/" and up to {@link #maxNameBytes()} bytes, no other '/'
     * @throws java.nio.file.NoSuchFileException no object has that name
     * @throws IOException the OS refused
     */
    public static void unlink(String name) throws IOException {
        byte[] nativeName = Names.posix(name, maxNameBytes(), KIND);
        Platform.require(Feature.POSIX_SHARED_MEMORY);
        CreatorRecords.removing(CreatorRecords.Kind.SHM, name);
        int r = NativePosixShm.unlink(nativeName);
        if (r < 0) {
            throw Errors.of(-r, "shm_unlink", name);
        }
    }

    /**
     * The process that created the object called name, when ipc4j created it (see {@link PosixCreator}).
     *
     * @param name "/" and up to {@link #maxNameBytes()} bytes, no other '/'
     * @return the creator, or empty when there is no trustworthy record of it: ipc4j did not create the object,
     *         recording was off, or no object has that name
     * @throws IllegalArgumentException the name breaks the rule
     * @throws UnsupportedOperationException not on Linux, where ipc4j keeps no records
     */
    public static Optional<PosixCreator> creator(String name) {
        Names.posix(name, maxNameBytes(), KIND);
        return CreatorRecords.find(CreatorRecords.Kind.SHM, name, "PosixSharedMemory.creator");
    }

    /**
     * Removes this object's name; works after close too.
     *
     * @throws java.nio.file.NoSuchFileException the name is gone already
     * @throws IOException the OS refused
     */
    public void unlink() throws IOException {
        unlink(name);
    }

    /**
     * The name this object was opened with.
     *
     * @return the name, with its leading '/'
     */
    public String name() {
        return name;
    }

    /**
     * Whether this open created the object.
     *
     * @return true when it created it, false when it opened an existing one
     */
    public boolean created() {
        return created;
    }

    /**
     * The object's owner now (fstat on the open descriptor): on macOS, which has no /dev/shm to look at, the only
     * way to learn it.
     *
     * @return the owner's uid
     * @throws IOException fstat failed, or this object was closed ({@link io.github.ipc4j.IpcClosedException})
     */
    public long ownerUid() throws IOException {
        return ownerAndMode() >>> 16;
    }

    /**
     * The object's permission bits now (fstat on the open descriptor), e.g. 0600.
     *
     * @return the permission bits
     * @throws IOException fstat failed, or this object was closed ({@link io.github.ipc4j.IpcClosedException})
     */
    public int mode() throws IOException {
        return (int) (ownerAndMode() & 0777);
    }

    private long ownerAndMode() throws IOException {
        handle.enter();
        try {
            long r = NativeUnix.ownerAndMode(fd);
            if (r < 0) {
                throw Errors.of((int) -r, "fstat", name);
            }
            return r;
        } finally {
            handle.exit();
        }
    }

    /**
     * Makes the object at least newSize bytes (reserved) and maps newSize bytes of it anew; views taken before
     * keep the old, smaller mapping. It never shrinks the object: when another process grows it further at the
     * same time, the object keeps the larger size (posix_fallocate only ever extends). Linux only: macOS sets a
     * shared memory object's size once.
     *
     * @param newSize the new size in bytes, not smaller than the current size
     * @throws IllegalArgumentException newSize smaller than the current size
     * @throws UnsupportedOperationException on macOS
     * @throws java.nio.ReadOnlyBufferException this object was opened read-only
     * @throws IOException the space cannot be reserved (naming the limit), or the object was closed
     */
    public void grow(long newSize) throws IOException {
        if (Platform.os() == OperatingSystem.MACOS) {
            throw new UnsupportedOperationException("macOS sets a shared memory object's size only once "
                    + "(ftruncate on it fails): create it with its final size");
        }
        long current = size();
        if (newSize < current) {
            throw new IllegalArgumentException("grow needs a size at least the current " + current
                    + " bytes, was " + newSize + " (shared memory is never shrunk under other processes' views)");
        }
        if (!isWritable()) {
            throw new java.nio.ReadOnlyBufferException();
        }
        handle.enter();
        try {
            int r = NativePosixShm.grow(fd, newSize);
            if (r < 0) {
                throw sizeFailure(-r, "posix_fallocate", name, newSize);
            }
            Mappings.set(this, map(newSize));
        } finally {
            handle.exit();
        }
    }

    /**
     * A sealed copy of this object (Linux): a new {@link SealedSharedMemory} of the same size, sealed against
     * shrinking, holding the bytes this object holds now. The way to leave the one risk of named objects
     * (another process shrinking it under the atomics or the robust lock, see {@link SharedMemory}): copy
     * once, hand the copy to the other processes over a {@link io.github.ipc4j.sealed.UnixSocket}, and use
     * it instead. Locks are copied as bytes: copy while no one holds one, or initialize them anew in the copy.
     * This object is left as it was (unlink it when every user has moved).
     *
     * @return the sealed copy, mapped read-write
     * @throws UnsupportedOperationException not Linux (macOS objects cannot be shrunk once sized anyway)
     * @throws IOException creating or filling the copy failed, or this object was closed
     */
    public SealedSharedMemory sealedCopy() throws IOException {
        long size = size();
        int end = Math.min(name.length(), 61); // at most 240 bytes in UTF-8
        if (Character.isHighSurrogate(name.charAt(end - 1))) {
            end--; // a pair is kept whole or left out: half of one has no UTF-8 form
        }
        String shortName = name.substring(1, end);
        SealedSharedMemory copy = SealedSharedMemory.create(SealedShmOptions.options().size(size)
                .debugName("copy of " + shortName));
        try {
            for (long at = 0; at < size; at += COPY_CHUNK) {
                int length = (int) Math.min(COPY_CHUNK, size - at);
                copy.buffer(at, length).put(buffer(at, length));
            }
        } catch (RuntimeException | Error e) {
            copy.close();
            throw e;
        }
        return copy;
    }

    @Override
    protected void closeObject() {
        handle.close();
    }

    @Override
    protected void checkCovers(long offset, long length) throws IOException {
        handle.enter();
        try {
            long size = NativePosixShm.size(fd);
            if (size < 0) {
                throw Errors.of((int) -size, "fstat", name);
            }
            if (offset + length > size) {
                throw Errors.ipc(Errno.EINVAL, "fstat", name, shrunk(size, offset, offset + length));
            }
        } finally {
            handle.exit();
        }
    }

    /**
     * The shrink guard of this object's mappings: a guarded call lost the page(s) under [offset, offset + length)
     * (another process truncated the object). The bytes are mapped from the object again, so that after the object
     * grows back they are shared again, not a private copy; what stops that is suppressed in the loss.
     */
    private IpcException lost(long address, long offset, long length, String what, String detail) {
        IpcException lost = Errors.ipc(Errno.EINVAL, what, name, detail);
        try {
            handle.enter();
            try {
                int r = NativeMemory.restoreShared(address, length, fd, offset, writable);
                if (r < 0) {
                    throw Errors.of(-r, "mmap", name);
                }
            } finally {
                handle.exit();
            }
            checkCovers(offset, length);
        } catch (IOException notRestored) { // closed, or still short
            lost.addSuppressed(notRestored);
        }
        return lost;
    }

    private String shrunk(long size, long from, long to) {
        return "another process shrank the object to " + size + " bytes: bytes [" + from + ", " + to
                + ") are gone";
    }

    private MappedMemory map(long size) throws IOException {
        if (size == 0) {
            return new MappedMemory(0, 0, writable, (a, s) -> { }, null);
        }
        long address = MappingBudget.map(() -> NativePosixShm.map(fd, size, writable));
        if (address < 0) {
            throw MappedMemory.mapFailure((int) -address, size, name);
        }
        return new MappedMemory(address, size, writable, NativePosixShm::unmap, this::lost, true);
    }

    private static IOException sizeFailure(int errno, String call, String name, long size) {
        IOException fileSize = Errors.fileSizeLimit(errno, call, name, size);
        if (fileSize != null) {
            return fileSize;
        }
        if (errno == Errno.ENOSPC) {
            return Errors.limit(errno, call, name, "cannot reserve " + size + " bytes",
                    "the size of the tmpfs mounted at /dev/shm (df -h /dev/shm)",
                    "mount -o remount,size=<bytes> /dev/shm (root), or free space there");
        }
        IOException descriptors = Errors.descriptorLimit(errno, call, name);
        return descriptors != null ? descriptors : Errors.of(errno, call, name);
    }
}
