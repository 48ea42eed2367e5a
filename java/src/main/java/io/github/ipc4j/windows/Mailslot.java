package io.github.ipc4j.windows;

import io.github.ipc4j.Feature;
import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.Platform;
import io.github.ipc4j.internal.ChannelContract;
import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.HandleWaiter;
import io.github.ipc4j.internal.NativeHandle;
import io.github.ipc4j.internal.NativeMailslot;
import io.github.ipc4j.internal.NativeWindows;
import io.github.ipc4j.internal.WinBuffers;
import io.github.ipc4j.internal.WinErrors;
import io.github.ipc4j.internal.WindowsNames;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The reading end of a Windows mailslot ({@code CreateMailslot}, \\.\mailslot\PATH), Windows only:
 * elsewhere {@link #create} throws UnsupportedOperationException. Clients write whole messages
 * ({@link MailslotClient}); each read returns one. A message longer than the buffer given is never
 * truncated or lost: the read throws {@link MessageTooLargeException} and the message stays next.
 *
 * <p>Reads wait up to the slot's read timeout ({@link #setReadTimeout}), or the timeout given. A
 * blocked receive returns when the slot is closed (IpcClosedException) or the thread interrupted
 * (InterruptedException). The channel method {@link #read(ByteBuffer)} keeps the NIO contract instead
 * (ClosedChannelException, AsynchronousCloseException, ClosedByInterruptException, which closes the slot). The
 * slot (and its messages) vanishes when closed. Not a {@link io.github.ipc4j.MessageQueue}: it only receives;
 * its polls answer the same {@link #NO_MESSAGE} (-1).
 *
 * <p>Thread-safe: one thread reads at a time (others wait their turn).
 */
public final class Mailslot implements ReadableByteChannel {
    /** What receive returns when no message came within the timeout. */
    public static final int NO_MESSAGE = io.github.ipc4j.MessageQueue.NO_MESSAGE;

    private static final String KIND = "mailslot";
    private static final HandleWaiter.Call READ = NativeMailslot::read;
    /** A read bounded by the slot's own read timeout, which the native side applies. */
    private static final HandleWaiter.Call SLOT_TIMEOUT_READ =
            (slot, direct, array, offset, length, closed, wake, timeout) ->
                    NativeMailslot.read(slot, direct, array, offset, length, closed, wake, -1);

    private final String name;
    private final long slot;
    private final HandleWaiter waiter;
    private final NativeHandle handle;
    private final Object readLock = new Object();

    private Mailslot(String name, long slot, HandleWaiter waiter) {
        this.name = name;
        this.slot = slot;
        this.waiter = waiter;
        // the lambda holds the parameter slot, not this: a leaked slot is closed by the cleaner (Leaks)
        this.handle = waiter.newHandle(KIND + " " + name, () -> NativeMailslot.close(slot)).closeWhenLeaked(this);
    }

    /**
     * Creates \\.\mailslot\PATH taking messages of any size, reads waiting forever.
     *
     * @param name \\.\mailslot\ and a path, e.g. \\.\mailslot\orders
     * @return the mailslot
     * @throws IOException as {@link #create(String, MailslotOptions)}
     */
    public static Mailslot create(String name) throws IOException {
        return create(name, MailslotOptions.options());
    }

    /**
     * Creates the mailslot.
     *
     * @param name \\.\mailslot\ and a path, e.g. \\.\mailslot\orders
     * @param options the message size limit, read timeout and security
     * @return the mailslot
     * @throws IllegalArgumentException a bad name (see the message for the rule)
     * @throws java.nio.file.FileAlreadyExistsException a mailslot of that name exists
     */
    public static Mailslot create(String name, MailslotOptions options) throws IOException {
        byte[] nativeName = WindowsNames.mailslot(name, true);
        Objects.requireNonNull(options, "options must not be null");
        Platform.require(Feature.MAILSLOT);
        HandleWaiter waiter = new HandleWaiter();
        long r = NativeMailslot.create(nativeName, options.maxMessageSize(),
                MailslotOptions.millis(options.readTimeout().orElse(null)), options.currentUserOnly());
        if (r < 0) {
            waiter.release();
            throw WinErrors.of((int) -r, "CreateMailslot", name);
        }
        return new Mailslot(name, r, waiter);
    }

    /**
     * The name the mailslot was created with.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Reads the next message into dst, waiting up to the slot's read timeout. Returns its length, or
     * {@link #NO_MESSAGE} if none came.
     *
     * @param dst where the message goes, from its position
     * @return the message's length, or {@link #NO_MESSAGE}
     * @throws MessageTooLargeException the message is longer than dst.remaining(); it was not consumed
     * @throws IOException the Windows call failed, or the mailslot was closed ({@link io.github.ipc4j.IpcClosedException}, also while waiting)
     * @throws InterruptedException the thread was interrupted while it waited (nothing was taken)
     */
    public int receive(ByteBuffer dst) throws IOException, InterruptedException {
        return receive(dst, SLOT_TIMEOUT_READ, Deadline.NONE);
    }

    /**
     * As {@link #receive(ByteBuffer)}, waiting at most timeout instead of the slot's read timeout.
     *
     * @param dst where the message goes, from its position
     * @param timeout how long to wait at most
     * @return the message's length, or {@link #NO_MESSAGE}
     * @throws MessageTooLargeException the message is longer than dst.remaining(); it was not consumed
     * @throws IOException the Windows call failed, or the mailslot was closed ({@link io.github.ipc4j.IpcClosedException}, also while waiting)
     * @throws InterruptedException the thread was interrupted while it waited (nothing was taken)
     */
    public int receive(ByteBuffer dst, Duration timeout) throws IOException, InterruptedException {
        return receive(dst, READ, Deadline.after(timeout));
    }

    /**
     * As {@link #receive(ByteBuffer)}, waiting at most timeout units instead of the slot's read timeout.
     *
     * @param dst where the message goes
     * @param timeout the longest wait, in units; zero or negative looks once
     * @param unit the unit of timeout
     * @return the message's length, or {@link #NO_MESSAGE} when none came in time
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting
     */
    public int receive(ByteBuffer dst, long timeout, TimeUnit unit) throws IOException, InterruptedException {
        return receive(dst, READ, Deadline.after(timeout, unit));
    }

    /**
     * Receives the next message into a new array, waiting up to the slot's read timeout.
     *
     * @return the message, or empty when none came within the read timeout
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting
     */
    public Optional<byte[]> receive() throws IOException, InterruptedException {
        for (;;) {
            long size = nextMessageSize();
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(size, 4096));
            try {
                int n = receive(buffer);
                return n == NO_MESSAGE ? Optional.empty() : Optional.of(Arrays.copyOf(buffer.array(), n));
            } catch (MessageTooLargeException arrivedMeanwhile) {
                // a longer message came while waiting: it is still next; read again with room for it
            }
        }
    }

    /**
     * The channel form of receive: one message per read, 0 if none came within the slot's read timeout. Keeps
     * the NIO contract: ClosedChannelException after close, AsynchronousCloseException when another thread
     * closes the slot meanwhile, and ClosedByInterruptException on interrupt, which closes (and so deletes)
     * the slot and sets the interrupt status again.
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        try {
            return Math.max(0, receive(dst));
        } catch (InterruptedException e) {
            throw ChannelContract.interrupted(this, e);
        } catch (IpcClosedException e) {
            throw ChannelContract.closed(e);
        }
    }

    private int receive(ByteBuffer dst, HandleWaiter.Call read, long deadline) throws IOException, InterruptedException {
        Objects.requireNonNull(dst, "dst must not be null");
        WinBuffers.checkWritable(dst);
        synchronized (readLock) {
            handle.enter();
            try {
                int length = dst.remaining();
                long r = waiter.call(handle, deadline, read, slot, WinBuffers.direct(dst), WinBuffers.array(dst),
                        WinBuffers.offset(dst, length), length);
                if (r <= NativeWindows.TOO_SMALL_BASE) {
                    throw new MessageTooLargeException(name, NativeWindows.TOO_SMALL_BASE - r, length);
                }
                if (r == NativeWindows.TIMEOUT) {
                    return NO_MESSAGE;
                }
                if (r < 0) {
                    throw WinErrors.of((int) -r, "ReadFile", name);
                }
                dst.position(dst.position() + (int) r);
                return (int) r;
            } finally {
                handle.exit();
            }
        }
    }

    // ---- information ---------------------------------------------------------------------------------

    /**
     * The size of the next message, or -1 when none is waiting (GetMailslotInfo).
     *
     * @return the size in bytes, or -1
     * @throws IOException the Windows call failed, or the mailslot was closed
     */
    public long nextMessageSize() throws IOException {
        return info()[1];
    }

    /**
     * How many messages are waiting (GetMailslotInfo).
     *
     * @return the number of messages
     * @throws IOException the Windows call failed, or the mailslot was closed
     */
    public long messageCount() throws IOException {
        return info()[2];
    }

    /**
     * The largest message the slot takes; 0: any size.
     *
     * @return the limit in bytes, or 0
     * @throws IOException the Windows call failed, or the mailslot was closed
     */
    public long maxMessageSize() throws IOException {
        return info()[0];
    }

    /**
     * How long a read waits by default; empty: forever.
     *
     * @return the read timeout; empty: forever
     * @throws IOException the Windows call failed, or the mailslot was closed
     */
    public Optional<Duration> readTimeout() throws IOException {
        long millis = info()[3];
        return millis == NativeMailslot.FOREVER ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }

    /**
     * Sets how long a read waits by default (SetMailslotInfo); see {@link MailslotOptions#readTimeout}.
     *
     * @param timeout the read timeout
     * @throws IllegalArgumentException negative, or longer than {@link MailslotOptions#MAX_READ_TIMEOUT_MILLIS} ms
     * @throws IOException the Windows call failed, or the mailslot was closed
     */
    public void setReadTimeout(Duration timeout) throws IOException {
        setReadTimeoutMillis(MailslotOptions.checkReadTimeout(timeout).toMillis());
    }

    /**
     * Reads wait until a message comes.
     *
     * @throws IOException the Windows call failed, or the mailslot was closed
     */
    public void setReadTimeoutForever() throws IOException {
        setReadTimeoutMillis(NativeMailslot.FOREVER);
    }

    private void setReadTimeoutMillis(long millis) throws IOException {
        handle.enter();
        try {
            int r = NativeMailslot.setReadTimeout(slot, millis);
            if (r < 0) {
                throw WinErrors.of(-r, "SetMailslotInfo", name);
            }
        } finally {
            handle.exit();
        }
    }

    private long[] info() throws IOException {
        handle.enter();
        try {
            long[] out = new long[4];
            int r = NativeMailslot.info(slot, out);
            if (r < 0) {
                throw WinErrors.of(-r, "GetMailslotInfo", name);
            }
            return out;
        } finally {
            handle.exit();
        }
    }

    // ---- closing -------------------------------------------------------------------------------------

    @Override
    public boolean isOpen() {
        return !handle.isClosed();
    }

    /** Closes and so deletes the mailslot. Idempotent; blocked readers return with IpcClosedException. */
    @Override
    public void close() {
        handle.close();
    }

    @Override
    public String toString() {
        return "Mailslot[" + name + (isOpen() ? "]" : ", closed]");
    }
}
