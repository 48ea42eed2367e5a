package io.github.ipc4j;

import io.github.ipc4j.internal.AddressWaiter;
import io.github.ipc4j.internal.ChannelLayout;
import io.github.ipc4j.internal.ChannelPeers;
import io.github.ipc4j.internal.ChannelRing;
import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.Errno;
import io.github.ipc4j.internal.Errors;
import io.github.ipc4j.internal.FutexWaiter;
import io.github.ipc4j.internal.MappedMemory;
import io.github.ipc4j.internal.MemoryFaults;
import io.github.ipc4j.internal.NamedWakeWaiter;
import io.github.ipc4j.internal.NativeHandle;
import io.github.ipc4j.internal.Names;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.posix.PosixShmOptions;
import io.github.ipc4j.windows.WindowsSharedMemory;
import io.github.ipc4j.windows.WindowsShmOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A message channel in a named POSIX shared memory object (on Windows a paging-file mapping, Local\ipc4jch.NAME):
 * a bounded ring of variable-length byte messages
 * from one sending process to one receiving process, for when latency matters. A message costs a copy
 * into the ring and a copy out, no system call: a waiting side spins for a while
 * ({@link ChannelOptions#spin(Duration)}), then sleeps in the kernel: on the ring's own counters (Linux
 * {@code futex}, shared between processes; macOS 14.4+ {@code os_sync_wait_on_address}), or on a named object
 * per side (macOS before 14.4 and {@code -D}{@value #WAITER_PROPERTY}{@code =semaphore}: POSIX named
 * semaphores; Windows: auto-reset named events). The creator's choice is in the header and every opener
 * follows it. A sender makes
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
 * anything is written. They arrive whole and in order; each direction needs its own channel. Each message
 * takes 8 bytes of header plus its bytes rounded up to 8; the ring holds at most its capacity less 8 bytes
 * of them (the slot after the last message is kept empty).
 *
 * <p><b>Crashes.</b> The sender commits a message by storing its header after writing its bytes, so a
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
 * <p><b>Trust</b>: both processes can write the whole object. A record that does not match its position,
 * or counters no sender or receiver would write (damage by a third party), is an IpcException, never garbage
 * handed on nor a full ring waited on forever; the channel guards against mistakes and crashes, not against
 * a hostile peer with write access. In particular, a process that shrinks the object ({@code ftruncate}; the
 * OS cannot forbid it on a named object) takes pages from under both ends: the JVM survives (the channel
 * makes no compare-and-set on the object after open, and the one it makes there runs under ipc4j's SIGBUS
 * guard) and
 * a call that touches a lost page throws an IpcException saying the object shrank, but the JVM may report
 * such a fault late (its InternalError "a fault occurred in a recent unsafe memory access", in whatever the
 * thread runs next), having skipped the faulting copy: the call may then have returned a message copied only
 * in part. Opening and closing an end leave no such report behind: they throw it, as that IpcException
 * (open), or swallow it (close). See {@link SharedMemory} for the same limit on plain shared memory. Share a channel's name only
 * with processes you trust to leave its size alone.
 *
 * <p>Thread-safety: one call at a time per end (a second thread calling while one is in a call gets IllegalStateException): give each end to one thread, or guard it; {@link #close()} may come from any thread and ends a blocked call.
 */
public final class SharedMemoryChannel implements MessageChannel {
    private static final String KIND = "shared-memory channel";
    private static final long INIT_WAIT_NANOS = 2_000_000_000L;
    /** System property choosing the kernel wait of the channels this process creates: address or semaphore. */
    public static final String WAITER_PROPERTY = "ipc4j.channel.waiter";
    private static final boolean WINDOWS = Platform.os() == OperatingSystem.WINDOWS;

    static {
        // The JVM reports a fault in the ring late (see fault()), possibly while the thread runs a class
        // initializer for the first time, which then fails for good ("Could not initialize class ...Errno"):
        // the classes the report needs are initialized here, before any ring is touched.
        Errors.ipc(Errno.EINVAL, "open", KIND, "none");
    }

    private final String name;
    private final SharedMemory memory;
    private final ChannelOptions.Role role;
    private final NativeHandle handle;
    private final AddressWaiter waiter;
    private final ChannelRing ring;
    private final boolean created;

    private SharedMemoryChannel(String name, SharedMemory memory, ChannelOptions options, boolean create)
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
            int kind = waiterToCreate();
            long id = kind != ChannelLayout.WAITER_ADDRESS ? ThreadLocalRandom.current().nextLong() | 1 : 0;
            ChannelLayout.initialize(view, options.capacity(), kind, id);
        }
        int capacity = ChannelLayout.validate(view, size, name, INIT_WAIT_NANOS);
        memory.checkCovers(0, ChannelLayout.size(capacity)); // an object shrunk already: a clear error before anything
        this.waiter = waiter(view, mapped, handle, KIND + " " + name);
        try {
            this.ring = new ChannelRing(view, mapped::compareAndSetLong, capacity, waiter, handle,
                    role == ChannelOptions.Role.SENDER, options.spinNanos(), KIND + " " + name);
        } catch (IOException | RuntimeException e) {
            waiter.close();
            throw e;
        }
    }

    /**
     * The wait a new channel gets: the OS's shared address wait where it has one, else two named semaphores;
     * the system property {@value #WAITER_PROPERTY} ({@code address} or {@code semaphore}) picks one. The
     * choice is written into the header, and every opener uses what the header says.
     */
    private static int waiterToCreate() {
        if (WINDOWS) {
            return ChannelLayout.WAITER_EVENTS; // WaitOnAddress is process-local: the property has no choice here
        }
        String asked = System.getProperty(WAITER_PROPERTY, "");
        switch (asked.toLowerCase(Locale.ROOT)) {
            case "":
                return FutexWaiter.supported() ? ChannelLayout.WAITER_ADDRESS : ChannelLayout.WAITER_SEMAPHORES;
            case "address":
                return ChannelLayout.WAITER_ADDRESS;
            case "semaphore":
                return ChannelLayout.WAITER_SEMAPHORES;
            default:
                throw new IllegalArgumentException("system property " + WAITER_PROPERTY + " is \"" + asked
                        + "\": it must be \"address\" (the OS's shared address wait) or \"semaphore\" (named "
                        + "semaphores)");
        }
    }

    /** The wait the header names. */
    private static AddressWaiter waiter(ByteBuffer view, MappedMemory mapped, NativeHandle handle, String name)
            throws IOException {
        int kind = view.getInt(ChannelLayout.WAITER_AT);
        long id = view.getLong(ChannelLayout.WAITER_ID_AT);
        if (WINDOWS != (kind == ChannelLayout.WAITER_EVENTS)) {
            throw new UnsupportedOperationException(name + " waits on " + (kind == ChannelLayout.WAITER_EVENTS
                    ? "Windows events" : "a Unix wait") + ", which " + System.getProperty("os.name") + " lacks");
        }
        if (kind == ChannelLayout.WAITER_EVENTS) {
            return NamedWakeWaiter.events(id, handle);
        }
        if (kind == ChannelLayout.WAITER_SEMAPHORES) {
            return NamedWakeWaiter.semaphores(id, handle);
        }
        if (!FutexWaiter.supported()) {
            throw new UnsupportedOperationException(System.getProperty("os.name") + " " + System.getProperty(
                    "os.version") + " has no wait on a shared address (Linux futex, macOS 14.4+ "
                    + "os_sync_wait_on_address), and " + name + " was made to wait on one: make it again here "
                    + "(it then waits on named semaphores)");
        }
        return new FutexWaiter(mapped, view, handle, name);
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
     * @throws IllegalArgumentException the system property {@value #WAITER_PROPERTY} is neither address nor
     *         semaphore (when this open creates the channel)
     * @throws UnsupportedOperationException the channel waits in a way this OS lacks (made elsewhere, or with
     *         the address wait forced where the OS has none)
     */
    public static SharedMemoryChannel open(String name, ChannelOptions options) throws IOException {
        Objects.requireNonNull(options, "options must not be null");
        if (options.role() == null) {
            throw new IllegalArgumentException("say which end to open: options.sender() or options.receiver()");
        }
        SharedMemory memory = WINDOWS ? openWindows(name, options) : openPosix(name, options);
        boolean created = memory instanceof PosixSharedMemory ? ((PosixSharedMemory) memory).created()
                : ((WindowsSharedMemory) memory).created();
        try {
            SharedMemoryChannel channel;
            try {
                channel = new SharedMemoryChannel(name, memory, options, created);
            } catch (InternalError e) {
                throw fault(memory, e);
            }
            InternalError late = MemoryFaults.takePending(); // a fault reading the header, here, not after open
            if (late != null) {
                channel.close();
                throw fault(memory, late);
            }
            return channel;
        } catch (IOException | RuntimeException | InternalError e) {
            memory.close();
            if (created) {
                unlink(name);
            }
            throw e;
        }
    }

    private static SharedMemory openPosix(String name, ChannelOptions options) throws IOException {
        return openSized(options, (mode, size) -> {
            PosixShmOptions shm = PosixShmOptions.options().openMode(mode).mode(options.mode())
                    .maxMode(options.maxMode());
            if (options.ownerRequired()) {
                shm.requireOwner();
            }
            if (size != 0) {
                shm.size(size);
            }
            return PosixSharedMemory.open(name, shm); // validates the name first
        });
    }

    /** Windows: the paging-file mapping Local\ipc4jch.NAME (current user only), the same name rule. */
    private static SharedMemory openWindows(String name, ChannelOptions options) throws IOException {
        Names.posix(name, PosixSharedMemory.maxNameBytes(), KIND);
        return openSized(options, (mode, size) -> {
            WindowsShmOptions shm = WindowsShmOptions.options().openMode(mode);
            if (options.ownerRequired()) {
                shm.requireOwner();
            }
            if (size != 0) {
                shm.size(size);
            }
            return WindowsSharedMemory.open("Local\\ipc4jch." + name.substring(1), shm);
        });
    }

    /** Opens the memory in one open mode; size is what it must have (a created object's size), or 0. */
    private interface Opener {
        SharedMemory open(OpenMode mode, long size) throws IOException;
    }

    /**
     * Opens the memory as options say. The capacity asked for is a created channel's: an existing one keeps its
     * own, which a size given to an open-or-create (there, the least an existing object must have) would refuse
     * when smaller. So open-or-create creates, and else opens what exists asking only for a header (which also
     * waits for a creator that has not sized it yet).
     */
    private static SharedMemory openSized(ChannelOptions options, Opener opener) throws IOException {
        long created = ChannelLayout.size(options.capacity());
        switch (options.openMode()) {
            case OPEN_EXISTING:
                return opener.open(OpenMode.OPEN_EXISTING, 0);
            case CREATE_NEW:
                return opener.open(OpenMode.CREATE_NEW, created);
            default:
                for (int attempt = 1; ; attempt++) {
                    try {
                        return opener.open(OpenMode.CREATE_NEW, created);
                    } catch (FileAlreadyExistsException exists) {
                        // open it as it is
                    }
                    try {
                        return opener.open(OpenMode.OPEN_EXISTING, ChannelLayout.DATA);
                    } catch (NoSuchFileException removed) {
                        if (attempt == 3) {
                            throw removed; // removed again each time between the two opens
                        }
                    }
                }
        }
    }

    /**
     * Removes the channel's name (shm_unlink) and, for a channel that waits on named semaphores, theirs; open
     * ends keep working until closed.
     *
     * @param name the channel's name
     * @throws IOException the OS refused (no such channel: NoSuchFileException)
     */
    public static void unlink(String name) throws IOException {
        if (WINDOWS) {
            Names.posix(name, PosixSharedMemory.maxNameBytes(), KIND);
            return; // a mapping and its events go with the last process that has them open
        }
        long semaphores = semaphoreId(name);
        PosixSharedMemory.unlink(name);
        if (semaphores != 0) {
            NamedWakeWaiter.unlinkSemaphores(semaphores);
        }
    }

    /** The id of the named semaphores of the channel called name, or 0 (none, not a channel, unreadable). */
    private static long semaphoreId(String name) throws IOException {
        PosixSharedMemory memory;
        try {
            memory = PosixSharedMemory.open(name, PosixShmOptions.options().access(Access.READ_ONLY));
        } catch (IOException e) {
            return 0; // unlink says why, if it fails too
        }
        try {
            return memory.size() < ChannelLayout.DATA ? 0
                    : ChannelLayout.semaphoresId(memory.buffer(0, ChannelLayout.DATA));
        } finally {
            memory.close();
        }
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
     * @throws IpcClosedException the channel was closed
     */
    public long pendingBytes() {
        if (handle.isClosed()) {
            throw new IpcClosedException(handle.description(), false); // the ring it would read is given back
        }
        return ring.pendingBytes();
    }

    @Override
    public void send(ByteBuffer src) throws IOException, InterruptedException {
        send(src, Deadline.NONE);
    }

    @Override
    public boolean offer(ByteBuffer src) throws IOException {
        try {
            return send(src, Deadline.NOW);
        } catch (InterruptedException cannotWait) {
            throw new IllegalStateException(cannotWait); // a call with no wait does not check interrupts
        }
    }

    @Override
    public boolean offer(ByteBuffer src, Duration timeout) throws IOException, InterruptedException {
        return send(src, Deadline.after(timeout));
    }

    @Override
    public boolean offer(ByteBuffer src, long timeout, TimeUnit unit) throws IOException, InterruptedException {
        return send(src, Deadline.after(timeout, unit));
    }

    @Override
    public int receive(ByteBuffer dst) throws IOException, InterruptedException {
        return receive(dst, Deadline.NONE);
    }

    @Override
    public int poll(ByteBuffer dst) throws IOException {
        try {
            return receive(dst, Deadline.NOW);
        } catch (InterruptedException cannotWait) {
            throw new IllegalStateException(cannotWait);
        }
    }

    @Override
    public int poll(ByteBuffer dst, Duration timeout) throws IOException, InterruptedException {
        return receive(dst, Deadline.after(timeout));
    }

    @Override
    public int poll(ByteBuffer dst, long timeout, TimeUnit unit) throws IOException, InterruptedException {
        return receive(dst, Deadline.after(timeout, unit));
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
        // a report an earlier call of this thread is still owed, thrown inside handle.close(), would leave the end
        // half closed; that call is over, and what is left is to close
        MemoryFaults.takePending();
        handle.close();
        waiter.close(); // a sleep on a named object ends (the futex sleep ended with the handle)
        awaitNoCall();
        synchronized (this) {
            if (!memory.isClosed()) {
                try {
                    ring.release();
                } catch (InternalError shrunk) {
                    // another process shrank the object: the end's word went with it, nothing to give back
                }
                MemoryFaults.takePending(); // a fault of release() is taken here, not thrown after close
                memory.close();
            }
        }
    }

    /**
     * Waits for the call in progress on this end, if any, to leave: a woken call leaves at once, a non-blocking
     * one is a copy. But the call may be a virtual thread that needs a carrier to leave, and closers on virtual
     * threads spinning (or yielding: the scheduler then runs the yielding closers again before the woken
     * calls, 2 carriers and 60 closers stalled 500 calls over 50 s) hold every carrier: spin briefly, yield a
     * little, then park, which frees the carrier. An interrupt of the closer is kept for it, not lost.
     */
    private void awaitNoCall() {
        boolean interrupted = false;
        for (int spins = 0; ring.inCall(); spins++) {
            if (spins < 100) {
                Thread.onSpinWait();
            } else if (spins < 200) {
                Thread.yield();
            } else {
                interrupted |= Thread.interrupted(); // parkNanos would not park while the flag is set
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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

    private boolean send(ByteBuffer src, long deadline) throws IOException, InterruptedException {
        ChannelRing to = sender(src);
        try {
            return to.send(src, deadline);
        } catch (InternalError e) {
            to.abandonCall();
            throw fault(memory, e);
        } catch (IpcException e) {
            throw damageOrShrink(memory, e);
        }
    }

    private int receive(ByteBuffer dst, long deadline) throws IOException, InterruptedException {
        ChannelRing from = receiver(dst);
        try {
            return from.receive(dst, deadline);
        } catch (InternalError e) {
            from.abandonCall();
            throw fault(memory, e);
        } catch (IpcException e) {
            throw damageOrShrink(memory, e);
        }
    }

    /**
     * A fault in the ring as what it is. The JVM turns a fault in a read or write of mapped memory into an
     * InternalError ("a fault occurred in an unsafe memory access"): pages of the object gone, because
     * another process shrank it (ftruncate; the OS cannot forbid it on a named object). That is an
     * IpcException saying so; any other InternalError is rethrown. (A fault inside the JVM's
     * compare-and-set kills the process instead: the channel's one, at open, is the memory's guarded one, and
     * it gives its end back at close with a plain read and write.)
     */
    private static IOException fault(SharedMemory memory, InternalError e) {
        if (!MemoryFaults.isFault(e)) {
            throw e;
        }
        IOException shrunk = shrinkOf(memory);
        if (shrunk == null) {
            shrunk = Errors.ipc(Errno.EINVAL, "access", memory.description(), "a page of the channel's memory "
                    + "faulted: another process shrank the object (and may have grown it again since)");
        }
        shrunk.addSuppressed(e);
        return shrunk;
    }

    /**
     * Damage the ring reports (EINVAL) as what it may really be: a shrunk object reads as zeros from its new end
     * to the end of that page, no fault, so a ring cut there looks like missing records. Other exceptions pass.
     */
    private static IOException damageOrShrink(SharedMemory memory, IpcException e) {
        if (e.errno() != Errno.EINVAL) {
            return e;
        }
        InternalError late = MemoryFaults.takePending(); // a fault that read the zeros, here, not later
        if (late != null) {
            IOException fault = fault(memory, late);
            fault.addSuppressed(e);
            return fault;
        }
        IOException shrunk = shrinkOf(memory);
        if (shrunk == null) {
            return e;
        }
        shrunk.addSuppressed(e);
        return shrunk;
    }

    /** The exception saying another process shrank the object below its mapped size, or null when it did not. */
    private static IOException shrinkOf(SharedMemory memory) {
        try {
            memory.checkCovers(0, memory.size());
            return null;
        } catch (IOException gone) {
            return gone;
        }
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
