package io.github.ipc4j.pipe;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.Errno;
import io.github.ipc4j.internal.Errors;
import io.github.ipc4j.internal.HeapRange;
import io.github.ipc4j.internal.ChannelContract;
import io.github.ipc4j.internal.NativeFifo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The reading end of a FIFO. {@link #read(ByteBuffer)} waits for data and returns -1 at end of stream:
 * once every writer that came has closed. Before any writer has come it waits for one. Direct buffers
 * are read into with no copy.
 *
 * <p>A {@link ReadableByteChannel} with the NIO contract, as {@link java.nio.channels.InterruptibleChannel}
 * describes it: a read after close throws {@link java.nio.channels.ClosedChannelException}; a read blocked
 * when another thread closes the end throws {@link java.nio.channels.AsynchronousCloseException}; a read
 * whose thread is interrupted while it waits closes the end and throws
 * {@link java.nio.channels.ClosedByInterruptException}, with the thread's interrupt status set. The timed
 * {@link #read(ByteBuffer, Duration)} behaves the same way.
 *
 * <p>Thread-safe: several threads may read at once, though they then share the bytes between them.
 */
public final class FifoReader extends FifoEnd implements ReadableByteChannel {
    /** What readWaiting answers when no writer has come yet. */
    private static final int NO_DATA_YET = Integer.MIN_VALUE;
    /** What a try answers when it read nothing. */
    private static final int NOTHING_YET = Integer.MIN_VALUE + 1;

    FifoReader(Path path, int fd, int waitFd) {
        super(path, fd, waitFd, "read end");
    }

    /**
     * Reads what is there (at least one byte), waiting for it; -1 at end of stream.
     *
     * @throws java.nio.channels.ClosedChannelException the end was closed before the call
     * @throws java.nio.channels.AsynchronousCloseException another thread closed it while this one waited
     * @throws java.nio.channels.ClosedByInterruptException the thread was interrupted while it waited: the
     *         end is closed now and the thread's interrupt status set
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        return read(dst, Deadline.NONE);
    }

    /**
     * Reads, waiting at most timeout (a negative one means zero).
     *
     * @param dst where the bytes go
     * @param timeout the longest wait
     * @return bytes read, 0 if none came in time, or -1 at end of stream
     * @throws java.nio.channels.ClosedChannelException closed, as for {@link #read(ByteBuffer)}
     * @throws IOException the OS refused
     */
    public int read(ByteBuffer dst, Duration timeout) throws IOException {
        return read(dst, Deadline.after(timeout));
    }

    /**
     * Reads, waiting at most timeout units (a negative one means zero).
     *
     * @param dst where the bytes go
     * @param timeout the longest wait, in units
     * @param unit the unit of timeout
     * @return bytes read, 0 if none came in time, or -1 at end of stream
     * @throws java.nio.channels.ClosedChannelException closed, as for {@link #read(ByteBuffer)}
     * @throws IOException the OS refused
     */
    public int read(ByteBuffer dst, long timeout, TimeUnit unit) throws IOException {
        return read(dst, Deadline.after(timeout, unit));
    }

    private int read(ByteBuffer dst, long deadline) throws IOException {
        try {
            return readOrThrowClosed(dst, deadline);
        } catch (IpcClosedException e) {
            throw ChannelContract.closed(e);
        }
    }

    private int readOrThrowClosed(ByteBuffer dst, long deadline) throws IOException {
        Objects.requireNonNull(dst, "buffer must not be null");
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        int length = dst.remaining();
        if (length == 0) {
            return 0;
        }
        handle.enter();
        try {
            if (deadline == Deadline.NONE && dst.isDirect()) {
                int n = predictor.tryFirst() ? tryRead(dst, length) : NOTHING_YET;
                if (n == NOTHING_YET) {
                    n = readWaiting(dst, length);
                }
                if (n != NO_DATA_YET) {
                    return n;
                }
            }
            for (;;) {
                int n = dst.isDirect() ? NativeFifo.readDirect(fd, dst, dst.position(), length)
                        : NativeFifo.readArray(fd, dst.array(), HeapRange.start(dst, length), length);
                if (n > 0) {
                    dst.position(dst.position() + n);
                    return n;
                }
                if (n == 0 && NativeFifo.hungUp(fd)) {
                    return -1;
                }
                if (n < 0 && n != NativeFifo.WOULD_BLOCK) {
                    throw Errors.of(-n, "read", path.toString());
                }
                // nothing yet, or no writer has come yet (read says 0 but nobody hung up)
                if (deadline == Deadline.NOW || !await(false, deadline, "read")) {
                    return 0;
                }
            }
        } finally {
            handle.exit();
        }
    }

    /**
     * A try, which skips the blocking machinery when data is there (a stream that keeps the FIFO filled):
     * bytes read (positioned), NOTHING_YET when the FIFO is empty or no writer is there (the waiting read
     * tells those apart).
     */
    private int tryRead(ByteBuffer dst, int length) throws IOException {
        int n = NativeFifo.readDirect(fd, dst, dst.position(), length);
        if (n > 0) {
            dst.position(dst.position() + n);
            return n;
        }
        if (n == NativeFifo.WOULD_BLOCK) {
            predictor.tryFailed();
        } else if (n < 0) {
            throw Errors.of(-n, "read", path.toString());
        }
        return NOTHING_YET;
    }

    /**
     * A read that waits for data inside read(2) (waitInside): one system call per read when data comes later,
     * as in C. NO_DATA_YET when no writer has come (the caller's loop then polls for one).
     */
    private int readWaiting(ByteBuffer dst, int length) throws IOException {
        for (;;) {
            int n = waitInside(NativeFifo::readDirectWaiting, dst, length);
            if (n > 0) {
                dst.position(dst.position() + n);
                return n;
            }
            if (n == 0) {
                return NativeFifo.hungUp(fd) ? -1 : NO_DATA_YET;
            }
            if (n == -Errno.EINTR) {
                afterEintr();
                continue;
            }
            if (n == NativeFifo.WOULD_BLOCK) { // a child forked with the descriptor made it non-blocking
                return NO_DATA_YET;
            }
            throw Errors.of(-n, "read", path.toString());
        }
    }

    /**
     * This end as an InputStream (reads wait; -1 at end of stream).
     *
     * @return a stream over this end; closing it closes the end
     */
    public InputStream inputStream() {
        return Channels.newInputStream(this);
    }
}
