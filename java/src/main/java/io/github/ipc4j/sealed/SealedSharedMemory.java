package io.github.ipc4j.sealed;

import io.github.ipc4j.Feature;
import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.Platform;
import io.github.ipc4j.SharedMemory;
import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.Errno;
import io.github.ipc4j.internal.Errors;
import io.github.ipc4j.internal.MappedMemory;
import io.github.ipc4j.internal.MappingBudget;
import io.github.ipc4j.internal.Mappings;
import io.github.ipc4j.internal.NativeHandle;
import io.github.ipc4j.internal.NativePosixShm;
import io.github.ipc4j.internal.NativeSealedShm;
import io.github.ipc4j.internal.PathNames;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Shared memory no process can shrink (Linux): an anonymous memfd ({@code memfd_create} with
 * {@code MFD_ALLOW_SEALING | MFD_CLOEXEC}), sized, reserved, then sealed with {@code F_SEAL_SHRINK}
 * (and {@code F_SEAL_GROW}/{@code F_SEAL_SEAL} when asked). The kernel refuses every ftruncate that would
 * make it smaller, in every process, with EPERM, so no peer can take pages from under a mapping: the
 * hole {@link SharedMemory} describes for named POSIX objects is closed, and the atomics and the robust lock
 * skip the per-call size check (the seals are verified once, when the object is created or received).
 *
 * <p>It has no name: another process gets it by its descriptor, over a Unix-domain socket
 * ({@link #sendTo(UnixSocket)} / {@link #receive(UnixSocket)}, SCM_RIGHTS), or by inheriting it
 * ({@link #startChild}, {@link #fromInheritedDescriptor(int)}). A receiver checks, before it
 * maps anything, that the descriptor is a memfd and carries {@link Seal#SHRINK}, and refuses otherwise: a
 * hostile sender cannot pass a shrinkable file off as sealed. The object lives while any process holds its
 * descriptor or a mapping of it.
 *
 * <p>Views, atomics and {@link io.github.ipc4j.RobustLock} work as on every {@link SharedMemory}.
 *
 * <p>Thread-safe, as every {@link io.github.ipc4j.SharedMemory}: views and atomics may be used from any number of threads; close from any thread.
 */
public final class SealedSharedMemory extends SharedMemory {
    /** The byte sent with the descriptor: says what it is to a receiver that expects something else. */
    private static final int TAG = 'S';

    private final int fd;
    private final Set<Seal> seals;
    private final NativeHandle handle;

    private SealedSharedMemory(int fd, long address, long size, boolean writable, int seals, String description) {
        super(description);
        this.fd = fd;
        this.seals = Collections.unmodifiableSet(Seal.of(seals));
        // no call on the descriptor blocks: nothing to wake. The lambda holds fd, not this (see Leaks)
        this.handle = new NativeHandle(description, () -> NativePosixShm.close(fd)).closeWhenLeaked(this);
        // no shrink guard: the seal makes the check each atomic would need unnecessary
        Mappings.set(this, new MappedMemory(address, size, writable, NativePosixShm::unmap, null, true));
    }

    /** Maps fd whole; on failure the caller still owns fd (and closes it). */
    private static SealedSharedMemory map(int fd, long size, boolean writable, int seals, String description)
            throws IOException {
        long address = MappingBudget.map(() -> NativePosixShm.map(fd, size, writable));
        if (address < 0) {
            throw MappedMemory.mapFailure((int) -address, size, description);
        }
        return new SealedSharedMemory(fd, address, size, writable, seals, description);
    }

    /**
     * A new read-write sealed object of size bytes (zeroed).
     *
     * @param size the size in bytes, at least 1
     * @return the object, mapped
     * @throws IOException as {@link #create(SealedShmOptions)}
     */
    public static SealedSharedMemory create(long size) throws IOException {
        return create(SealedShmOptions.options().size(size));
    }

    /**
     * A new read-write sealed object as options say.
     *
     * @param options the size, the extra seals and the debug name
     * @return the object, mapped
     * @throws IllegalArgumentException options without a size
     * @throws UnsupportedOperationException not Linux
     * @throws IpcException the size does not fit (naming the limit), or another failure
     */
    public static SealedSharedMemory create(SealedShmOptions options) throws IOException {
        Objects.requireNonNull(options, "options must not be null");
        if (options.size() == 0) {
            throw new IllegalArgumentException("a sealed shared memory object needs a size: options.size(bytes)");
        }
        Platform.require(Feature.SEALED_SHARED_MEMORY);
        byte[] name = (options.debugName() + '\0').getBytes(StandardCharsets.UTF_8);
        int fd = NativeSealedShm.create(name, options.size(), options.extraSeals());
        String description = "sealed shared memory memfd:" + options.debugName();
        if (fd < 0) {
            throw sizeFailure(-fd, options.size(), description);
        }
        try {
            return map(fd, options.size(), true, Seal.SHRINK.bit() | options.extraSeals(),
                    description + " (fd " + fd + ")");
        } catch (IOException | RuntimeException e) {
            NativePosixShm.close(fd);
            throw e;
        }
    }

    /**
     * Waits for a sealed object from the peer of socket (its {@link #sendTo}), checks it and maps it: read-write
     * when the sender's descriptor allows it (and {@link Seal#WRITE} is absent), read-only otherwise.
     *
     * @param socket the connection the peer sends on
     * @return the object, mapped
     * @throws IpcException the peer sent something else, a descriptor that is not a memfd, or a memfd without
     *         {@link Seal#SHRINK} (the message says which); the descriptor is closed, nothing was mapped
     * @throws InterruptedException the thread was interrupted while it waited
     */
    public static SealedSharedMemory receive(UnixSocket socket) throws IOException, InterruptedException {
        return receive(socket, Deadline.NONE);
    }

    /**
     * As {@link #receive(UnixSocket)}, waiting at most timeout.
     *
     * @param socket the connection the peer sends on
     * @param timeout how long to wait at most
     * @return the object, mapped; null when nothing came in time
     * @throws IOException as {@link #receive(UnixSocket)}
     * @throws InterruptedException the thread was interrupted while it waited
     */
    public static SealedSharedMemory receive(UnixSocket socket, Duration timeout)
            throws IOException, InterruptedException {
        return receive(socket, Deadline.after(timeout));
    }

    /**
     * As {@link #receive(UnixSocket)}, waiting at most timeout units.
     *
     * @param socket the connection the peer sends the object over
     * @param timeout the longest wait, in units; zero or negative looks once
     * @param unit the unit of timeout
     * @return the object, or null when nothing came in time
     * @throws IOException the OS refused, or the peer sent something else
     * @throws InterruptedException the thread was interrupted while waiting
     */
    public static SealedSharedMemory receive(UnixSocket socket, long timeout, TimeUnit unit)
            throws IOException, InterruptedException {
        return receive(socket, Deadline.after(timeout, unit));
    }

    /**
     * Takes over a descriptor this process inherited (its number passed by the parent, for example on the
     * command line), checks it as {@link #receive} does and maps it. The descriptor is this object's from
     * now on (closed with it, close-on-exec set), also when the check fails.
     *
     * @param fd the inherited descriptor's number
     * @return the object, mapped
     * @throws IllegalArgumentException fd is negative
     * @throws IOException the descriptor is not a memfd or lacks {@link Seal#SHRINK}, or mapping failed
     */
    public static SealedSharedMemory fromInheritedDescriptor(int fd) throws IOException {
        if (fd < 0) {
            throw new IllegalArgumentException("a descriptor is not negative, was " + fd);
        }
        Platform.require(Feature.SEALED_SHARED_MEMORY);
        int r = NativeSealedShm.keep(fd);
        if (r < 0) {
            throw Errors.of(-r, "fcntl(F_SETFD)", "inherited descriptor " + fd);
        }
        return verified(fd, "inherited descriptor " + fd);
    }

    private static SealedSharedMemory receive(UnixSocket socket, long deadline)
            throws IOException, InterruptedException {
        Objects.requireNonNull(socket, "socket must not be null");
        long r = socket.receiveDescriptor(deadline);
        if (r < 0) {
            return null;
        }
        int fd = (int) r;
        int tag = (int) (r >>> 32);
        String from = "descriptor received from " + socket;
        if (tag != TAG) {
            NativePosixShm.close(fd);
            throw Errors.ipc(Errno.EINVAL, "recvmsg", from, "the peer sent a descriptor tagged " + tag + ", not "
                    + TAG + " (sealed shared memory): it is not SealedSharedMemory.sendTo at the other end");
        }
        return verified(fd, from);
    }

    /** Checks fd (seals, memfd), then maps it; closes fd on any failure. */
    private static SealedSharedMemory verified(int fd, String from) throws IOException {
        try {
            long v = NativeSealedShm.verify(fd, Seal.SHRINK.bit());
            if (v == NativeSealedShm.NOT_MEMFD) {
                throw Errors.ipc(Errno.EINVAL, "fcntl(F_GET_SEALS)", from, "refused: not a memfd (only a sealed "
                        + "memfd is safe to map: another file can be shrunk under the mapping)");
            }
            if (v == -Errno.EPERM) {
                throw Errors.ipc(Errno.EPERM, "fcntl(F_GET_SEALS)", from, "refused: the memfd is not sealed against "
                        + "shrinking (F_SEAL_SHRINK missing; it has " + Seal.of(NativeSealedShm.seals(fd))
                        + "): the sender could shrink it under the mapping");
            }
            if (v < 0) {
                throw Errors.of((int) -v, "fcntl(F_GET_SEALS)", from);
            }
            int sealBits = (int) (v & 0xF);
            boolean writable = (v & 0x10) != 0 && (sealBits & Seal.WRITE.bit()) == 0;
            long size = v >>> 5;
            if (size == 0) {
                throw Errors.ipc(Errno.EINVAL, "fstat", from, "refused: the memfd is empty (0 bytes)");
            }
            return map(fd, size, writable, sealBits, "sealed shared memory from " + from + " (fd " + fd + ")");
        } catch (IOException | RuntimeException e) {
            NativePosixShm.close(fd);
            throw e;
        }
    }

    /**
     * Sends this object's descriptor to the peer of socket (SCM_RIGHTS), which gets it with
     * {@link #receive(UnixSocket)}. Check {@link UnixSocket#peer()} first: whoever receives it can read and
     * write it (the seals only keep anyone from shrinking it). Waits while the socket's buffer is full.
     *
     * @param socket the connection to the receiving process
     * @throws IOException sending failed (the peer is gone, the socket closed)
     * @throws InterruptedException the thread was interrupted while it waited for room
     */
    public void sendTo(UnixSocket socket) throws IOException, InterruptedException {
        Objects.requireNonNull(socket, "socket must not be null");
        handle.enter();
        try {
            socket.sendDescriptor(fd, TAG, Deadline.NONE);
        } finally {
            handle.exit();
        }
    }

    /**
     * The seals the object carries.
     *
     * @return the seals; always holds {@link Seal#SHRINK}
     */
    public Set<Seal> seals() {
        return seals;
    }

    /**
     * A duplicate of this object's descriptor without close-on-exec, for a child process to inherit: pass
     * its number to the child (which calls {@link #fromInheritedDescriptor(int)}) and close it with
     * {@link #closeInheritableDescriptor(int)} once the child started. Java's ProcessBuilder closes every
     * descriptor but 0, 1 and 2 in the child: this is for children started another way (a native launcher);
     * {@link #startChild} does it all.
     *
     * @return the duplicate's descriptor number
     * @throws IOException {@code fcntl(F_DUPFD)} failed (for example, no descriptor left)
     */
    public int inheritableDescriptor() throws IOException {
        handle.enter();
        try {
            int r = NativeSealedShm.inheritable(fd);
            if (r < 0) {
                throw SocketEnd.failure(-r, "fcntl(F_DUPFD)", description());
            }
            return r;
        } finally {
            handle.exit();
        }
    }

    /**
     * Starts command as a child process that inherits this object's descriptor at number childFd (3 or above);
     * the child takes it with {@link #fromInheritedDescriptor(int)} (tell it the number, for example as an
     * argument). No other descriptor of this process goes with it (ipc4j's and the JDK's are close-on-exec).
     * Its stdout and stderr are appended to output (created 0600), or are this process's when output is null.
     * Like ProcessBuilder, the command's first element is searched in PATH.
     *
     * @param command the program and its arguments
     * @param childFd the descriptor number the child finds the object at, 3 or above
     * @param output the file the child's stdout and stderr are appended to, or null for this process's
     * @return the child, to wait for
     * @throws IllegalArgumentException an empty command, or childFd below 3
     * @throws IOException {@code posix_spawnp} failed (for example, no such program)
     */
    public InheritingChild startChild(List<String> command, int childFd, Path output) throws IOException {
        Objects.requireNonNull(command, "command must not be null");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must name a program");
        }
        if (childFd < 3) {
            throw new IllegalArgumentException("childFd must be 3 or above (0, 1 and 2 are stdin, stdout and "
                    + "stderr), was " + childFd);
        }
        ByteArrayOutputStream args = new ByteArrayOutputStream();
        for (String arg : command) {
            args.writeBytes(PathNames.nativeString(Objects.requireNonNull(arg, "command must not hold null")));
        }
        byte[] out = output == null ? null : PathNames.nativePath(output, "output");
        handle.enter();
        try {
            long pid = NativeSealedShm.spawn(args.toByteArray(), command.size(), fd, childFd, out);
            if (pid < 0) {
                throw SocketEnd.failure((int) -pid, "posix_spawnp", command.get(0));
            }
            return new InheritingChild(pid, String.join(" ", command));
        } finally {
            handle.exit();
        }
    }

    /**
     * Closes a descriptor {@link #inheritableDescriptor()} returned.
     *
     * @param fd the descriptor number
     */
    public static void closeInheritableDescriptor(int fd) {
        NativePosixShm.close(fd);
    }

    @Override
    protected void closeObject() {
        handle.close();
    }

    /** Nothing to check: the seal keeps the object from shrinking. Only a closed object is refused. */
    @Override
    protected void checkCovers(long offset, long length) throws IOException {
        if (handle.isClosed()) {
            throw new IpcClosedException(description(), false);
        }
    }

    private static IOException sizeFailure(int errno, long size, String description) {
        IOException fileSize = Errors.fileSizeLimit(errno, "memfd_create", description, size);
        if (fileSize != null) {
            return fileSize;
        }
        if (errno == Errno.ENOSPC || errno == Errno.ENOMEM) {
            return Errors.limit(errno, "memfd_create", description, "cannot reserve " + size + " bytes",
                    "memory and swap", "free memory");
        }
        if (errno == Errno.ENOSYS) {
            return Errors.ipc(errno, "memfd_create", description, "the kernel has no memfd_create (Linux 3.17+)");
        }
        return SocketEnd.failure(errno, "memfd_create", description);
    }
}
