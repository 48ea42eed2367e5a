package io.github.ipc4j.aeron;

import io.aeron.Aeron;
import io.aeron.ControlledFragmentAssembler;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.MessageChannel;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link MessageChannel} over Aeron: {@code aeron:udp?endpoint=host:port} to a process on another machine (or
 * this one), {@code aeron:ipc} between processes on one machine. Code written against MessageChannel moves
 * between this and {@link io.github.ipc4j.SharedMemoryChannel} unchanged.
 *
 * <pre>{@code
 * try (AeronChannel out = AeronChannel.open("aeron:udp?endpoint=10.0.0.7:40123", 10,
 *         AeronChannelOptions.options().sender())) {
 *     out.send(buffer);
 * }
 * }</pre>
 *
 * <p>A sender is an exclusive publication, a receiver a subscription (messages longer than the MTU are
 * reassembled). The media driver is the one running in the options' directory; when none runs, the channel
 * starts one embedded in this JVM (stopped when the last channel using it closes). Aeron delivers in order
 * and without loss or duplication as long as the receiver keeps up within its window; a sender that finds
 * no receiver connected ({@code NOT_CONNECTED}) or the window full ({@code BACK_PRESSURED}) waits in
 * {@link #send}, and {@link #offer} answers false. Waiting spins, yields, then parks up to 1 ms at a time
 * (Agrona's back-off), so an idle end uses little CPU but is not asleep in the kernel as a shared-memory
 * channel is. Blocking calls throw InterruptedException when interrupted and IpcClosedException when another
 * thread closes the channel; one call at a time per end. Unlike the shared-memory channel a dead peer is not
 * reported: Aeron does not tell a peer that closed from one that died.
 */
public final class AeronChannel implements MessageChannel {
    private final String description;
    private final String directory;
    private final boolean embedded;
    private final Aeron aeron;
    private final ExclusivePublication publication;
    private final Subscription subscription;
    private final ControlledFragmentAssembler assembler;
    private final UnsafeBuffer source = new UnsafeBuffer(0, 0);
    private final IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
    private final int maxMessageSize;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean closed;

    private ByteBuffer target;
    private int received;
    private int tooLong;

    private AeronChannel(String channel, int streamId, AeronChannelOptions options) {
        this.description = "Aeron channel " + channel + " stream " + streamId;
        this.directory = options.aeronDirectory();
        this.embedded = EmbeddedDrivers.acquire(directory);
        Aeron client = null;
        try {
            client = Aeron.connect(new Aeron.Context().aeronDirectoryName(directory));
            if (options.role() == AeronChannelOptions.Role.SENDER) {
                publication = client.addExclusivePublication(channel, streamId);
                subscription = null;
                assembler = null;
                maxMessageSize = Math.min(options.maxMessageSize(), publication.maxMessageLength());
            } else {
                publication = null;
                subscription = client.addSubscription(channel, streamId);
                assembler = new ControlledFragmentAssembler(this::onMessage);
                maxMessageSize = options.maxMessageSize();
            }
            this.aeron = client;
        } catch (RuntimeException e) {
            if (client != null) {
                client.close();
            }
            if (embedded) {
                EmbeddedDrivers.release(directory);
            }
            throw e;
        }
    }

    /**
     * Opens one end of channel (an Aeron URI) on streamId.
     *
     * @throws IllegalArgumentException no role in options (sender() or receiver())
     * @throws io.aeron.exceptions.AeronException Aeron refused the channel or the driver did not answer
     */
    public static AeronChannel open(String channel, int streamId, AeronChannelOptions options) {
        Objects.requireNonNull(channel, "channel must not be null");
        Objects.requireNonNull(options, "options must not be null");
        if (options.role() == null) {
            throw new IllegalArgumentException("say which end to open: options.sender() or options.receiver()");
        }
        return new AeronChannel(channel, streamId, options);
    }

    @Override
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** Whether a peer is connected: a receiver for a sender, a sender for a receiver. */
    public boolean isConnected() {
        return publication != null ? publication.isConnected() : subscription.isConnected();
    }

    @Override
    public void send(ByteBuffer src) throws IOException, InterruptedException {
        offer(src, Long.MAX_VALUE);
    }

    @Override
    public boolean offer(ByteBuffer src) throws IOException {
        try {
            return offer(src, Long.MIN_VALUE);
        } catch (InterruptedException cannotWait) {
            throw new IllegalStateException(cannotWait);
        }
    }

    @Override
    public boolean offer(ByteBuffer src, Duration timeout) throws IOException, InterruptedException {
        return offer(src, deadline(timeout));
    }

    @Override
    public boolean offer(ByteBuffer src, long timeout, TimeUnit unit) throws IOException, InterruptedException {
        return offer(src, deadline(timeout, unit));
    }

    @Override
    public int receive(ByteBuffer dst) throws IOException, InterruptedException {
        return poll(dst, Long.MAX_VALUE);
    }

    @Override
    public int poll(ByteBuffer dst) throws IOException {
        try {
            return poll(dst, Long.MIN_VALUE);
        } catch (InterruptedException cannotWait) {
            throw new IllegalStateException(cannotWait);
        }
    }

    @Override
    public int poll(ByteBuffer dst, Duration timeout) throws IOException, InterruptedException {
        return poll(dst, deadline(timeout));
    }

    @Override
    public int poll(ByteBuffer dst, long timeout, TimeUnit unit) throws IOException, InterruptedException {
        return poll(dst, deadline(timeout, unit));
    }

    private boolean offer(ByteBuffer src, long deadline) throws IOException, InterruptedException {
        Objects.requireNonNull(src, "src must not be null");
        if (publication == null) {
            throw new IllegalStateException(description + " was opened to receive: send on an end opened with sender()");
        }
        int length = src.remaining();
        if (length > maxMessageSize) {
            throw new IllegalArgumentException("message of " + length + " bytes is longer than " + description
                    + "'s maximum of " + maxMessageSize);
        }
        enter();
        try {
            source.wrap(src, src.position(), length);
            idle.reset();
            for (;;) {
                long r = publication.offer(source, 0, length);
                if (r > 0) {
                    src.position(src.limit());
                    return true;
                }
                if (r == Publication.CLOSED) {
                    throw new IpcClosedException(description, true);
                }
                if (r == Publication.MAX_POSITION_EXCEEDED) {
                    throw new IOException(description + ": the publication reached its maximum position; open a new one");
                }
                if (!pause(deadline)) {
                    return false; // NOT_CONNECTED, BACK_PRESSURED or ADMIN_ACTION until the deadline
                }
            }
        } finally {
            source.wrap(0, 0);
            exit();
        }
    }

    private int poll(ByteBuffer dst, long deadline) throws IOException, InterruptedException {
        Objects.requireNonNull(dst, "dst must not be null");
        if (subscription == null) {
            throw new IllegalStateException(description + " was opened to send: receive on an end opened with receiver()");
        }
        if (dst.isReadOnly()) {
            throw new java.nio.ReadOnlyBufferException();
        }
        enter();
        try {
            target = dst;
            idle.reset();
            for (;;) {
                received = NO_MESSAGE;
                tooLong = -1;
                subscription.controlledPoll(assembler, 1);
                if (tooLong >= 0) {
                    throw new IllegalArgumentException("receive buffer has " + dst.remaining() + " bytes remaining, "
                            + "the next message on " + description + " has " + tooLong + "; it stays in the channel");
                }
                if (received != NO_MESSAGE) {
                    return received;
                }
                if (!pause(deadline)) {
                    return NO_MESSAGE;
                }
            }
        } finally {
            target = null;
            exit();
        }
    }

    private ControlledFragmentHandler.Action onMessage(DirectBuffer buffer, int offset, int length, Header header) {
        ByteBuffer dst = target;
        if (length > dst.remaining()) {
            tooLong = length;
            return ControlledFragmentHandler.Action.ABORT; // not consumed: delivered again to a bigger buffer
        }
        buffer.getBytes(offset, dst, dst.position(), length);
        dst.position(dst.position() + length);
        received = length;
        return ControlledFragmentHandler.Action.BREAK;
    }

    /** One idle step; false once the deadline passed. Throws when interrupted or closed. */
    private boolean pause(long deadline) throws InterruptedException, IpcClosedException {
        if (deadline == Long.MIN_VALUE || deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0) {
            return false;
        }
        if (closed) {
            throw new IpcClosedException(description, true);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        idle.idle();
        return true;
    }

    /** The deadline timeout from now: a negative timeout means zero, as in BlockingQueue.poll. */
    private static long deadline(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            return Long.MIN_VALUE;
        }
        try {
            return deadlineAfterNanos(timeout.toNanos());
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** The deadline timeout units from now: a negative timeout means zero, as in BlockingQueue.poll. */
    private static long deadline(long timeout, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit must not be null");
        return timeout <= 0 ? Long.MIN_VALUE : deadlineAfterNanos(unit.toNanos(timeout));
    }

    private static long deadlineAfterNanos(long nanos) {
        long now = System.nanoTime();
        long deadline = now + nanos;
        if (nanos == Long.MAX_VALUE || deadline - now < 0) {
            return Long.MAX_VALUE; // beyond ~292 years: no deadline
        }
        return deadline == Long.MAX_VALUE || deadline == Long.MIN_VALUE ? deadline + 1 : deadline;
    }

    private void enter() throws IpcClosedException {
        if (!busy.compareAndSet(false, true)) {
            throw new IllegalStateException(description + ": one call at a time per channel end, and another thread is in one");
        }
        if (closed) {
            busy.set(false);
            throw new IpcClosedException(description, false);
        }
    }

    private void exit() {
        busy.set(false);
    }

    /** Closes this end (and the embedded driver, if this was its last user): idempotent; blocked calls get IpcClosedException. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (busy.get()) {
            Thread.onSpinWait(); // a waiting call sees the flag within one park (1 ms at most)
        }
        aeron.close();
        if (embedded) {
            EmbeddedDrivers.release(directory);
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return description + (closed ? " (closed)" : "");
    }
}
