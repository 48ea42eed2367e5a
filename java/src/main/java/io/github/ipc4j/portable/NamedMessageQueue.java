package io.github.ipc4j.portable;

import io.github.ipc4j.Feature;
import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.MessageQueue;
import io.github.ipc4j.Platform;
import io.github.ipc4j.internal.Deadline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A bounded queue of byte messages between processes, the same on Linux, macOS and Windows, read like a
 * {@link java.util.concurrent.BlockingQueue}: {@link #send} waits for room, {@link #offer} does not or waits
 * at most a timeout, {@link #receive} waits for a message, {@link #poll} does not or waits at most a timeout.
 * Messages keep their boundaries and arrive in the order sent. Backed by:
 * <ul>
 * <li>Linux: a POSIX message queue /NAME ({@code mq_open}; every message at priority 0);</li>
 * <li>macOS and Windows (no POSIX message queues): a ring in shared memory with two semaphores counting free
 *     and used slots ({@link Backend#SHARED_MEMORY}), written once over {@link NamedSharedMemory} and
 *     {@link NamedSemaphore}, so the same code, and the same tests, run on Linux too.</li>
 * </ul>
 *
 * <p>Blocking calls throw InterruptedException when the thread is interrupted and IpcClosedException when
 * another thread closes the queue; a call cut short sends or takes nothing. Use after close throws
 * IpcClosedException. A message longer than {@link #messageSize()} is an IllegalArgumentException, and so
 * is a receive buffer with less room than that, before anything is taken. Where they differ: a POSIX queue
 * survives a process killed at any instant; the shared-memory queue stalls at a slot whose sender or
 * receiver was killed in the middle of copying it. The queue's name outlives every process on Linux and
 * macOS until {@link #remove}; on Windows the queue goes with the last process that has it open. Queues are
 * created for the current user only. A negative timeout means zero.
 *
 * <p>Thread-safe: any number of threads may send and receive on one object at once; nothing is allocated
 * per message.
 */
public final class NamedMessageQueue implements MessageQueue {
    private static final String TYPE = "named message queue";

    /** What can back a NamedMessageQueue. */
    public enum Backend {
        /** A POSIX message queue (Linux). */
        POSIX_MQ,
        /** A ring in shared memory synchronised by two semaphores (every OS; the default on macOS and Windows). */
        SHARED_MEMORY;

        /**
         * The backend NamedMessageQueue.open uses on this OS by default.
         *
         * @return POSIX_MQ where the OS has POSIX message queues (Linux), SHARED_MEMORY elsewhere
         */
        public static Backend forThisOs() {
            return Platform.supports(Feature.POSIX_MESSAGE_QUEUE) ? POSIX_MQ : SHARED_MEMORY;
        }
    }

    private final String name;
    private final Backend backend;
    private final QueueEngine engine;
    private volatile boolean closed;

    private NamedMessageQueue(String name, Backend backend, QueueEngine engine) {
        this.name = name;
        this.backend = backend;
        this.engine = engine;
    }

    /**
     * New options: open an existing queue, capacity 10, messages up to 1024 bytes, this OS's backend.
     *
     * @return the options
     */
    public static NamedQueueOptions options() {
        return NamedQueueOptions.options();
    }

    /**
     * Opens (or creates, as options say) the queue called name.
     *
     * @param name the portable name: 1 to 24 of A-Z a-z 0-9 - _, starting with a letter or digit
     * @param options the open mode, and for a created queue its capacity, message size and backend
     * @return the queue
     * @throws IllegalArgumentException a bad name
     * @throws java.nio.file.FileAlreadyExistsException CREATE_NEW and it exists
     * @throws java.nio.file.NoSuchFileException OPEN_EXISTING and it does not
     * @throws java.nio.file.AccessDeniedException the OS refused, or requireOwner found another owner
     * @throws UnsupportedOperationException the backend asked for is not available here
     */
    public static NamedMessageQueue open(String name, NamedQueueOptions options) throws IOException {
        PortableNames.check(name, TYPE);
        Objects.requireNonNull(options, "options must not be null");
        Platform.require(Feature.NAMED_MESSAGE_QUEUE);
        Backend backend = options.backend();
        if (backend == Backend.POSIX_MQ) {
            Platform.require(Feature.POSIX_MESSAGE_QUEUE);
            return new NamedMessageQueue(name, backend, PosixMqEngine.open(name, options));
        }
        return new NamedMessageQueue(name, backend, ShmQueueEngine.open(name, options));
    }

    /**
     * Removes the queue's name with this OS's default backend; quiet when it does not exist.
     *
     * @param name the portable name
     * @throws IOException the OS refused to remove it
     */
    public static void remove(String name) throws IOException {
        remove(name, Backend.forThisOs());
    }

    /**
     * Removes the name the backend given uses (nothing on Windows); quiet when it does not exist.
     *
     * @param name the portable name
     * @param backend the backend the queue was opened with
     * @throws IOException the OS refused to remove it
     */
    public static void remove(String name, Backend backend) throws IOException {
        PortableNames.check(name, TYPE);
        Objects.requireNonNull(backend, "backend must not be null");
        Platform.require(Feature.NAMED_MESSAGE_QUEUE);
        if (backend == Backend.POSIX_MQ) {
            try {
                PosixMqEngine.remove(name);
            } catch (NoSuchFileException gone) {
                // removed already
            }
        } else {
            ShmQueueEngine.remove(name);
        }
    }

    /**
     * The portable name this queue was opened with.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * What backs this queue.
     *
     * @return the backend
     */
    public Backend backend() {
        return backend;
    }

    /**
     * Whether this open created the queue.
     *
     * @return true when it created it, false when it opened an existing one
     */
    public boolean created() {
        return engine.created();
    }

    /**
     * The largest message, in bytes.
     *
     * @return the message size, fixed when the queue was created
     */
    public int messageSize() {
        return engine.messageSize();
    }

    /** The largest message, in bytes: the same as {@link #messageSize()}. */
    @Override
    public int maxMessageSize() {
        return engine.messageSize();
    }

    /**
     * How many messages the queue holds.
     *
     * @return the capacity in messages, fixed when the queue was created
     */
    public int capacity() {
        return engine.capacity();
    }

    /** Sends src's remaining bytes as one message, waiting while the queue is full. */
    @Override
    public void send(ByteBuffer src) throws IOException, InterruptedException {
        send(src, Deadline.NONE);
    }

    /** Sends if there is room now; false (src untouched) if the queue is full. */
    @Override
    public boolean offer(ByteBuffer src) throws IOException {
        try {
            return send(src, Deadline.NOW);
        } catch (InterruptedException notWaiting) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends, waiting at most timeout for room; false (src untouched) if there was none. */
    @Override
    public boolean offer(ByteBuffer src, Duration timeout) throws IOException, InterruptedException {
        return send(src, Deadline.after(timeout));
    }

    /** Sends, waiting at most timeout units for room; false (src untouched) if there was none. */
    @Override
    public boolean offer(ByteBuffer src, long timeout, TimeUnit unit) throws IOException, InterruptedException {
        return send(src, Deadline.after(timeout, unit));
    }

    /**
     * Receives the next message into dst (at least {@link #messageSize()} bytes remaining), waiting while the
     * queue is empty: the message's length; dst's position advances by it.
     *
     * @param dst where the message goes, from its position
     * @return the message's length in bytes
     * @throws IllegalArgumentException dst is read-only or has less than {@link #messageSize()} bytes remaining
     * @throws IOException the OS call failed, or the queue was closed ({@link io.github.ipc4j.IpcClosedException})
     * @throws InterruptedException the thread was interrupted while it waited (nothing was taken)
     */
    @Override
    public int receive(ByteBuffer dst) throws IOException, InterruptedException {
        return receive(dst, Deadline.NONE);
    }

    /** Receives a message if one is there now: its length, or {@link #NO_MESSAGE} (dst untouched). */
    @Override
    public int poll(ByteBuffer dst) throws IOException {
        try {
            return receive(dst, Deadline.NOW);
        } catch (InterruptedException notWaiting) {
            Thread.currentThread().interrupt();
            return NO_MESSAGE;
        }
    }

    /** Receives a message, waiting at most timeout: its length, or {@link #NO_MESSAGE}. */
    @Override
    public int poll(ByteBuffer dst, Duration timeout) throws IOException, InterruptedException {
        return receive(dst, Deadline.after(timeout));
    }

    /** Receives a message, waiting at most timeout units: its length, or {@link #NO_MESSAGE}. */
    @Override
    public int poll(ByteBuffer dst, long timeout, TimeUnit unit) throws IOException, InterruptedException {
        return receive(dst, Deadline.after(timeout, unit));
    }

    private boolean send(ByteBuffer src, long deadline) throws IOException, InterruptedException {
        Objects.requireNonNull(src, "message buffer must not be null");
        checkOpen();
        if (src.remaining() > engine.messageSize()) {
            throw new IllegalArgumentException("message of " + src.remaining() + " bytes exceeds the message size of "
                    + TYPE + " " + name + ", " + engine.messageSize() + " bytes (fixed when the queue was created)");
        }
        return engine.send(src, deadline);
    }

    private int receive(ByteBuffer dst, long deadline) throws IOException, InterruptedException {
        Objects.requireNonNull(dst, "receive buffer must not be null");
        checkOpen();
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("the receive buffer is read-only");
        }
        if (dst.remaining() < engine.messageSize()) {
            throw new IllegalArgumentException("a receive buffer needs room for the largest message of " + TYPE + " "
                    + name + ", " + engine.messageSize() + " bytes; it has " + dst.remaining()
                    + " remaining (nothing was taken)");
        }
        return engine.receive(dst, deadline);
    }

    private void checkOpen() {
        if (closed) {
            throw new IpcClosedException(TYPE + " " + name, false);
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** Closes this handle (not the queue): idempotent; blocked callers get IpcClosedException. */
    @Override
    public void close() {
        closed = true;
        engine.close();
    }

    @Override
    public String toString() {
        return TYPE + " " + name + " (" + backend + (closed ? ", closed)" : ")");
    }
}
