package io.github.ipc4j.windows;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.internal.ChannelContract;
import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.HandleWaiter;
import io.github.ipc4j.internal.NativeHandle;
import io.github.ipc4j.internal.NativeWinPipe;
import io.github.ipc4j.internal.NativeWindows;
import io.github.ipc4j.internal.WinBuffers;
import io.github.ipc4j.internal.WinErrors;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.Channels;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.Objects;

/**
 * One connected end of a Windows named pipe: what {@link WindowsNamedPipeServer#accept()} and
 * {@link WindowsNamedPipeClient#connect(String)} return. A {@link ByteChannel} (and, through
 * {@link #inputStream()} / {@link #outputStream()}, streams); in message mode, {@link #readMessage}
 * reads one whole message, and each write is one message.
 *
 * <p>The channel methods {@link #read(ByteBuffer)} and {@link #write(ByteBuffer)} keep the NIO contract
 * ({@link java.nio.channels.InterruptibleChannel}): after close they throw
 * {@link java.nio.channels.ClosedChannelException}; a call blocked when another thread closes the pipe throws
 * {@link java.nio.channels.AsynchronousCloseException}; a call whose thread is interrupted while it waits
 * closes the pipe and throws {@link java.nio.channels.ClosedByInterruptException}, with the interrupt status
 * set. {@link #readMessage} is ipc4j's own blocking call: InterruptedException on interrupt (the pipe stays
 * open, nothing is lost) and {@link IpcClosedException} when the pipe is closed. The end of the other side's
 * writes reads as end of stream: -1 from read, {@link #END_OF_STREAM} from readMessage.
 *
 * <p>Thread-safe: one thread at a time reads and one writes (others wait their turn).
 */
public final class WindowsNamedPipe implements ByteChannel {
    /**
     * What {@link #readMessage(ByteBuffer, Duration)} returns when no message came in time: -1, as every
     * ipc4j poll ({@link io.github.ipc4j.MessageQueue#NO_MESSAGE}).
     */
    public static final int NO_MESSAGE = io.github.ipc4j.MessageQueue.NO_MESSAGE;
    /** What readMessage returns at the end of the other side's writes (read returns -1 there). */
    public static final int END_OF_STREAM = -2;

    private static final String KIND = "Windows named pipe";
    private static final HandleWaiter.Call READ = NativeWinPipe::read;
    private static final HandleWaiter.Call READ_MESSAGE = NativeWinPipe::readMessage;
    private static final HandleWaiter.Call WRITE = NativeWinPipe::write;

    private final String name;
    private final long pipe;
    private final boolean serverEnd;
    private final boolean messageMode;
    private final HandleWaiter waiter;
    private final NativeHandle handle;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();

    WindowsNamedPipe(String name, long pipe, HandleWaiter waiter) throws IOException {
        int[] info = new int[5];
        int r = NativeWinPipe.info(pipe, info);
        if (r < 0) {
            NativeWinPipe.close(pipe);
            waiter.release();
            throw WinErrors.of(-r, "GetNamedPipeInfo", name);
        }
        this.name = name;
        this.pipe = pipe;
        this.serverEnd = info[0] != 0;
        this.messageMode = info[1] != 0;
        this.waiter = waiter;
        this.handle = waiter.newHandle(KIND + " " + name + (serverEnd ? " (server end)" : " (client end)"),
                () -> NativeWinPipe.close(pipe)).closeWhenLeaked(this); // the lambda holds the parameter pipe
    }

    /**
     * The pipe's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Every named pipe of this computer (the entries of {@code \\.\pipe\}), with its instance count: what
     * {@link NamedPipeEntry#list()} returns.
     *
     * @return every named pipe, with its instance count
     * @throws UnsupportedOperationException not on Windows
     * @throws IOException the directory query failed
     */
    public static java.util.List<NamedPipeEntry> list() throws IOException {
        return NamedPipeEntry.list();
    }

    /**
     * Whether this is the server's end (from accept) rather than a client's.
     *
     * @return true for the server's end
     */
    public boolean isServerEnd() {
        return serverEnd;
    }

    /**
     * Whether the pipe carries messages (boundaries kept) rather than a stream of bytes.
     *
     * @return true in message mode
     */
    public boolean isMessageMode() {
        return messageMode;
    }

    /**
     * The process id of the other end (GetNamedPipeClientProcessId / GetNamedPipeServerProcessId).
     *
     * @return the pid
     * @throws IOException the Windows call failed, or the pipe was closed
     */
    public long peerProcessId() throws IOException {
        handle.enter();
        try {
            long r = NativeWinPipe.peerProcessId(pipe);
            if (r < 0) {
                throw WinErrors.of((int) -r, serverEnd ? "GetNamedPipeClientProcessId" : "GetNamedPipeServerProcessId",
                        name);
            }
            return r;
        } finally {
            handle.exit();
        }
    }

    // ---- reading -------------------------------------------------------------------------------------

    /**
     * Reads at least one byte (waiting for it) into dst, at most dst.remaining(); in message mode from
     * one message, the rest of which the next reads return. Returns the count, or -1 at end of stream.
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        try {
            return readBytes(dst);
        } catch (IpcClosedException e) {
            throw ChannelContract.closed(e);
        }
    }

    private int readBytes(ByteBuffer dst) throws IOException {
        Objects.requireNonNull(dst, "dst must not be null");
        WinBuffers.checkWritable(dst);
        if (!dst.hasRemaining()) {
            return 0;
        }
        synchronized (readLock) {
            for (;;) {
                long r;
                try {
                    r = call(READ, dst, Deadline.NONE);
                } catch (InterruptedException e) {
                    throw interrupted(e, "ReadFile");
                }
                if (r < 0) {
                    return endOfStream(r, "ReadFile") ? -1 : 0;
                }
                int n = (int) (r & 0xFFFFFFFFL);
                if (n > 0) {
                    dst.position(dst.position() + n);
                    return n;
                }
                // an empty message: a stream read skips it
            }
        }
    }

    /**
     * Reads the next whole message into dst (message mode), waiting for one. Returns its length (0 for
     * an empty message) or {@link #END_OF_STREAM}.
     *
     * @param dst where the message goes, from its position
     * @return the message's length, or -1 at end of stream
     * @throws MessageTooLargeException the message is longer than dst.remaining(); it was not consumed
     * @throws IllegalStateException the pipe is in byte mode
     * @throws IOException the Windows call failed, or the pipe was closed ({@link io.github.ipc4j.IpcClosedException}, also
     *         while waiting)
     * @throws InterruptedException the thread was interrupted while it waited (nothing was taken)
     */
    public int readMessage(ByteBuffer dst) throws IOException, InterruptedException {
        return readMessage(dst, Deadline.NONE);
    }

    /**
     * As {@link #readMessage(ByteBuffer)}, waiting at most timeout: {@link #NO_MESSAGE} if none came.
     *
     * @param dst where the message goes, from its position
     * @param timeout how long to wait at most
     * @return the message's length, -1 at end of stream, or {@link #NO_MESSAGE} if none came in time
     * @throws MessageTooLargeException the message is longer than dst.remaining(); it was not consumed
     * @throws IllegalStateException the pipe is in byte mode
     * @throws IOException the Windows call failed, or the pipe was closed ({@link io.github.ipc4j.IpcClosedException}, also
     *         while waiting)
     * @throws InterruptedException the thread was interrupted while it waited (nothing was taken)
     */
    public int readMessage(ByteBuffer dst, Duration timeout) throws IOException, InterruptedException {
        return readMessage(dst, Deadline.after(timeout));
    }

    /**
     * As {@link #readMessage(ByteBuffer)}, waiting at most timeout units.
     *
     * @param dst where the message goes
     * @param timeout the longest wait, in units; zero or negative looks once
     * @param unit the unit of timeout
     * @return the message's length, {@link #NO_MESSAGE} if none came in time, or {@link #END_OF_STREAM}
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting
     */
    public int readMessage(ByteBuffer dst, long timeout, TimeUnit unit) throws IOException, InterruptedException {
        return readMessage(dst, Deadline.after(timeout, unit));
    }

    private int readMessage(ByteBuffer dst, long deadline) throws IOException, InterruptedException {
        Objects.requireNonNull(dst, "dst must not be null");
        WinBuffers.checkWritable(dst);
        if (!messageMode) {
            throw new IllegalStateException(name + " is a byte-mode pipe: it has no messages; use read()");
        }
        synchronized (readLock) {
            long r = call(READ_MESSAGE, dst, deadline);
            if (r <= NativeWindows.TOO_SMALL_BASE) {
                throw new MessageTooLargeException(name, NativeWindows.TOO_SMALL_BASE - r, dst.remaining());
            }
            if (r == NativeWindows.TIMEOUT) {
                return NO_MESSAGE;
            }
            if (r < 0) {
                return endOfStream(r, "ReadFile") ? END_OF_STREAM : 0;
            }
            dst.position(dst.position() + (int) r);
            return (int) r;
        }
    }

    /**
     * Copies up to dst.remaining() waiting bytes into dst without consuming them (PeekNamedPipe).
     *
     * @param dst where the bytes go, from its position
     * @return the number of bytes copied
     * @throws IOException the Windows call failed, or the pipe was closed
     */
    public int peek(ByteBuffer dst) throws IOException {
        Objects.requireNonNull(dst, "dst must not be null");
        WinBuffers.checkWritable(dst);
        handle.enter();
        try {
            int length = dst.remaining();
            long r = NativeWinPipe.peek(pipe, WinBuffers.direct(dst), WinBuffers.array(dst),
                    WinBuffers.offset(dst, length), length);
            if (r < 0) {
                return endOfStream(r, "PeekNamedPipe") ? -1 : 0;
            }
            dst.position(dst.position() + (int) r);
            return (int) r;
        } finally {
            handle.exit();
        }
    }

    /**
     * The bytes waiting to be read, without waiting (0 also at end of stream).
     *
     * @return the number of bytes
     * @throws IOException the Windows call failed, or the pipe was closed
     */
    public int available() throws IOException {
        return (int) (peekCounts() >>> 32);
    }

    /**
     * The size of the next message (message mode), or -1 when none is waiting.
     *
     * @return the size in bytes, or -1
     * @throws IOException the Windows call failed, or the pipe was closed
     */
    public long nextMessageSize() throws IOException {
        long counts = peekCounts();
        return counts == 0 ? -1 : counts & 0xFFFFFFFFL;
    }

    private long peekCounts() throws IOException {
        handle.enter();
        try {
            long r = NativeWinPipe.peekCounts(pipe);
            if (r < 0) {
                if (isEndOfStream(r)) {
                    return 0;
                }
                throw WinErrors.of((int) -r, "PeekNamedPipe", name);
            }
            return r;
        } finally {
            handle.exit();
        }
    }

    // ---- writing -------------------------------------------------------------------------------------

    /**
     * Writes all of src's remaining bytes (one message in message mode), waiting while the pipe is full.
     *
     * @throws io.github.ipc4j.IpcException ERROR_NO_DATA / ERROR_BROKEN_PIPE when the other end has gone
     */
    @Override
    public int write(ByteBuffer src) throws IOException {
        try {
            return writeBytes(src);
        } catch (IpcClosedException e) {
            throw ChannelContract.closed(e);
        }
    }

    private int writeBytes(ByteBuffer src) throws IOException {
        Objects.requireNonNull(src, "src must not be null");
        int length = src.remaining();
        ByteBuffer readable = WinBuffers.readable(src);
        synchronized (writeLock) {
            long r;
            try {
                r = call(WRITE, readable, Deadline.NONE);
            } catch (InterruptedException e) {
                throw interrupted(e, "WriteFile");
            }
            if (r < 0) {
                int code = (int) -r;
                if (code == NativeWindows.ERROR_NO_DATA || code == NativeWindows.ERROR_BROKEN_PIPE) {
                    throw WinErrors.ipc(code, "WriteFile", name, "the other end of the pipe has closed it");
                }
                throw WinErrors.of(code, "WriteFile", name);
            }
            src.position(src.position() + (int) r);
            return (int) r;
        }
    }

    /**
     * An InputStream over this pipe (closing it closes the pipe).
     *
     * @return the stream
     */
    public InputStream inputStream() {
        return Channels.newInputStream(this);
    }

    /**
     * An OutputStream over this pipe (closing it closes the pipe).
     *
     * @return the stream
     */
    public OutputStream outputStream() {
        return Channels.newOutputStream(this);
    }

    // ---- closing -------------------------------------------------------------------------------------

    @Override
    public boolean isOpen() {
        return !handle.isClosed();
    }

    /**
     * Closes this end. Bytes already written stay readable by the other end, which then reads end of
     * stream. Idempotent and thread-safe; threads blocked on the pipe return with IpcClosedException.
     */
    @Override
    public void close() {
        handle.close();
    }

    /**
     * Server end: ends the client's connection at once (DisconnectNamedPipe), discarding what it has
     * not read, and closes this end.
     *
     * @throws IOException DisconnectNamedPipe failed
     */
    public void disconnect() throws IOException {
        if (!serverEnd) {
            throw new IllegalStateException("only the server end disconnects; a client closes its end with close()");
        }
        handle.enter();
        try {
            int r = NativeWinPipe.disconnect(pipe);
            if (r < 0 && !isEndOfStream(r)) {
                throw WinErrors.of(-r, "DisconnectNamedPipe", name);
            }
        } finally {
            handle.exit();
        }
        close();
    }

    @Override
    public String toString() {
        return "WindowsNamedPipe[" + name + (serverEnd ? ", server end" : ", client end")
                + (messageMode ? ", messages" : ", bytes") + (isOpen() ? "]" : ", closed]");
    }

    // ---- mechanics -----------------------------------------------------------------------------------

    private long call(HandleWaiter.Call call, ByteBuffer buffer, long deadline)
            throws IpcClosedException, InterruptedException {
        handle.enter();
        try {
            int length = buffer.remaining();
            return waiter.call(handle, deadline, call, pipe, WinBuffers.direct(buffer), WinBuffers.array(buffer),
                    WinBuffers.offset(buffer, length), length);
        } finally {
            handle.exit();
        }
    }

    /** Channel methods cannot throw InterruptedException: an interrupt closes the pipe (InterruptibleChannel). */
    private IOException interrupted(InterruptedException e, String call) {
        return ChannelContract.interrupted(this, e);
    }

    private static boolean isEndOfStream(long r) {
        int code = (int) -r;
        return code == NativeWindows.ERROR_BROKEN_PIPE || code == NativeWindows.ERROR_PIPE_NOT_CONNECTED
                || code == NativeWindows.ERROR_NO_DATA;
    }

    /** True at end of stream; throws for any other failure. */
    private boolean endOfStream(long r, String call) throws IOException {
        if (isEndOfStream(r)) {
            return true;
        }
        throw WinErrors.of((int) -r, call, name);
    }
}
