package io.github.ipc4j.posix;

import io.github.ipc4j.Access;
import io.github.ipc4j.Feature;
import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.MessageQueue;
import io.github.ipc4j.OpenMode;
import io.github.ipc4j.Platform;
import io.github.ipc4j.internal.Blocking;
import io.github.ipc4j.internal.CallSlot;
import io.github.ipc4j.internal.CreatorRecords;
import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.Errno;
import io.github.ipc4j.internal.Errors;
import io.github.ipc4j.internal.FdWaiter;
import io.github.ipc4j.internal.HeapRange;
import io.github.ipc4j.internal.NativeCallbacks;
import io.github.ipc4j.internal.NativeHandle;
import io.github.ipc4j.internal.NativePosixMq;
import io.github.ipc4j.internal.Names;
import io.github.ipc4j.internal.Offload;
import io.github.ipc4j.internal.OwnerCheck;
import io.github.ipc4j.internal.WaitPredictor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.file.FileAlreadyExistsException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A POSIX message queue ({@code mq_open}), Linux only: on other systems {@link #open} throws
 * UnsupportedOperationException (see {@link Platform#supports}).
 *
 * <p>Shaped like a {@code BlockingQueue} of byte messages with priorities: {@code send} waits for room,
 * {@code offer} does not (or waits up to a timeout), {@code receive} waits for a message, {@code poll}
 * does not (or waits up to a timeout). Receive order is the kernel's: highest priority first, FIFO within
 * a priority. Direct buffers move with no copy and no allocation; heap buffers and arrays are read or
 * written in place; the allocating {@link #receive()} forms are for convenience.
 *
 * <p>Blocking calls throw InterruptedException when the thread is interrupted (the queue stays usable),
 * and IpcClosedException when another thread closes the queue. Timeouts run on the monotonic clock; a
 * negative timeout means zero. Use after close throws IpcClosedException before reaching the kernel.
 *
 * <p>As a {@link MessageQueue}: {@link #send(ByteBuffer)} and the offers without a priority send at priority
 * 0; {@link #receive(ByteBuffer)} and the polls answer the message's length, or {@link #NO_MESSAGE}. The
 * {@code receivePriority}/{@code pollPriority} forms answer the message's priority instead (its length is
 * how far dst's position advanced), allocating nothing either.
 *
 * <p>Thread-safe: any number of threads may send and receive on one object at once. {@link #close()} does
 * not remove the queue; {@link #unlink()} does.
 */
public final class PosixMessageQueue implements MessageQueue {
    /** Longest name after the '/', in bytes (NAME_MAX). */
    public static final int MAX_NAME_BYTES = 255;

    private static final String KIND = "POSIX message queue";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final int fd;
    private final Access access;
    private final int messageSize;
    private final long maxMessages;
    private final boolean created;
    private final NativeHandle handle;
    private final WaitPredictor sendPredictor = new WaitPredictor();
    private final WaitPredictor receivePredictor = new WaitPredictor();
    private volatile boolean nonBlocking;
    private ArrivalFuture arrival; // guarded by this

    private PosixMessageQueue(String name, int fd, Access access, long[] attributes, boolean created) {
        this.name = name;
        this.fd = fd;
        this.access = access;
        this.nonBlocking = attributes[0] != 0;
        this.maxMessages = attributes[1];
        this.messageSize = (int) attributes[2];
        this.created = created;
        this.handle = new NativeHandle(KIND + " " + name, new Descriptor(fd)).closeWhenLeaked(this);
    }

    /**
     * Opens an existing queue for reading and writing.
     *
     * @param name '/' then 1 to 255 bytes, no other '/'
     * @return the queue
     * @throws IOException as {@link #open(String, PosixMqOptions)}
     */
    public static PosixMessageQueue open(String name) throws IOException {
        return open(name, PosixMqOptions.options());
    }

    /**
     * Opens (or creates, as options say) the queue called name: '/' then 1 to 255 bytes, no other '/'.
     *
     * @param name '/' then 1 to 255 bytes, no other '/'
     * @param options the open mode, access, owner checks, and a created queue's capacity, message size and mode
     * @return the queue
     * @throws IllegalArgumentException a bad name, or sizes above the kernel's limits
     * @throws java.nio.file.FileAlreadyExistsException CREATE_NEW and the queue exists
     * @throws java.nio.file.NoSuchFileException OPEN_EXISTING and it does not
     * @throws java.nio.file.AccessDeniedException the OS refused, or an ownership check asked for failed
     * @throws IpcException any other failure, naming the kernel limit when one was reached
     */
    public static PosixMessageQueue open(String name, PosixMqOptions options) throws IOException {
        byte[] nativeName = Names.posix(name, MAX_NAME_BYTES, KIND);
        Objects.requireNonNull(options, "options must not be null");
        Platform.require(Feature.POSIX_MESSAGE_QUEUE);
        long maxMessages = 0;
        long messageSize = 0;
        if (options.openMode() != OpenMode.OPEN_EXISTING && (options.maxMessages() > 0 || options.messageSize() > 0)) {
            maxMessages = options.maxMessages() > 0 ? options.maxMessages()
                    : PosixMqLimits.read(PosixMqLimits.MSG_DEFAULT, 10);
            messageSize = options.messageSize() > 0 ? options.messageSize()
                    : PosixMqLimits.read(PosixMqLimits.MSGSIZE_DEFAULT, 8192);
            PosixMqLimits.check("maxMessages", maxMessages, PosixMqLimits.MSG_MAX, 10);
            PosixMqLimits.check("messageSize", messageSize, PosixMqLimits.MSGSIZE_MAX, 8192);
        }
        long r = NativePosixMq.open(nativeName, options.openMode().ordinal(), options.access().ordinal(),
                options.mode(), maxMessages, messageSize);
        if (r < 0) {
            throw openFailure((int) -r, name, maxMessages, messageSize);
        }
        int fd = (int) r;
        boolean created = (r >>> 32) != 0;
        try {
            long[] attributes = new long[4];
            check(NativePosixMq.getAttributes(fd, attributes), "mq_getattr", name);
            OwnerCheck.verify(fd, options, name, "mq_open");
            PosixMessageQueue queue = new PosixMessageQueue(name, fd, options.access(), attributes, created);
            if (created) {
                CreatorRecords.created(CreatorRecords.Kind.MQ, name);
            }
            return queue;
        } catch (IOException | RuntimeException e) {
            NativePosixMq.close(fd);
            if (created) {
                NativePosixMq.unlink(nativeName);
            }
            throw e;
        }
    }

    /**
     * Creates a queue under a new random name ("/ipc4j-" and 16 hex digits), for callers who need no
     * fixed name: the name cannot have been squatted. The options' open mode is ignored.
     *
     * @param options the access, capacity, message size and mode
     * @return the new queue
     * @throws IOException the OS refused, naming the kernel limit when one was reached
     */
    public static PosixMessageQueue createUnique(PosixMqOptions options) throws IOException {
        Objects.requireNonNull(options, "options must not be null");
        options.createNew();
        for (int attempt = 0; ; attempt++) {
            String name = String.format("/ipc4j-%016x", RANDOM.nextLong());
            try {
                return open(name, options);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 16) {
                    throw e;
                }
            }
        }
    }

    /**
     * Removes the queue's name (mq_unlink); open descriptors keep working until closed.
     *
     * @param name '/' then 1 to 255 bytes, no other '/'
     * @throws java.nio.file.NoSuchFileException no queue has that name
     * @throws IOException the OS refused
     */
    public static void unlink(String name) throws IOException {
        byte[] nativeName = Names.posix(name, MAX_NAME_BYTES, KIND);
        Platform.require(Feature.POSIX_MESSAGE_QUEUE);
        CreatorRecords.removing(CreatorRecords.Kind.MQ, name);
        check(NativePosixMq.unlink(nativeName), "mq_unlink", name);
    }

    /**
     * The process that created the queue called name, when ipc4j created it (see {@link PosixCreator}).
     *
     * @param name '/' then 1 to 255 bytes, no other '/'
     * @return the creator, or empty when there is no trustworthy record of it: ipc4j did not create the queue,
     *         recording was off, or no queue has that name
     * @throws IllegalArgumentException the name breaks the rule
     * @throws UnsupportedOperationException not on Linux, where ipc4j keeps no records
     */
    public static Optional<PosixCreator> creator(String name) {
        Names.posix(name, MAX_NAME_BYTES, KIND);
        return CreatorRecords.find(CreatorRecords.Kind.MQ, name, "PosixMessageQueue.creator");
    }

    /**
     * Removes this queue's name; works after close too.
     *
     * @throws java.nio.file.NoSuchFileException the name is gone already
     * @throws IOException the OS refused
     */
    public void unlink() throws IOException {
        unlink(name);
    }

    /**
     * Priorities are 0 to priorityLimit() - 1 (sysconf(_SC_MQ_PRIO_MAX); 32768 on Linux).
     *
     * @return MQ_PRIO_MAX
     */
    public static int priorityLimit() {
        Platform.require(Feature.POSIX_MESSAGE_QUEUE);
        return PriorityLimit.VALUE;
    }

    /**
     * The name this queue was opened with.
     *
     * @return the name, with its leading '/'
     */
    public String name() {
        return name;
    }

    /**
     * Whether this open created the queue.
     *
     * @return true when it created it, false when it opened an existing one
     */
    public boolean created() {
        return created;
    }

    /**
     * What this descriptor may do.
     *
     * @return the access it was opened with
     */
    public Access access() {
        return access;
    }

    /**
     * The largest message the queue carries (mq_msgsize), fixed when it was created.
     *
     * @return the message size in bytes
     */
    public int messageSize() {
        return messageSize;
    }

    /** The largest message the queue carries (mq_msgsize): the same as {@link #messageSize()}. */
    @Override
    public int maxMessageSize() {
        return messageSize;
    }

    /**
     * The queue's capacity in messages, fixed when it was created.
     *
     * @return mq_maxmsg
     */
    public long maxMessages() {
        return maxMessages;
    }

    // ---- sending -------------------------------------------------------------------------------------

    /**
     * Sends src's remaining bytes as one message, waiting while the queue is full. On return src's
     * position is its limit.
     *
     * @param src the message, from its position to its limit
     * @param priority 0 to {@link #priorityLimit()} - 1; higher ones are received first
     * @throws IllegalArgumentException the message exceeds {@link #messageSize()}, or a bad priority
     * @throws IpcException EAGAIN when the queue is full and in non-blocking mode ({@link #setBlocking})
     * @throws IOException the OS call failed, or the queue was closed ({@link io.github.ipc4j.IpcClosedException}, also
     *         while waiting)
     * @throws InterruptedException the thread was interrupted while it waited (nothing was sent; the queue stays usable)
     */
    public void send(ByteBuffer src, int priority) throws IOException, InterruptedException {
        send(src, priority, Deadline.NONE);
    }

    /**
     * Sends the whole array as one message, waiting while the queue is full.
     *
     * @param message the message
     * @param priority 0 to {@link #priorityLimit()} - 1; higher ones are received first
     * @throws IllegalArgumentException the message exceeds {@link #messageSize()}, or a bad priority
     * @throws IOException the OS call failed, or the queue was closed ({@link io.github.ipc4j.IpcClosedException}, also
     *         while waiting)
     * @throws InterruptedException the thread was interrupted while it waited (nothing was sent; the queue stays usable)
     */
    public void send(byte[] message, int priority) throws IOException, InterruptedException {
        send(wrap(message), priority, Deadline.NONE);
    }

    /**
     * Sends src's remaining bytes if the queue has room now; false (src untouched) if it is full.
     *
     * @param src the message, from its position to its limit
     * @param priority 0 to {@link #priorityLimit()} - 1; higher ones are received first
     * @return true when sent, false when the queue was full
     * @throws IllegalArgumentException the message exceeds {@link #messageSize()}, or a bad priority
     * @throws IOException the OS call failed, or the queue was closed ({@link io.github.ipc4j.IpcClosedException})
     */
    public boolean offer(ByteBuffer src, int priority) throws IOException {
        return sendNow(src, priority);
    }

    /**
     * Sends the whole array if the queue has room now.
     *
     * @param message the message
     * @param priority 0 to {@link #priorityLimit()} - 1; higher ones are received first
     * @return true when sent, false when the queue was full
     * @throws IllegalArgumentException the message exceeds {@link #messageSize()}, or a bad priority
     * @throws IOException the OS call failed, or the queue was closed ({@link io.github.ipc4j.IpcClosedException})
     */
    public boolean offer(byte[] message, int priority) throws IOException {
        return sendNow(wrap(message), priority);
    }

    /**
     * Sends, waiting at most timeout for room; false (src untouched) if there was none.
     *
     * @param src the message, from its position to its limit
     * @param priority 0 to {@link #priorityLimit()} - 1; higher ones are received first
     * @param timeout how long to wait for room at most
     * @return true when sent, false when no room came in time
     * @throws IllegalArgumentException the message exceeds {@link #messageSize()}, or a bad priority
     * @throws IOException the OS call failed, or the queue was closed ({@link io.github.ipc4j.IpcClosedException}, also
     *         while waiting)
     * @throws InterruptedException the thread was interrupted while it waited (nothing was sent; the queue stays usable)
     */
    public boolean offer(ByteBuffer src, int priority, Duration timeout) throws IOException, InterruptedException {
        return send(src, priority, Deadline.after(timeout));
    }

    /**
     * Sends the whole array, waiting at most timeout for room.
     *
     * @param message the message
     * @param priority 0 to {@link #priorityLimit()} - 1; higher ones are received first
     * @param timeout how long to wait for room at most
     * @return true when sent, false when no room came in time
     * @throws IllegalArgumentException the message exceeds {@link #messageSize()}, or a bad priority
     * @throws IOException the OS call failed, or the queue was closed ({@link io.github.ipc4j.IpcClosedException}, also
     *         while waiting)
     * @throws InterruptedException the thread was interrupted while it waited (nothing was sent; the queue stays usable)
     */
    public boolean offer(byte[] message, int priority, Duration timeout) throws IOException, InterruptedException {
        return send(wrap(message), priority, Deadline.after(timeout));
    }

    /**
     * Sends src's remaining bytes at priority, waiting at most timeout units for room.
     *
     * @param src the message
     * @param priority 0 to {@link #priorityLimit()} - 1
     * @param timeout the longest wait, in units; zero or negative tries once
     * @param unit the unit of timeout
     * @return true if it was sent; false (src untouched) if there was no room in time
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was sent
     */
    public boolean offer(ByteBuffer src, int priority, long timeout, TimeUnit unit)
            throws IOException, InterruptedException {
        return send(src, priority, Deadline.after(timeout, unit));
    }

    /**
     * Sends the whole array at priority, waiting at most timeout units for room.
     *
     * @param message the message
     * @param priority 0 to {@link #priorityLimit()} - 1
     * @param timeout the longest wait, in units; zero or negative tries once
     * @param unit the unit of timeout
     * @return true if it was sent; false if there was no room in time
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was sent
     */
    public boolean offer(byte[] message, int priority, long timeout, TimeUnit unit)
            throws IOException, InterruptedException {
        return send(wrap(message), priority, Deadline.after(timeout, unit));
    }

    /** Sends src's remaining bytes at priority 0, waiting while the queue is full. */
    @Override
    public void send(ByteBuffer src) throws IOException, InterruptedException {
        send(src, 0, Deadline.NONE);
    }

    /** Sends src's remaining bytes at priority 0 if the queue has room now. */
    @Override
    public boolean offer(ByteBuffer src) throws IOException {
        return sendNow(src, 0);
    }

    /** Sends src's remaining bytes at priority 0, waiting at most timeout for room. */
    @Override
    public boolean offer(ByteBuffer src, Duration timeout) throws IOException, InterruptedException {
        return send(src, 0, Deadline.after(timeout));
    }

    /** Sends src's remaining bytes at priority 0, waiting at most timeout units for room. */
    @Override
    public boolean offer(ByteBuffer src, long timeout, TimeUnit unit) throws IOException, InterruptedException {
        return send(src, 0, Deadline.after(timeout, unit));
    }

    private boolean sendNow(ByteBuffer src, int priority) throws IOException {
        try {
            return send(src, priority, Deadline.NOW);
        } catch (InterruptedException impossible) {
            throw new AssertionError("a send that does not wait cannot be interrupted", impossible);
        }
    }

    private boolean send(ByteBuffer src, int priority, long deadline) throws IOException, InterruptedException {
        Objects.requireNonNull(src, "message buffer must not be null");
        int length = src.remaining();
        checkPriority(priority);
        if (length > messageSize) {
            throw new IllegalArgumentException("message of " + length + " bytes exceeds the message size of " + name
                    + ", " + messageSize + " bytes (mq_msgsize, fixed when the queue was created)");
        }
        if (!access.canWrite()) {
            throw new IllegalStateException(name + " was opened " + access + "; sending needs WRITE_ONLY or READ_WRITE");
        }
        handle.enter();
        try {
            // as receive: a direct buffer's send that may wait waits inside mq_send (sendWaiting)
            boolean waitInside = src.isDirect() && deadline != Deadline.NOW && !Thread.currentThread().isInterrupted();
            for (;;) {
                if (!waitInside || sendPredictor.tryFirst()) {
                    int r = trySend(src, length, priority);
                    if (r != NativePosixMq.WOULD_BLOCK) {
                        return sent(src, r, deadline, "mq_timedsend");
                    }
                    if (waitInside) {
                        sendPredictor.tryFailed();
                    }
                }
                if (waitInside) {
                    return sendWaiting(src, length, priority, deadline);
                }
                if (deadline == Deadline.NOW
                        || FdWaiter.await(handle, fd, true, deadline, "mq_timedsend") == FdWaiter.TIMED_OUT) {
                    return false;
                }
            }
        } finally {
            handle.exit();
        }
    }

    /** A direct buffer's send that may wait, inside mq_send under the call's blocker: see receiveWaiting. */
    private boolean sendWaiting(ByteBuffer src, int length, int priority, long deadline)
            throws IOException, InterruptedException {
        for (;;) {
            long timeout = Deadline.remaining(deadline);
            if (timeout == 0) {
                // the deadline passed before this call could wait (the predictor skipped the try) or while it
                // did: room that is there now was there in time
                int r = trySend(src, length, priority);
                return r != NativePosixMq.WOULD_BLOCK && sent(src, r, deadline, "mq_timedsend");
            }
            int r = Blocking.onVirtualThread() ? (int) Offload.run(() -> sendOnce(src, length, priority, timeout))
                    : sendOnce(src, length, priority, timeout);
            if (r == -Errno.EINTR) {
                Blocking.afterEintr(handle); // closed or interrupted: throws; else the deadline or a signal
                continue;
            }
            return sent(src, r, deadline, "mq_send");
        }
    }

    /** A send's outcome (0 or -errno, not WOULD_BLOCK nor EINTR): true when sent, false for "full". */
    private boolean sent(ByteBuffer src, int r, long deadline, String call) throws IOException {
        if (r == 0) {
            src.position(src.limit());
            return true;
        }
        if (r == -Errno.EAGAIN && deadline != Deadline.NONE) {
            return false; // non-blocking mode: offer answers "full"
        }
        throw failure(-r, call);
    }

    private int sendOnce(ByteBuffer src, int length, int priority, long timeout) throws IpcClosedException {
        CallSlot slot = Blocking.begin(handle);
        try {
            return NativePosixMq.sendDirectWaiting(fd, src, src.position(), length, priority, slot.waker(), timeout);
        } finally {
            Blocking.end(slot);
        }
    }

    private int trySend(ByteBuffer src, int length, int priority) {
        if (src.isDirect()) {
            return NativePosixMq.sendDirect(fd, src, src.position(), length, priority);
        }
        if (src.hasArray()) {
            return NativePosixMq.sendArray(fd, src.array(), HeapRange.start(src, length), length, priority);
        }
        byte[] copy = new byte[length]; // a read-only heap buffer hides its array
        src.duplicate().get(copy);
        return NativePosixMq.sendArray(fd, copy, 0, length, priority);
    }

    // ---- receiving -----------------------------------------------------------------------------------

    /**
     * Receives the next message into dst (which must have at least {@link #messageSize()} bytes remaining),
     * waiting while the queue is empty. dst's position advances by the message's length.
     *
     * @return the message's length in bytes
     * @throws IllegalArgumentException dst has less room than the queue's message size (the message stays)
     * @throws IOException the OS call failed, or the queue was closed ({@link io.github.ipc4j.IpcClosedException}, also
     *         while waiting)
     * @throws InterruptedException the thread was interrupted while it waited (nothing was taken; the queue stays usable)
     */
    @Override
    public int receive(ByteBuffer dst) throws IOException, InterruptedException {
        return length(dst, dst == null ? 0 : dst.position(), receive(dst, Deadline.NONE));
    }

    /** Receives a message if one is there now: its length, or {@link #NO_MESSAGE} (dst untouched). */
    @Override
    public int poll(ByteBuffer dst) throws IOException {
        return length(dst, dst == null ? 0 : dst.position(), pollPriority(dst));
    }

    /** Receives a message, waiting at most timeout: its length, or {@link #NO_MESSAGE}. */
    @Override
    public int poll(ByteBuffer dst, Duration timeout) throws IOException, InterruptedException {
        return length(dst, dst == null ? 0 : dst.position(), receive(dst, Deadline.after(timeout)));
    }

    /** Receives a message, waiting at most timeout units: its length, or {@link #NO_MESSAGE}. */
    @Override
    public int poll(ByteBuffer dst, long timeout, TimeUnit unit) throws IOException, InterruptedException {
        return length(dst, dst == null ? 0 : dst.position(), receive(dst, Deadline.after(timeout, unit)));
    }

    private static int length(ByteBuffer dst, int start, int priority) {
        return priority == NO_MESSAGE ? NO_MESSAGE : dst.position() - start;
    }

    /**
     * Receives the next message into dst (which must have at least {@link #messageSize()} bytes remaining),
     * waiting while the queue is empty. dst's position advances by the message's length.
     *
     * @param dst where the message goes
     * @return the message's priority
     * @throws IllegalArgumentException dst has less room than the queue's message size (the message stays)
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was taken
     */
    public int receivePriority(ByteBuffer dst) throws IOException, InterruptedException {
        return receive(dst, Deadline.NONE);
    }

    /**
     * Receives a message if one is there now; dst's position advances by its length.
     *
     * @param dst where the message goes
     * @return the message's priority, or {@link #NO_MESSAGE} (dst untouched)
     * @throws IOException the OS refused
     */
    public int pollPriority(ByteBuffer dst) throws IOException {
        try {
            return receive(dst, Deadline.NOW);
        } catch (InterruptedException impossible) {
            throw new AssertionError("a receive that does not wait cannot be interrupted", impossible);
        }
    }

    /**
     * Receives a message, waiting at most timeout; dst's position advances by its length.
     *
     * @param dst where the message goes
     * @param timeout the longest wait; zero or negative tries once
     * @return the message's priority, or {@link #NO_MESSAGE} (dst untouched)
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was taken
     */
    public int pollPriority(ByteBuffer dst, Duration timeout) throws IOException, InterruptedException {
        return receive(dst, Deadline.after(timeout));
    }

    /**
     * Receives a message, waiting at most timeout units; dst's position advances by its length.
     *
     * @param dst where the message goes
     * @param timeout the longest wait, in units; zero or negative tries once
     * @param unit the unit of timeout
     * @return the message's priority, or {@link #NO_MESSAGE} (dst untouched)
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was taken
     */
    public int pollPriority(ByteBuffer dst, long timeout, TimeUnit unit) throws IOException, InterruptedException {
        return receive(dst, Deadline.after(timeout, unit));
    }

    /**
     * Receives the next message into a new array, waiting while the queue is empty.
     *
     * @return the message and its priority
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was taken
     */
    public PosixMqMessage receive() throws IOException, InterruptedException {
        ByteBuffer buffer = ByteBuffer.allocate(messageSize);
        int priority = receive(buffer, Deadline.NONE);
        return message(buffer, priority);
    }

    /**
     * Receives a message into a new array if one is there now.
     *
     * @return the message and its priority; empty when the queue was empty
     * @throws IOException the OS call failed, or the queue was closed ({@link io.github.ipc4j.IpcClosedException})
     */
    public Optional<PosixMqMessage> poll() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(messageSize);
        int priority = pollPriority(buffer);
        return priority == NO_MESSAGE ? Optional.empty() : Optional.of(message(buffer, priority));
    }

    /**
     * Receives a message into a new array, waiting at most timeout.
     *
     * @param timeout how long to wait at most
     * @return the message and its priority; empty when none came in time
     * @throws IOException the OS call failed, or the queue was closed ({@link io.github.ipc4j.IpcClosedException}, also
     *         while waiting)
     * @throws InterruptedException the thread was interrupted while it waited (nothing was taken; the queue stays usable)
     */
    public Optional<PosixMqMessage> poll(Duration timeout) throws IOException, InterruptedException {
        return pollMessage(Deadline.after(timeout));
    }

    /**
     * Receives a message into a new array, waiting at most timeout units.
     *
     * @param timeout the longest wait, in units; zero or negative tries once
     * @param unit the unit of timeout
     * @return the message, or empty if none came in time
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing was taken
     */
    public Optional<PosixMqMessage> poll(long timeout, TimeUnit unit) throws IOException, InterruptedException {
        return pollMessage(Deadline.after(timeout, unit));
    }

    private Optional<PosixMqMessage> pollMessage(long deadline) throws IOException, InterruptedException {
        ByteBuffer buffer = ByteBuffer.allocate(messageSize);
        int priority = receive(buffer, deadline);
        return priority == NO_MESSAGE ? Optional.empty() : Optional.of(message(buffer, priority));
    }

    private static PosixMqMessage message(ByteBuffer buffer, int priority) {
        return new PosixMqMessage(Arrays.copyOf(buffer.array(), buffer.position()), priority);
    }

    private int receive(ByteBuffer dst, long deadline) throws IOException, InterruptedException {
        Objects.requireNonNull(dst, "receive buffer must not be null");
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        int capacity = dst.remaining();
        if (capacity < messageSize) {
            throw new IllegalArgumentException("receive buffer has " + capacity + " bytes remaining, less than the "
                    + "message size of " + name + ", " + messageSize + " bytes (mq_msgsize): the kernel needs room for "
                    + "the largest message; nothing was received");
        }
        if (!access.canRead()) {
            throw new IllegalStateException(name + " was opened " + access + "; receiving needs READ_ONLY or READ_WRITE");
        }
        handle.enter();
        try {
            // a direct buffer's receive that may wait waits inside mq_receive (receiveWaiting), after a try
            // when the predictor expects one to succeed; other receives try, then wait for the descriptor
            boolean waitInside = dst.isDirect() && deadline != Deadline.NOW && !Thread.currentThread().isInterrupted();
            for (;;) {
                if (!waitInside || receivePredictor.tryFirst()) {
                    long r = tryReceive(dst, capacity);
                    if (r != NativePosixMq.WOULD_BLOCK) {
                        return received(dst, r, deadline, "mq_timedreceive");
                    }
                    if (waitInside) {
                        receivePredictor.tryFailed();
                    }
                }
                if (waitInside) {
                    return receiveWaiting(dst, capacity, deadline);
                }
                if (deadline == Deadline.NOW
                        || FdWaiter.await(handle, fd, false, deadline, "mq_timedreceive") == FdWaiter.TIMED_OUT) {
                    return NO_MESSAGE;
                }
            }
        } finally {
            handle.exit();
        }
    }

    /**
     * A direct buffer's receive that may wait does so inside mq_receive, under the thread's blocker: one
     * system call per message. (A try, a ppoll and a second try cost three whenever the message was not
     * there yet, which in a request/response exchange is every time: found by bench/.) Interrupt and close
     * cut the wait short through the blocker's signal (Blocking); the deadline through its timer.
     */
    private int receiveWaiting(ByteBuffer dst, int capacity, long deadline) throws IOException, InterruptedException {
        for (;;) {
            long timeout = Deadline.remaining(deadline);
            if (timeout == 0) {
                // as in sendWaiting: a message that is there now was there in time
                long r = tryReceive(dst, capacity);
                return r == NativePosixMq.WOULD_BLOCK ? NO_MESSAGE : received(dst, r, deadline, "mq_timedreceive");
            }
            long r = Blocking.onVirtualThread() ? Offload.run(() -> receiveOnce(dst, capacity, timeout))
                    : receiveOnce(dst, capacity, timeout);
            if (r == -Errno.EINTR) {
                Blocking.afterEintr(handle); // closed or interrupted: throws; else the deadline or a signal
                continue;
            }
            return received(dst, r, deadline, "mq_receive");
        }
    }

    /** A receive's outcome (length and priority, or -errno, not WOULD_BLOCK nor EINTR): the priority or NO_MESSAGE. */
    private int received(ByteBuffer dst, long r, long deadline, String call) throws IOException {
        if (r >= 0) {
            dst.position(dst.position() + (int) r);
            return (int) (r >>> 32);
        }
        if (r == -Errno.EAGAIN && deadline != Deadline.NONE) {
            return NO_MESSAGE; // non-blocking mode: poll answers "empty"
        }
        throw failure((int) -r, call);
    }

    private long receiveOnce(ByteBuffer dst, int capacity, long timeout) throws IpcClosedException {
        CallSlot slot = Blocking.begin(handle);
        try {
            return NativePosixMq.receiveDirectWaiting(fd, dst, dst.position(), capacity, slot.waker(), timeout);
        } finally {
            Blocking.end(slot);
        }
    }

    private long tryReceive(ByteBuffer dst, int capacity) {
        if (dst.isDirect()) {
            return NativePosixMq.receiveDirect(fd, dst, dst.position(), capacity);
        }
        return NativePosixMq.receiveArray(fd, dst.array(), HeapRange.start(dst, capacity), capacity);
    }

    // ---- attributes, mode, notification --------------------------------------------------------------

    /**
     * The queue's attributes now (mq_getattr).
     *
     * @return the attributes
     * @throws IOException the OS call failed, or the queue was closed ({@link io.github.ipc4j.IpcClosedException})
     */
    public MqAttributes attributes() throws IOException {
        long[] values = new long[4];
        handle.enter();
        try {
            check(NativePosixMq.getAttributes(fd, values), "mq_getattr", name);
        } finally {
            handle.exit();
        }
        return new MqAttributes(values[0] != 0, values[1], values[2], values[3]);
    }

    /**
     * Switches this descriptor between blocking (the default) and non-blocking mode (mq_setattr
     * O_NONBLOCK). In non-blocking mode send and receive do not wait: a full or empty queue makes them
     * throw IpcException EAGAIN, as mq_send and mq_receive do; offer and poll answer as always.
     *
     * @param blocking true for blocking mode, false for non-blocking
     * @throws IOException the OS call failed, or the queue was closed ({@link io.github.ipc4j.IpcClosedException})
     */
    public void setBlocking(boolean blocking) throws IOException {
        handle.enter();
        try {
            check(NativePosixMq.setNonBlocking(fd, !blocking), "mq_setattr", name);
            nonBlocking = !blocking;
        } finally {
            handle.exit();
        }
    }

    /**
     * Whether this descriptor is in blocking mode.
     *
     * @return true unless {@link #setBlocking(boolean) setBlocking(false)} was called
     */
    public boolean isBlocking() {
        return !nonBlocking;
    }

    /**
     * Asks the kernel to tell when a message arrives on the queue while it is empty (mq_notify), and
     * returns a future that completes with this queue then. The kernel's rules apply:
     * <ul>
     * <li>one-shot: after it fires, call again for the next arrival;</li>
     * <li>one registrant per queue, system-wide: while any process (or another descriptor) is registered,
     * this throws IpcException EBUSY;</li>
     * <li>it fires only for a message arriving on an empty queue, and not while another thread is blocked
     * in receive on the queue (that thread gets the message instead).</li>
     * </ul>
     * Cancelling the future, or closing the queue, removes the registration (a closed queue completes the
     * future exceptionally with IpcClosedException). The kernel also drops the registration when this process
     * closes any other descriptor of the same queue (another PosixMessageQueue object on it, say): ipc4j then
     * registers again at once, and completes the future if messages are already waiting (one may have come
     * in between); should another process have registered in between, the future completes exceptionally
     * with an IpcException saying so. The future completes on a thread of the C library: dependent actions
     * that take long should use the *Async methods.
     *
     * @return the future, completed with this queue when a message arrives
     * @throws IllegalStateException this queue object already has a registration pending
     * @throws IOException mq_notify refused (EBUSY: another registrant), or the queue was closed
     */
    public CompletableFuture<PosixMessageQueue> notifyOnArrival() throws IOException {
        Platform.require(Feature.POSIX_MESSAGE_QUEUE_NOTIFY);
        handle.enter();
        try {
            synchronized (this) {
                if (arrival != null && !arrival.isDone()) {
                    throw new IllegalStateException("an arrival notification for " + name
                            + " is already pending through this object; the kernel allows one registration per queue");
                }
                ArrivalFuture future = new ArrivalFuture();
                future.token = NativeCallbacks.add(future::arrived);
                int r;
                synchronized (ArrivalRegistrations.LOCK) {
                    future.queue = NativePosixMq.identity(fd);
                    r = future.queue < 0 ? (int) future.queue : NativePosixMq.notifyRegister(fd, future.token);
                    if (r == 0) {
                        ArrivalRegistrations.add(future.queue, future);
                        future.whenComplete((q, e) -> ArrivalRegistrations.remove(future.queue, future));
                    }
                }
                if (r < 0) {
                    NativeCallbacks.remove(future.token);
                    if (-r == Errno.EBUSY) {
                        throw new IpcException("mq_notify", Errno.EBUSY, "EBUSY", name,
                                "another process or descriptor is already registered for arrival notification on this "
                                        + "queue; the kernel allows one registrant per queue until it fires or is removed",
                                null, null);
                    }
                    throw failure(-r, "mq_notify");
                }
                arrival = future;
                return future;
            }
        } finally {
            handle.exit();
        }
    }

    /** A registration that a close of another descriptor of its queue may have dropped. */
    interface Renewable {
        /** Registers again (under ArrivalRegistrations.LOCK); returns what completes the future, or null. */
        Runnable renew();
    }

    /** The pending notification's future: cancelling it removes the kernel registration. */
    private final class ArrivalFuture extends CompletableFuture<PosixMessageQueue> implements Renewable {
        /** The registration's token (what the C library passes back): a renewal registers under a new one. */
        long token; // guarded by ArrivalRegistrations.LOCK
        long queue;

        void arrived() {
            complete(PosixMessageQueue.this);
        }

        @Override
        public Runnable renew() {
            if (isDone() || !NativeCallbacks.isPending(token)) {
                return null; // fired, cancelled or closed
            }
            try {
                handle.enter();
            } catch (IpcClosedException closed) {
                return null; // its own close: close() completes it
            }
            try {
                // a new token: should the dropped registration have fired just before the close (its
                // callback still on its way), that late callback finds its token gone and does nothing
                long fresh = NativeCallbacks.add(this::arrived);
                int r = NativePosixMq.notifyRegister(fd, fresh);
                if (r == 0) {
                    if (!NativeCallbacks.remove(token)) { // it fired meanwhile: that completes the future
                        NativeCallbacks.remove(fresh);
                        NativePosixMq.notifyCancel(fd);
                        return null;
                    }
                    token = fresh;
                    long[] attributes = new long[4];
                    if (NativePosixMq.getAttributes(fd, attributes) != 0 || attributes[3] == 0) {
                        return null; // registered again, on an empty queue: the next arrival fires it
                    }
                    // a message came while no registration stood, or was there before: it is waiting now
                    if (!NativeCallbacks.remove(token)) {
                        return null; // fired already
                    }
                    NativePosixMq.notifyCancel(fd);
                    return this::arrived;
                }
                NativeCallbacks.remove(fresh);
                if (!NativeCallbacks.remove(token)) {
                    return null;
                }
                IpcException lost = -r == Errno.EBUSY
                        ? new IpcException("mq_notify", Errno.EBUSY, "EBUSY", name, "the kernel dropped this arrival "
                                + "notification when this process closed another descriptor of the queue, and another "
                                + "process registered before it could be renewed", null, null)
                        : Errors.ipc(-r, "mq_notify", name, "the kernel dropped this arrival notification when this "
                                + "process closed another descriptor of the queue, and registering again failed");
                return () -> completeExceptionally(lost);
            } finally {
                handle.exit();
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (ArrivalRegistrations.LOCK) { // not between a renewal's check and its registration
                if (NativeCallbacks.remove(token)) {
                    unregister();
                }
            }
            return super.cancel(mayInterruptIfRunning);
        }

        private void unregister() {
            try {
                handle.enter();
            } catch (IpcClosedException closed) {
                return; // closing removed the registration already
            }
            try {
                NativePosixMq.notifyCancel(fd);
            } finally {
                handle.exit();
            }
        }
    }

    // ---- closing -------------------------------------------------------------------------------------

    @Override
    public boolean isClosed() {
        return handle.isClosed();
    }

    /**
     * The descriptor's release (mq_close). The kernel drops a queue's mq_notify registration when the
     * registering process closes any descriptor of the queue: ArrivalRegistrations renews the one this close
     * may drop. Static: the handle's resource must not hold the queue (see Leaks). Made at open, with
     * ArrivalRegistrations loaded then, so that closing loads no class: from a class directory that takes a
     * descriptor, and closing is how a process out of descriptors gets them back (a failed load is final).
     */
    private static final class Descriptor implements NativeHandle.Resource, ArrivalRegistrations.Closer {
        static {
            ArrivalRegistrations.load();
        }

        private final int fd;

        Descriptor(int fd) {
            this.fd = fd;
        }

        @Override
        public void release() {
            ArrivalRegistrations.closing(this);
        }

        @Override
        public long close() {
            long queue = NativePosixMq.identity(fd);
            NativePosixMq.close(fd);
            return queue;
        }
    }

    /**
     * Closes this descriptor (mq_close); the queue itself stays until {@link #unlink()}. Idempotent and
     * thread-safe; threads blocked on the queue return with IpcClosedException; a pending arrival
     * notification completes exceptionally.
     */
    @Override
    public void close() {
        handle.close();
        ArrivalFuture pending;
        synchronized (this) {
            pending = arrival;
        }
        if (pending == null) {
            return;
        }
        boolean removed;
        synchronized (ArrivalRegistrations.LOCK) { // the token changes at a renewal
            removed = NativeCallbacks.remove(pending.token);
        }
        if (removed) {
            pending.completeExceptionally(new IpcClosedException(handle.description(), false));
        }
    }

    @Override
    public String toString() {
        return "PosixMessageQueue[" + name + ", " + access + ", messageSize " + messageSize + ", maxMessages "
                + maxMessages + (isClosed() ? ", closed]" : "]");
    }

    // ---- errors --------------------------------------------------------------------------------------

    private static void checkPriority(int priority) {
        if (priority < 0 || priority >= PriorityLimit.VALUE) {
            throw new IllegalArgumentException("priority must be from 0 to " + (PriorityLimit.VALUE - 1)
                    + " (MQ_PRIO_MAX - 1), was " + priority);
        }
    }

    private static ByteBuffer wrap(byte[] message) {
        return ByteBuffer.wrap(Objects.requireNonNull(message, "message must not be null"));
    }

    private IOException failure(int errno, String call) {
        if (errno == Errno.EAGAIN) {
            return Errors.ipc(errno, call, name, "the queue is in non-blocking mode (setBlocking(false)) and "
                    + (call.equals("mq_timedsend") ? "full" : "empty"));
        }
        return Errors.of(errno, call, name);
    }

    private static void check(int r, String call, String name) throws IOException {
        if (r < 0) {
            throw Errors.of(-r, call, name);
        }
    }

    private static IOException openFailure(int errno, String name, long maxMessages, long messageSize) {
        IOException limit = Errors.descriptorLimit(errno, "mq_open", name);
        if (errno == Errno.EMFILE) {
            return Errors.limit(errno, "mq_open", name, "too many open descriptors, or this user's queues would "
                            + "hold more bytes than RLIMIT_MSGQUEUE allows (maxMessages x messageSize plus overhead)",
                    "RLIMIT_NOFILE (ulimit -n) or RLIMIT_MSGQUEUE (ulimit -q)",
                    "ulimit -n / ulimit -q <higher> (LimitNOFILE= / LimitMSGQUEUE= for a systemd service)");
        }
        if (limit != null) {
            return limit;
        }
        if (errno == Errno.ENOSPC) {
            return Errors.limit(errno, "mq_open", name, "the system has as many queues as it allows",
                    PosixMqLimits.QUEUES_MAX, PosixMqLimits.sysctl(PosixMqLimits.QUEUES_MAX));
        }
        if (errno == Errno.EINVAL && maxMessages > 0) {
            return Errors.ipc(errno, "mq_open", name, "the kernel refused maxMessages " + maxMessages
                    + " / messageSize " + messageSize + "; see " + PosixMqLimits.MSG_MAX + " and "
                    + PosixMqLimits.MSGSIZE_MAX);
        }
        if (errno == Errno.ENOMEM) {
            return Errors.ipc(errno, "mq_open", name, "not enough memory for a queue of maxMessages " + maxMessages
                    + " x messageSize " + messageSize);
        }
        return Errors.of(errno, "mq_open", name);
    }

    /** Read once, on first use (not at class load, so the class loads on systems without queues). */
    private static final class PriorityLimit {
        static final int VALUE = (int) Math.min(Integer.MAX_VALUE, NativePosixMq.priorityLimit());
    }
}
