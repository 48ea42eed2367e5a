package io.github.ipc4j.sysv;

import io.github.ipc4j.Access;
import io.github.ipc4j.Feature;
import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.IpcRemovedException;
import io.github.ipc4j.MessageQueue;
import io.github.ipc4j.OpenMode;
import io.github.ipc4j.Platform;
import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.Errno;
import io.github.ipc4j.internal.Errors;
import io.github.ipc4j.internal.HeapRange;
import io.github.ipc4j.internal.NativeHandle;
import io.github.ipc4j.internal.NativeSysvMsg;
import io.github.ipc4j.internal.Blocking;
import io.github.ipc4j.internal.CallSlot;
import io.github.ipc4j.internal.Offload;
import io.github.ipc4j.internal.WaitPredictor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A System V message queue ({@code msgget}, {@code msgsnd}, {@code msgrcv}, {@code msgctl}), on Linux and
 * macOS: messages with a positive type, received by type ({@link TypeSelector}).
 *
 * <p>Shaped like a {@code BlockingQueue} of typed byte messages: {@code send} waits for room (the queue's
 * byte limit, {@link SysvMsgQueueStatus#maxBytes()}), {@code offer} does not (or waits up to a timeout),
 * {@code receive} waits for a message the selector takes, {@code poll} does not (or waits up to a timeout).
 * Blocking calls throw InterruptedException when the thread is interrupted (the queue stays usable),
 * IpcClosedException when another thread closes this object, and {@link IpcRemovedException} when the
 * queue is removed ({@link #remove()}, {@code ipcrm}, another process); timeouts run on the monotonic clock.
 * msgsnd and msgrcv have no descriptor to wait on: a blocking call runs under the thread's blocker (see
 * ipc4j_blocker.h), which a signal cuts short on interrupt or close; on Linux a per-thread timer ends a timed
 * call on time, while macOS, which has no such timer, tries the call every 2 ms until the deadline.
 *
 * <p>Copies: the kernel takes and gives a message as a {@code long} type followed by the payload, a layout
 * no Java buffer has. Every form (direct buffer, heap buffer, array) therefore copies the payload once, in
 * native code, through a scratch area of the calling thread that is allocated once and reused: no
 * allocation per message, one memcpy besides the kernel's own copy into or out of the queue. For messages
 * of a few KiB (the kernel allows 8 KiB by default) that copy costs far less than the system call.
 *
 * <p>As a {@link MessageQueue}: {@link #send(ByteBuffer)} and the offers without a type send type
 * {@link #DEFAULT_TYPE} (1); {@link #receive(ByteBuffer)} and the polls without a selector take the oldest
 * message of any type and answer its length, or {@link #NO_MESSAGE}. The forms with a {@link TypeSelector}
 * answer the message's type instead (its length is how far dst's position advanced), or {@link #NO_MESSAGE}
 * (-1; types are at least 1): they allocate nothing, and are the reusable form of the allocating
 * {@link #receive(TypeSelector)}. Timeouts: a negative one means zero.
 *
 * <p>Thread-safe: any number of threads may send and receive on one object at once. {@link #close()} lets
 * go of this object only; {@link #remove()} destroys the queue for everyone. Use after close throws
 * IpcClosedException, use after remove IpcRemovedException, without reaching the kernel (an identifier can be
 * reused by a later queue).
 */
public final class SysvMessageQueue implements SysvObject<SysvMsgQueueStatus>, MessageQueue {
    /**
     * The type of the messages sent through the {@link MessageQueue} forms, which name none:
     * {@link #send(ByteBuffer)}, {@link #offer(ByteBuffer)} and the timed offers without a type.
     */
    public static final long DEFAULT_TYPE = 1;

    private static final String KIND = "System V message queue";
    private static final int STAT_VALUES = 16;
    private static final int MIN_RECEIVE_ROOM = 8192;
    private static final long TIMED_OUT = Long.MIN_VALUE;

    /** The kernel's largest message as last read; refreshed when a message or a refusal exceeds it. */
    private static volatile long msgmax = -1;

    private final IpcKey key;
    private final int id;
    private final Access access;
    private final boolean created;
    private final String name;
    private final WaitPredictor sendPredictor = new WaitPredictor();
    private final WaitPredictor receivePredictor = new WaitPredictor();
    private final NativeHandle handle;
    private volatile boolean removed;
    /** The queue's byte limit as last seen: a longer message can never be sent. */
    private volatile long maxBytes;

    private SysvMessageQueue(IpcKey key, int id, Access access, boolean created, long maxBytes) {
        this.key = key;
        this.id = id;
        this.access = access;
        this.created = created;
        this.maxBytes = maxBytes;
        this.name = describe(key, id);
        this.handle = NativeHandle.holdingNothing(name); // an identifier holds nothing in this process
    }

    private static String describe(IpcKey key, int id) {
        return KIND + (key.isPrivate() ? " (private" : " " + key + " (") + (key.isPrivate() ? ", id " : "id ") + id
                + ")";
    }

    // ---- opening -------------------------------------------------------------------------------------

    /**
     * Opens the existing queue with key for reading and writing.
     *
     * @param key the queue's key
     * @return the queue
     * @throws IOException no queue has key (NoSuchFileException), or the OS refused
     */
    public static SysvMessageQueue open(IpcKey key) throws IOException {
        return open(key, SysvMqOptions.options());
    }

    /**
     * Opens or creates (as options say) the queue with key. {@link IpcKey#PRIVATE} always creates a new
     * queue (only CREATE_NEW or OPEN_OR_CREATE allow it), which other processes reach by its {@link #id()}.
     *
     * @param key the queue's key ({@link IpcKey#PRIVATE} makes a new one)
     * @param options how to open or create it
     * @return the queue
     * @throws java.nio.file.FileAlreadyExistsException CREATE_NEW and a queue with the key exists
     * @throws NoSuchFileException OPEN_EXISTING and none does
     * @throws AccessDeniedException the queue's permissions refuse the asked access, or an ownership check asked
     *                               for failed
     * @throws IpcException any other failure, naming the kernel limit (kernel.msgmni) when one was reached
     */
    public static SysvMessageQueue open(IpcKey key, SysvMqOptions options) throws IOException {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(options, "options must not be null");
        if (key.isPrivate() && options.openMode() == OpenMode.OPEN_EXISTING) {
            throw new IllegalArgumentException("IpcKey.PRIVATE always creates a new queue, which OPEN_EXISTING (the "
                    + "default) forbids: use createNew() or openOrCreate() to create one, or ofId(id) to reach an "
                    + "existing private queue");
        }
        Platform.require(Feature.SYSV_MESSAGE_QUEUE);
        String what = KIND + " " + key;
        long r = NativeSysvMsg.open(key.value(), options.openMode().ordinal(), options.mode(),
                accessBits(options.access()));
        if (r < 0) {
            throw openFailure((int) -r, what);
        }
        int id = (int) r;
        boolean created = (r >>> 32) != 0;
        String description = describe(key, id);
        return SysvOpening.finish(id, created, options, description, () -> stat(id, description),
                NativeSysvMsg::remove, s -> new SysvMessageQueue(key, id, options.access(), created, s[8]));
    }

    /**
     * Creates a new private queue (IPC_PRIVATE) with mode 0600: other processes reach it by its {@link #id()}.
     *
     * @return the new queue
     * @throws IOException the OS refused (msgmni queues exist, for one)
     */
    public static SysvMessageQueue createPrivate() throws IOException {
        return open(IpcKey.PRIVATE, SysvMqOptions.options().createNew());
    }

    /**
     * Opens the existing queue with this identifier (from {@link #id()} of another process, or a listing),
     * for reading and writing. Checks that it exists with IPC_STAT, which needs read permission.
     *
     * @param id the queue's identifier (msqid)
     * @return the queue
     * @throws NoSuchFileException no queue has this identifier
     */
    public static SysvMessageQueue ofId(int id) throws IOException {
        return ofId(id, Access.READ_WRITE);
    }

    /**
     * Opens the existing queue with this identifier for access. Checks that it exists with IPC_STAT, which
     * needs read permission.
     *
     * @param id the queue's identifier, from {@link #id()} of another process or a listing
     * @param access what this object may do: send (WRITE_ONLY), receive (READ_ONLY) or both
     * @return the queue
     * @throws IllegalArgumentException id is negative
     * @throws NoSuchFileException no queue has this identifier
     * @throws IOException any other failure
     */
    public static SysvMessageQueue ofId(int id, Access access) throws IOException {
        SysvChecks.id(id, "message queue");
        Objects.requireNonNull(access, "access must not be null");
        Platform.require(Feature.SYSV_MESSAGE_QUEUE);
        long[] status = SysvOpening.statusById(id, KIND, "queue", "msgctl(IPC_STAT)", STAT_VALUES, NativeSysvMsg::stat);
        return new SysvMessageQueue(IpcKey.of((int) status[0]), id, access, false, status[8]);
    }

    private static int accessBits(Access access) {
        return access == Access.READ_ONLY ? 0400 : access == Access.WRITE_ONLY ? 0200 : 0600;
    }

    private static IOException openFailure(int errno, String what) {
        if (errno == Errno.ENOSPC) {
            return Errors.limit(errno, "msgget", what, "the system has as many message queues as it allows",
                    SysvMsgLimits.MSGMNI + " (" + SysvMsgLimits.maxQueues() + ")",
                    SysvMsgLimits.howToRaise(SysvMsgLimits.MSGMNI));
        }
        if (errno == Errno.ENOMEM) {
            return Errors.ipc(errno, "msgget", what, "the kernel has no memory for another queue");
        }
        return Errors.of(errno, "msgget", what);
    }

    // ---- what it is ----------------------------------------------------------------------------------

    /** The key the queue was opened with ({@link IpcKey#PRIVATE} for a private one). */
    @Override
    public IpcKey key() {
        return key;
    }

    /** The queue's identifier (msqid): what {@link #ofId} takes, and ipcs shows. */
    @Override
    public int id() {
        return id;
    }

    /** Whether this open created the queue. */
    @Override
    public boolean created() {
        return created;
    }

    @Override
    public Access access() {
        return access;
    }

    // ---- sending -------------------------------------------------------------------------------------

    /**
     * Sends src's remaining bytes as one message of the given type, waiting while the queue lacks room. On
     * return src's position is its limit.
     *
     * @param src the message: its remaining bytes
     * @param type the message's type, at least 1
     * @throws IllegalArgumentException type below 1; a message longer than the kernel's msgmax or than the
     *                                  queue's byte limit (it could never be sent)
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was sent
     */
    public void send(ByteBuffer src, long type) throws IOException, InterruptedException {
        send(src, type, Deadline.NONE);
    }

    /**
     * Sends the whole array as one message of the given type, waiting while the queue lacks room.
     *
     * @param message the message
     * @param type the message's type, at least 1
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was sent
     */
    public void send(byte[] message, long type) throws IOException, InterruptedException {
        send(wrap(message), type, Deadline.NONE);
    }

    /**
     * Sends if the queue has room now; false (src untouched) if not.
     *
     * @param src the message: its remaining bytes
     * @param type the message's type, at least 1
     * @return true if it was sent; false (src untouched) if the queue was full
     * @throws IOException the OS refused
     */
    public boolean offer(ByteBuffer src, long type) throws IOException {
        return sendNow(src, type);
    }

    /**
     * Sends the whole array as one message of the given type if the queue has room now.
     *
     * @param message the message
     * @param type the message's type, at least 1
     * @return true if it was sent; false if the queue was full
     * @throws IOException the OS refused
     */
    public boolean offer(byte[] message, long type) throws IOException {
        return sendNow(wrap(message), type);
    }

    /**
     * Sends, waiting at most timeout for room; false (src untouched) if there was none.
     *
     * @param src the message: its remaining bytes
     * @param type the message's type, at least 1
     * @param timeout the longest wait; zero or negative tries once
     * @return true if it was sent; false (src untouched) if there was no room in time
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was sent
     */
    public boolean offer(ByteBuffer src, long type, Duration timeout) throws IOException, InterruptedException {
        return send(src, type, Deadline.after(timeout));
    }

    /**
     * Sends the whole array as one message of the given type, waiting at most timeout for room.
     *
     * @param message the message
     * @param type the message's type, at least 1
     * @param timeout the longest wait; zero or negative tries once
     * @return true if it was sent; false if there was no room in time
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was sent
     */
    public boolean offer(byte[] message, long type, Duration timeout) throws IOException, InterruptedException {
        return send(wrap(message), type, Deadline.after(timeout));
    }

    /**
     * Sends src's remaining bytes as one message of the given type, waiting at most timeout units for room.
     *
     * @param src the message
     * @param type the message's type, at least 1
     * @param timeout the longest wait, in units; zero or negative tries once
     * @param unit the unit of timeout
     * @return true if it was sent; false (src untouched) if there was no room in time
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was sent
     */
    public boolean offer(ByteBuffer src, long type, long timeout, TimeUnit unit)
            throws IOException, InterruptedException {
        return send(src, type, Deadline.after(timeout, unit));
    }

    /**
     * Sends the whole array as one message of the given type, waiting at most timeout units for room.
     *
     * @param message the message
     * @param type the message's type, at least 1
     * @param timeout the longest wait, in units; zero or negative tries once
     * @param unit the unit of timeout
     * @return true if it was sent; false if there was no room in time
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was sent
     */
    public boolean offer(byte[] message, long type, long timeout, TimeUnit unit)
            throws IOException, InterruptedException {
        return send(wrap(message), type, Deadline.after(timeout, unit));
    }

    /** Sends src's remaining bytes as one message of type {@link #DEFAULT_TYPE}, waiting for room. */
    @Override
    public void send(ByteBuffer src) throws IOException, InterruptedException {
        send(src, DEFAULT_TYPE, Deadline.NONE);
    }

    /** Sends src's remaining bytes as one message of type {@link #DEFAULT_TYPE} if there is room now. */
    @Override
    public boolean offer(ByteBuffer src) throws IOException {
        return sendNow(src, DEFAULT_TYPE);
    }

    /** Sends one message of type {@link #DEFAULT_TYPE}, waiting at most timeout for room. */
    @Override
    public boolean offer(ByteBuffer src, Duration timeout) throws IOException, InterruptedException {
        return send(src, DEFAULT_TYPE, Deadline.after(timeout));
    }

    /** Sends one message of type {@link #DEFAULT_TYPE}, waiting at most timeout units for room. */
    @Override
    public boolean offer(ByteBuffer src, long timeout, TimeUnit unit) throws IOException, InterruptedException {
        return send(src, DEFAULT_TYPE, Deadline.after(timeout, unit));
    }

    /**
     * The longest message that can be sent to this queue now: the kernel's msgmax, or the queue's byte limit
     * when that is lower (as last seen).
     *
     * @return the largest message size, in bytes
     */
    @Override
    public int maxMessageSize() {
        return (int) Math.min(Math.min(receiveRoomLimit(), maxBytes), Integer.MAX_VALUE);
    }

    private static long receiveRoomLimit() {
        long max = msgmax;
        if (max < 0) {
            max = msgmax = SysvMsgLimits.maxMessageSize();
        }
        return max;
    }

    private boolean sendNow(ByteBuffer src, long type) throws IOException {
        try {
            return send(src, type, Deadline.NOW);
        } catch (InterruptedException impossible) {
            throw new AssertionError("a send that does not wait cannot be interrupted", impossible);
        }
    }

    private boolean send(ByteBuffer src, long type, long deadline) throws IOException, InterruptedException {
        Objects.requireNonNull(src, "message buffer must not be null");
        TypeSelector.checkType(type);
        int length = src.remaining();
        checkLength(length);
        if (!access.canWrite()) {
            throw new IllegalStateException(name + " was opened " + access + "; sending needs WRITE_ONLY or READ_WRITE");
        }
        handle.enter();
        try {
            checkNotRemoved("msgsnd");
            long r = transfer(true, src, length, type, 0, deadline);
            if (r == TIMED_OUT) {
                return false;
            }
            if (r < 0) {
                throw sendFailure((int) -r, length);
            }
            src.position(src.limit());
            return true;
        } finally {
            handle.exit();
        }
    }

    /**
     * One send or receive, waiting as deadline says (a try first when it is timed, or when the
     * {@link WaitPredictor} expects it to succeed); interruptible and cut short by close. The native result
     * (&gt;= 0, or -errno), or TIMED_OUT.
     */
    private long transfer(boolean send, ByteBuffer buffer, int length, long type, int flags, long deadline)
            throws IOException, InterruptedException {
        int wouldBlock = send ? -Errno.EAGAIN : -Errno.ENOMSG;
        WaitPredictor predictor = send ? sendPredictor : receivePredictor;
        boolean tryFirst = deadline != Deadline.NONE || predictor.tryFirst();
        for (;;) {
            long r;
            if (tryFirst) {
                tryFirst = false;
                r = attempt(send, buffer, length, type, flags | NativeSysvMsg.NOWAIT, 0, -1);
                if (r == wouldBlock || r == -Errno.EINTR) {
                    if (deadline == Deadline.NONE) {
                        predictor.tryFailed();
                    }
                    continue; // the wait below answers (at once for NOW)
                }
                return r;
            }
            long timeout = Deadline.remaining(deadline);
            if (timeout == 0) {
                return TIMED_OUT;
            }
            r = Blocking.onVirtualThread()
                    ? Offload.run(() -> waitOnce(send, buffer, length, type, flags, timeout))
                    : waitOnce(send, buffer, length, type, flags, timeout);
            if (r != -Errno.EINTR) {
                return r;
            }
            Blocking.afterEintr(handle);
        }
    }

    private long waitOnce(boolean send, ByteBuffer buffer, int length, long type, int flags, long timeout)
            throws IpcClosedException {
        CallSlot slot = Blocking.begin(handle);
        try {
            return attempt(send, buffer, length, type, flags, slot.waker(), timeout);
        } finally {
            Blocking.end(slot);
        }
    }

    /** A send's 0 or -errno; a receive's length and type (NativeSysvMsg.receiveDirect) or -errno. */
    private long attempt(boolean send, ByteBuffer buffer, int length, long type, int flags, long blocker, long timeout) {
        return send ? trySend(buffer, length, type, flags, blocker, timeout)
                : tryReceive(buffer, length, type, flags, blocker, timeout);
    }

    private int trySend(ByteBuffer src, int length, long type, int flags, long blocker, long timeout) {
        if (src.isDirect()) {
            return NativeSysvMsg.sendDirect(id, type, src, src.position(), length, flags, blocker, timeout);
        }
        if (src.hasArray()) {
            return NativeSysvMsg.sendArray(id, type, src.array(), HeapRange.start(src, length), length, flags,
                    blocker, timeout);
        }
        byte[] copy = new byte[length]; // a read-only heap buffer hides its array
        src.duplicate().get(copy);
        return NativeSysvMsg.sendArray(id, type, copy, 0, length, flags, blocker, timeout);
    }

    /** Refuses, before any call, a message the kernel could never take. */
    private void checkLength(int length) throws IOException {
        long max = msgmax;
        if (length > max) {
            max = msgmax = SysvMsgLimits.maxMessageSize();
            if (length > max) {
                throw new IllegalArgumentException("message of " + length + " bytes exceeds the kernel's largest "
                        + "message, msgmax " + max + " bytes (" + SysvMsgLimits.MSGMAX + "); raise it with "
                        + SysvMsgLimits.howToRaise(SysvMsgLimits.MSGMAX));
            }
        }
        if (length > maxBytes) {
            maxBytes = status().maxBytes(); // someone may have raised it
            if (length > maxBytes) {
                throw new IllegalArgumentException("message of " + length + " bytes can never fit " + name
                        + ", whose byte limit (msg_qbytes) is " + maxBytes + " bytes; raise it with setMaxBytes (above "
                        + "kernel.msgmnb, " + SysvMsgLimits.defaultMaxBytes() + ", that needs CAP_SYS_RESOURCE)");
            }
        }
    }

    // ---- receiving -----------------------------------------------------------------------------------

    /**
     * Receives the oldest message, of any type, into dst, waiting while there is none. dst's position
     * advances by the message's length.
     *
     * @return the message's length in bytes
     * @throws IpcException E2BIG: the message is longer than dst's remaining bytes (it stays in the queue)
     */
    @Override
    public int receive(ByteBuffer dst) throws IOException, InterruptedException {
        return length(dst, dst == null ? 0 : dst.position(), receive(dst, TypeSelector.ANY, Deadline.NONE));
    }

    /** Receives the oldest message of any type if one is there now: its length, or {@link #NO_MESSAGE}. */
    @Override
    public int poll(ByteBuffer dst) throws IOException {
        return length(dst, dst == null ? 0 : dst.position(), poll(dst, TypeSelector.ANY));
    }

    /** Receives the oldest message of any type, waiting at most timeout: its length, or {@link #NO_MESSAGE}. */
    @Override
    public int poll(ByteBuffer dst, Duration timeout) throws IOException, InterruptedException {
        return length(dst, dst == null ? 0 : dst.position(), receive(dst, TypeSelector.ANY, Deadline.after(timeout)));
    }

    /** Receives the oldest message of any type, waiting at most timeout units: its length, or {@link #NO_MESSAGE}. */
    @Override
    public int poll(ByteBuffer dst, long timeout, TimeUnit unit) throws IOException, InterruptedException {
        return length(dst, dst == null ? 0 : dst.position(),
                receive(dst, TypeSelector.ANY, Deadline.after(timeout, unit)));
    }

    private static int length(ByteBuffer dst, int start, long type) {
        return type == NO_MESSAGE ? NO_MESSAGE : dst.position() - start;
    }

    /**
     * Receives the message selector takes into dst, waiting while there is none; dst's position advances by
     * the message's length. Allocates nothing: the reusable form of {@link #receive(TypeSelector)}.
     *
     * @param dst where the message goes
     * @param selector which message to take
     * @return the message's type
     * @throws IpcException E2BIG: the message is longer than dst's remaining bytes (it stays in the queue)
     * @throws InterruptedException the thread was interrupted while waiting; nothing was taken
     */
    public long receive(ByteBuffer dst, TypeSelector selector) throws IOException, InterruptedException {
        return receive(dst, selector, Deadline.NONE);
    }

    /**
     * Receives a message selector takes if one is there now; dst's position advances by its length.
     *
     * @param dst where the message goes
     * @param selector which message to take
     * @return the message's type, or {@link #NO_MESSAGE} (dst untouched)
     * @throws IOException the OS refused
     */
    public long poll(ByteBuffer dst, TypeSelector selector) throws IOException {
        try {
            return receive(dst, selector, Deadline.NOW);
        } catch (InterruptedException impossible) {
            throw new AssertionError("a receive that does not wait cannot be interrupted", impossible);
        }
    }

    /**
     * Receives a message selector takes, waiting at most timeout; dst's position advances by its length.
     *
     * @param dst where the message goes
     * @param selector which message to take
     * @param timeout the longest wait; zero or negative tries once
     * @return the message's type, or {@link #NO_MESSAGE} (dst untouched)
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was taken
     */
    public long poll(ByteBuffer dst, TypeSelector selector, Duration timeout) throws IOException, InterruptedException {
        return receive(dst, selector, Deadline.after(timeout));
    }

    /**
     * Receives a message selector takes, waiting at most timeout units; dst's position advances by its length.
     *
     * @param dst where the message goes
     * @param selector which message to take
     * @param timeout the longest wait, in units; zero or negative tries once
     * @param unit the unit of timeout
     * @return the message's type, or {@link #NO_MESSAGE} (dst untouched)
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was taken
     */
    public long poll(ByteBuffer dst, TypeSelector selector, long timeout, TimeUnit unit)
            throws IOException, InterruptedException {
        return receive(dst, selector, Deadline.after(timeout, unit));
    }

    /**
     * Receives the message selector takes into a new array, waiting while there is none. The message is
     * received into a buffer of the calling thread, allocated once (msgmax bytes) and reused, so each call
     * allocates only the message's own bytes; {@link #receive(ByteBuffer, TypeSelector)} allocates nothing.
     *
     * @param selector which message to take
     * @return the message and its type
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was taken
     */
    public SysvMessage receive(TypeSelector selector) throws IOException, InterruptedException {
        return receiveMessage(selector, Deadline.NONE).orElseThrow();
    }

    /**
     * Receives a message selector takes into a new array if one is there now (see
     * {@link #receive(TypeSelector)} for what it allocates).
     *
     * @param selector which message to take
     * @return the message, or empty
     * @throws IOException the OS refused
     */
    public Optional<SysvMessage> poll(TypeSelector selector) throws IOException {
        try {
            return receiveMessage(selector, Deadline.NOW);
        } catch (InterruptedException impossible) {
            throw new AssertionError("a receive that does not wait cannot be interrupted", impossible);
        }
    }

    /**
     * Receives a message selector takes into a new array, waiting at most timeout.
     *
     * @param selector which message to take
     * @param timeout the longest wait; zero or negative tries once
     * @return the message, or empty if none came in time
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was taken
     */
    public Optional<SysvMessage> poll(TypeSelector selector, Duration timeout) throws IOException, InterruptedException {
        return receiveMessage(selector, Deadline.after(timeout));
    }

    /**
     * Receives a message selector takes into a new array, waiting at most timeout units.
     *
     * @param selector which message to take
     * @param timeout the longest wait, in units; zero or negative tries once
     * @param unit the unit of timeout
     * @return the message, or empty if none came in time
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was taken
     */
    public Optional<SysvMessage> poll(TypeSelector selector, long timeout, TimeUnit unit)
            throws IOException, InterruptedException {
        return receiveMessage(selector, Deadline.after(timeout, unit));
    }

    private Optional<SysvMessage> receiveMessage(TypeSelector selector, long deadline)
            throws IOException, InterruptedException {
        ByteBuffer buffer = ReceiveScratch.forThisThread(receiveRoom());
        long type = receive(buffer, selector, deadline);
        return type == NO_MESSAGE ? Optional.empty()
                : Optional.of(new SysvMessage(type, Arrays.copyOf(buffer.array(), buffer.position())));
    }

    /**
     * Copies the message at index (0 the oldest) into dst without removing it (msgrcv MSG_COPY); does not
     * wait. Linux only, and only where the kernel was built with CONFIG_CHECKPOINT_RESTORE.
     *
     * @param dst where the copy goes; its position advances by the message's length
     * @param index the message's place in the queue, 0 the oldest
     * @return the message's type, or {@link #NO_MESSAGE} when the queue has no message at index
     * @throws UnsupportedOperationException the OS or the running kernel lacks MSG_COPY
     * @throws IOException the OS refused
     */
    public long peek(ByteBuffer dst, int index) throws IOException {
        Platform.require(Feature.SYSV_MESSAGE_COPY);
        if (index < 0) {
            throw new IllegalArgumentException("a message index is at least 0 (the oldest message), was " + index);
        }
        checkReceiveBuffer(dst);
        handle.enter();
        try {
            checkNotRemoved("msgrcv(MSG_COPY)");
            long r = tryReceive(dst, capacity(dst), index, NativeSysvMsg.COPY | NativeSysvMsg.NOWAIT, 0, -1);
            if (r >= 0) {
                dst.position(dst.position() + NativeSysvMsg.receivedLength(r));
                return NativeSysvMsg.receivedType(r);
            }
            if (r == -Errno.ENOMSG) {
                return NO_MESSAGE;
            }
            if (r == -Errno.ENOSYS) {
                throw new UnsupportedOperationException("the running kernel (" + System.getProperty("os.version")
                        + ") lacks msgrcv(MSG_COPY): it was built without CONFIG_CHECKPOINT_RESTORE");
            }
            throw receiveFailure((int) -r, "msgrcv(MSG_COPY)", dst, "at index " + index);
        } finally {
            handle.exit();
        }
    }

    private long receive(ByteBuffer dst, TypeSelector selector, long deadline)
            throws IOException, InterruptedException {
        checkReceiveBuffer(dst);
        Objects.requireNonNull(selector, "selector must not be null");
        if (deadline != Deadline.NOW && Blocking.onVirtualThread()) {
            // the received type is read from the worker's own scratch: the whole receive runs there
            return Offload.run(() -> receive(dst, selector, deadline));
        }
        handle.enter();
        try {
            checkNotRemoved("msgrcv");
            int capacity = capacity(dst);
            for (;;) {
                long r = transfer(false, dst, capacity, selector.msgtyp(), selector.flags(), deadline);
                if (r == TIMED_OUT) {
                    return NO_MESSAGE;
                }
                if (r >= 0) {
                    dst.position(dst.position() + NativeSysvMsg.receivedLength(r));
                    return NativeSysvMsg.receivedType(r);
                }
                if (r == -Errno.E2BIG && capacity < dst.remaining()) {
                    msgmax = SysvMsgLimits.maxMessageSize();
                    if (capacity(dst) > capacity) {
                        capacity = capacity(dst); // msgmax was raised since we read it: again, with more room
                        continue;
                    }
                }
                throw receiveFailure((int) -r, "msgrcv", dst, "matching " + selector);
            }
        } finally {
            handle.exit();
        }
    }

    private long tryReceive(ByteBuffer dst, int capacity, long msgtyp, int flags, long blocker, long timeout) {
        if (dst.isDirect()) {
            return NativeSysvMsg.receiveDirect(id, dst, dst.position(), capacity, msgtyp, flags, blocker, timeout);
        }
        return NativeSysvMsg.receiveArray(id, dst.array(), HeapRange.start(dst, capacity), capacity, msgtyp, flags,
                blocker, timeout);
    }

    private void checkReceiveBuffer(ByteBuffer dst) {
        Objects.requireNonNull(dst, "receive buffer must not be null");
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        if (!access.canRead()) {
            throw new IllegalStateException(name + " was opened " + access + "; receiving needs READ_ONLY or READ_WRITE");
        }
    }

    /** The room a receive asks the kernel for: dst's, but no more than the largest message (a scratch that big). */
    private static int capacity(ByteBuffer dst) {
        return Math.min(dst.remaining(), receiveRoom());
    }

    private static int receiveRoom() {
        return (int) Math.max(MIN_RECEIVE_ROOM, Math.min(receiveRoomLimit(), Integer.MAX_VALUE - 64));
    }

    private IOException receiveFailure(int errno, String call, ByteBuffer dst, String which) {
        if (errno == Errno.E2BIG) {
            msgmax = SysvMsgLimits.maxMessageSize();
            return Errors.ipc(errno, call, name, "the next message " + which + " is longer than the " + dst.remaining()
                    + " bytes remaining in the buffer; it stays in the queue: receive it with room for up to msgmax "
                    + msgmax + " bytes, or with a truncating() selector");
        }
        return failure(errno, call);
    }

    private IOException sendFailure(int errno, int length) {
        if (errno == Errno.EINVAL && !isGone()) {
            long max = msgmax = SysvMsgLimits.maxMessageSize();
            if (length > max) {
                return Errors.limit(errno, "msgsnd", name, "message of " + length + " bytes exceeds msgmax " + max,
                        SysvMsgLimits.MSGMAX, SysvMsgLimits.howToRaise(SysvMsgLimits.MSGMAX));
            }
        }
        if (errno == Errno.ENOMEM) {
            return Errors.ipc(errno, "msgsnd", name, "the kernel has no memory for a copy of the message");
        }
        return failure(errno, "msgsnd");
    }

    // ---- status and control --------------------------------------------------------------------------

    /** The queue's state now (msgctl IPC_STAT; needs read permission). */
    @Override
    public SysvMsgQueueStatus status() throws IOException {
        handle.enter();
        try {
            checkNotRemoved("msgctl(IPC_STAT)");
            long[] values = new long[STAT_VALUES];
            int r = NativeSysvMsg.stat(id, values);
            if (r < 0) {
                throw failure(-r, "msgctl(IPC_STAT)");
            }
            SysvOpening.requireSameObject((int) values[0] == key.value(), values, "msgctl(IPC_STAT)", name, "queue");
            maxBytes = values[8];
            return SysvMsgQueueStatus.of(id, values);
        } finally {
            handle.exit();
        }
    }

    /**
     * Gives the queue to another owner (msgctl IPC_SET msg_perm.uid and gid); the creator stays. Allowed to
     * the owner, the creator, and processes with CAP_SYS_ADMIN.
     */
    @Override
    public void setOwner(long uid, long gid) throws IOException {
        SysvChecks.ownerId(uid, "uid");
        SysvChecks.ownerId(gid, "gid");
        set(uid, gid, -1, -1, "owner");
    }

    /** Sets the permission bits (0 to 0777) exactly. */
    @Override
    public void setMode(int mode) throws IOException {
        SysvChecks.mode(mode);
        set(-1, -1, mode, -1, "mode");
    }

    /**
     * Sets the queue's byte limit (msg_qbytes): the payload bytes it holds at most, and on Linux the most
     * messages too. Above kernel.msgmnb it needs CAP_SYS_RESOURCE.
     *
     * @param bytes the new msg_qbytes
     * @throws IOException the OS refused (above kernel.msgmnb without CAP_SYS_RESOURCE: EPERM)
     */
    public void setMaxBytes(long bytes) throws IOException {
        if (bytes < 1 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBytes must be from 1 to " + Integer.MAX_VALUE + ", was " + bytes);
        }
        set(-1, -1, -1, bytes, "byte limit");
        maxBytes = bytes;
    }

    private void set(long uid, long gid, int mode, long bytes, String what) throws IOException {
        handle.enter();
        try {
            checkNotRemoved("msgctl(IPC_SET)");
            int r = NativeSysvMsg.set(id, uid, gid, mode, bytes);
            if (r == 0) {
                return;
            }
            int errno = -r;
            if (errno == Errno.EPERM && bytes > 0 && bytes > SysvMsgLimits.defaultMaxBytes()) {
                throw Errors.limit(errno, "msgctl(IPC_SET)", name, "raising the byte limit to " + bytes
                                + " above kernel.msgmnb (" + SysvMsgLimits.defaultMaxBytes()
                                + ") needs CAP_SYS_RESOURCE, which this process lacks",
                        SysvMsgLimits.MSGMNB, SysvMsgLimits.howToRaise(SysvMsgLimits.MSGMNB));
            }
            if (errno == Errno.EPERM) {
                throw new AccessDeniedException(name, null, "msgctl(IPC_SET) of the " + what + ": EPERM (only the "
                        + "queue's owner or creator, or a process with CAP_SYS_ADMIN, may change it)");
            }
            throw failure(errno, "msgctl(IPC_SET)");
        } finally {
            handle.exit();
        }
    }

    /**
     * Removes the queue (msgctl IPC_RMID) for every process: messages in it are lost, threads blocked on it
     * (here or elsewhere) fail with {@link IpcRemovedException}, and so does every later call on this object.
     * Allowed to the owner, the creator and processes with CAP_SYS_ADMIN. Works after {@link #close()} too, as
     * for every System V object (it acts on the identifier, like unlinking a closed POSIX queue's name).
     *
     * @throws IpcRemovedException the queue was removed already
     * @throws AccessDeniedException this process may not remove it
     */
    @Override
    public void remove() throws IOException {
        if (removed) {
            throw removedException("msgctl(IPC_RMID)", 0);
        }
        int r = NativeSysvMsg.remove(id);
        if (r < 0) {
            if (-r == Errno.EPERM) {
                throw new AccessDeniedException(name, null, "msgctl(IPC_RMID): EPERM (only the queue's owner or "
                        + "creator, or a process with CAP_SYS_ADMIN, may remove it)");
            }
            throw failure(-r, "msgctl(IPC_RMID)");
        }
        removed = true;
    }

    /** Whether this object knows the queue was removed (by its {@link #remove()} or as a call found). */
    @Override
    public boolean isRemoved() {
        return removed;
    }

    // ---- closing -------------------------------------------------------------------------------------

    @Override
    public boolean isClosed() {
        return handle.isClosed();
    }

    /**
     * Lets go of this object (the queue stays: {@link #remove()} removes it). Idempotent and thread-safe;
     * threads blocked on this object return with IpcClosedException.
     */
    @Override
    public void close() {
        handle.close();
    }

    @Override
    public String toString() {
        return "SysvMessageQueue[" + (key.isPrivate() ? "private" : key.toString()) + ", id " + id + ", " + access
                + (removed ? ", removed" : "") + (isClosed() ? ", closed]" : "]");
    }

    // ---- errors --------------------------------------------------------------------------------------

    private void checkNotRemoved(String call) throws IpcRemovedException {
        if (removed) {
            throw removedException(call, 0);
        }
    }

    private IpcRemovedException removedException(String call, int errno) {
        removed = true;
        return new IpcRemovedException(call, errno, errno == 0 ? "none" : Errno.name(errno), name);
    }

    /** Whether the identifier no longer names a queue (removed; EINVAL for an identifier gone). */
    private boolean isGone() {
        int r = NativeSysvMsg.stat(id, new long[STAT_VALUES]);
        return r == -Errno.EINVAL || r == -Errno.EIDRM;
    }

    private IOException failure(int errno, String call) {
        if (errno == Errno.EIDRM || errno == Errno.EINVAL && isGone()) {
            return removedException(call, errno);
        }
        if (errno == Errno.EACCES) {
            return new AccessDeniedException(name, null, call + ": EACCES (the queue's permissions refuse this "
                    + "process)");
        }
        return Errors.of(errno, call, name);
    }

    private static long[] stat(int id, String what) throws IOException {
        long[] values = new long[STAT_VALUES];
        int r = NativeSysvMsg.stat(id, values);
        if (r < 0) {
            throw Errors.of(-r, "msgctl(IPC_STAT)", what);
        }
        return values;
    }

    private static ByteBuffer wrap(byte[] message) {
        return ByteBuffer.wrap(Objects.requireNonNull(message, "message must not be null"));
    }
}
