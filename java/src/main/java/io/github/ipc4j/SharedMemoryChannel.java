package io.github.ipc4j;

import io.github.ipc4j.internal.ChannelLayout;
import io.github.ipc4j.internal.ChannelPeers;
import io.github.ipc4j.internal.ChannelRing;
import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.FutexWaiter;
import io.github.ipc4j.internal.MappedMemory;
import io.github.ipc4j.internal.NativeHandle;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.posix.PosixShmOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Objects;

/**
 * A message channel in a named POSIX shared memory object: a bounded ring of variable-length byte messages
 * from one sending process to one receiving process, for when latency matters. A message costs a copy
 * into the ring and a copy out, no system call: a waiting side spins for a while
 * ({@link ChannelOptions#spin(Duration)}), then sleeps in the kernel on the ring's own counters (Linux
 * {@code futex}, shared between processes; macOS 14.4+ {@code os_sync_wait_on_address}), and a sender makes
 * the wake-up call only when the receiver is asleep. Idle, both sides use no CPU.
 *
 * <pre>{@code
 * try (SharedMemoryChannel out = SharedMemoryChannel.open("/prices",
 *         ChannelOptions.options().openOrCreate().sender().capacity(1 << 20))) {
 *     out.send(buffer);                               // waits while the ring is full
 * }
 * try (SharedMemoryChannel in = SharedMemoryChannel.open("/prices",
 *         ChannelOptions.options().openOrCreate().receiver())) {
 *     int length = in.receive(direct);                // waits; a direct buffer: no allocation
 * }
 * }</pre>
 *
 * <p><b>Messages</b> are 0 bytes (allowed: an empty message is delivered as one, length 0) to
 * {@link #maxMessageSize()}, half the ring less 8 bytes; longer is an IllegalArgumentException before
 * anything is written. They arrive whole and in order; each direction needs its own channel.
 *
 * <p><b>Crashes.</b> The sender commits a message by publishing the ring's tail after writing it, so a
 * sender killed mid-write leaves no partial message: the receiver gets every committed message, then, within
 * about {@value ChannelRing#LIVENESS_NANOS} ns of quiet, a {@link PeerDiedException} naming the dead process
 * (each side's pid and start time are in the header, so a reused pid is not mistaken for it). A sender
 * waiting on a full ring learns the same of a dead receiver. A process that opens the dead side's end takes
 * it over and continues from the committed counters ({@link #tookOver()} says so): nothing committed is
 * lost; the message a dead sender was writing is; a message a dead receiver had copied but not yet
 * released is received again. A second live process opening an end that is held gets an IpcException
 * (EBUSY). Closing an end gives it back. The two processes must see each other's process ids (one PID
 * namespace: two containers that share /dev/shm but not their PIDs would take each other for dead).
 *
 * <p><b>Calls</b>: one at a time per end (a second thread calling in meanwhile gets an
 * IllegalStateException). Blocking calls throw InterruptedException when interrupted and
 * IpcClosedException when another thread closes the channel; use after close throws IpcClosedException.
 * Buffers: direct buffers are copied once, with no allocation; heap buffers likewise.
 *
 * <p><b>Trust</b>: both processes can write the whole object. A record that does not match its position
 * (damage by a third party) is an IpcException, never garbage handed on; the channel guards against
 * mistakes and crashes, not against a hostile peer with write access.
 */
public final class SharedMemoryChannel implements MessageChannel {
    private static final String KIND = "shared-memory channel";
    private static final long INIT_WAIT_NANOS = 2_000_000_000L;

    private final String name;
    private final PosixSharedMemory memory;
    private final ChannelOptions.Role role;
    private final NativeHandle handle;
    private final ChannelRing ring;
    private final boolean created;

    private SharedMemoryChannel(String name, PosixSharedMemory memory, ChannelOptions options, boolean create)
            throws IOException {
        this.name = name;
        this.memory = memory;
        this.role = options.role();
        this.created = create;
        this.handle = new NativeHandle(KIND + " " + name, () -> {
            // close() gives the end and the memory back once no call is in progress
        });
        MappedMemory mapped = memory.mapped();
        long size = mapped.size();
        ByteBuffer view = mapped.view(0, (int) Math.min(size, Integer.MAX_VALUE)).order(ByteOrder.nativeOrder());
        if (create) {
            ChannelLayout.initialize(view, options.capacity());
        }
        int capacity = ChannelLayout.validate(view, size, name, INIT_WAIT_NANOS);
        FutexWaiter waiter = new FutexWaiter(mapped, view, handle, KIND + " " + name);
        this.ring = new ChannelRing(view, capacity, waiter, handle, role == ChannelOptions.Role.SENDER,
                options.spinNanos(), KIND + " " + name);
    }

    /**
     * Opens one end of the channel called name (a POSIX shared memory name: '/' then up to 255 bytes on
     * Linux, 30 on macOS), creating it as options say.
     *
     * @param name the shared memory object's name
     * @param options the end (required), the open mode, and a created channel's capacity and mode
     * @return this process's end of the channel
     * @throws IllegalArgumentException a bad name, or no role in options (sender() or receiver())
     * @throws java.nio.file.FileAlreadyExistsException CREATE_NEW and the object exists
     * @throws java.nio.file.NoSuchFileException OPEN_EXISTING and it does not
     * @throws java.nio.file.AccessDeniedException the OS refused, or an ownership check asked for failed
     * @throws IpcException the object is not a channel (too small, another layout or version, damaged
     *         header: nothing in it is written), or the end is held by a live process (EBUSY)
     * @throws UnsupportedOperationException the OS has no shared address wait (macOS before 14.4, Windows)
     */
    public static SharedMemoryChannel open(String name, ChannelOptions options) throws IOException {
        Objects.requireNonNull(options, "options must not be null");
        if (options.role() == null) {
            throw new IllegalArgumentException("say which end to open: options.sender() or options.receiver()");
        }
        PosixShmOptions shm = PosixShmOptions.options().openMode(options.openMode()).mode(options.mode())
                .maxMode(options.maxMode());
        if (options.ownerRequired()) {
            shm.requireOwner();
        }
        if (options.openMode() != OpenMode.OPEN_EXISTING) {
            shm.size(ChannelLayout.size(options.capacity()));
        }
        PosixSharedMemory memory = PosixSharedMemory.open(name, shm); // validates the name first
        if (!FutexWaiter.supported()) {
            memory.close();
            throw new UnsupportedOperationException(System.getProperty("os.name") + " " + System.getProperty(
                    "os.version") + " has no wait on a shared address (Linux futex, macOS 14.4+ "
                    + "os_sync_wait_on_address): a shared-memory channel cannot sleep here");
        }
        try {
            return new SharedMemoryChannel(name, memory, options, memory.created());
        } catch (IOException | RuntimeException e) {
            memory.close();
            if (memory.created()) {
                PosixSharedMemory.unlink(name);
            }
            throw e;
        }
    }

    /**
     * Removes the channel's name (shm_unlink); open ends keep working until closed.
     *
     * @param name the shared memory object's name
     * @throws IOException no such name, or the OS refused
     */
    public static void unlink(String name) throws IOException {
        PosixSharedMemory.unlink(name);
    }

    /**
     * Removes this channel's name; works after close too.
     *
     * @throws IOException the name is gone already, or the OS refused
     */
    public void unlink() throws IOException {
        unlink(name);
    }

    /**
     * The name this channel was opened with.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Which end this object is.
     *
     * @return SENDER or RECEIVER
     */
    public ChannelOptions.Role role() {
        return role;
    }

    /**
     * Whether this open created the channel.
     *
     * @return true when it created it, false when it opened an existing one
     */
    public boolean created() {
        return created;
    }

    /**
     * The ring's size in bytes.
     *
     * @return the capacity, fixed when the channel was created
     */
    public int capacity() {
        return ring.capacity();
    }

    @Override
    public int maxMessageSize() {
        return ring.maxMessage();
    }

    /**
     * The process id of the dead process whose end this open took over, or 0 when the end was free. After a
     * takeover the channel continues from what the dead process had committed: see the class comment.
     *
     * @return the dead process's pid, or 0
     */
    public long tookOver() {
        return ChannelPeers.pid(ring.takenOver());
    }

    /**
     * Bytes of committed messages not yet received (a snapshot; record headers and padding included).
     *
     * @return the bytes pending
     */
    public long pendingBytes() {
        return ring.pendingBytes();
    }

    @Override
    public void send(ByteBuffer src) throws IOException, InterruptedException {
        sender(src).send(src, Deadline.NONE);
    }

    @Override
    public boolean offer(ByteBuffer src) throws IOException {
        try {
            return sender(src).send(src, Deadline.NOW);
        } catch (InterruptedException cannotWait) {
            throw new IllegalStateException(cannotWait); // a call with no wait does not check interrupts
        }
    }

    @Override
    public boolean offer(ByteBuffer src, Duration timeout) throws IOException, InterruptedException {
        return sender(src).send(src, Deadline.after(timeout));
    }

    @Override
    public int receive(ByteBuffer dst) throws IOException, InterruptedException {
        return receiver(dst).receive(dst, Deadline.NONE);
    }

    @Override
    public int poll(ByteBuffer dst) throws IOException {
        try {
            return receiver(dst).receive(dst, Deadline.NOW);
        } catch (InterruptedException cannotWait) {
            throw new IllegalStateException(cannotWait);
        }
    }

    @Override
    public int poll(ByteBuffer dst, Duration timeout) throws IOException, InterruptedException {
        return receiver(dst).receive(dst, Deadline.after(timeout));
    }

    /**
     * Closes this end: idempotent and thread-safe. A thread blocked on it returns with IpcClosedException;
     * once no call is in progress the end is given back (the peer sees nobody there, not a dead process)
     * and the memory closed. Does not remove the channel.
     */
    @Override
    public void close() {
        if (handle.isClosed()) {
            return;
        }
        handle.close();
        while (ring.inCall()) {
            Thread.onSpinWait(); // a woken call leaves at once; a non-blocking one is a copy
        }
        synchronized (this) {
            if (!memory.isClosed()) {
                ring.release();
                memory.close();
            }
        }
    }

    @Override
    public boolean isClosed() {
        return handle.isClosed();
    }

    @Override
    public String toString() {
        return KIND + " " + name + " (" + role.name().toLowerCase(java.util.Locale.ROOT) + (isClosed()
                ? ", closed)" : ")");
    }

    private ChannelRing sender(ByteBuffer src) {
        Objects.requireNonNull(src, "src must not be null");
        if (role != ChannelOptions.Role.SENDER) {
            throw new IllegalStateException(this + " was opened to receive: send on an end opened with sender()");
        }
        return ring;
    }

    private ChannelRing receiver(ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst must not be null");
        if (role != ChannelOptions.Role.RECEIVER) {
            throw new IllegalStateException(this + " was opened to send: receive on an end opened with receiver()");
        }
        if (dst.isReadOnly()) {
            throw new java.nio.ReadOnlyBufferException();
        }
        return ring;
    }
}
