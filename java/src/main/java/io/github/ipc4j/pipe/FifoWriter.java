package io.github.ipc4j.pipe;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.internal.ChannelContract;
import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.Errno;
import io.github.ipc4j.internal.Errors;
import io.github.ipc4j.internal.HeapRange;
import io.github.ipc4j.internal.NativeFifo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The writing end of a FIFO. {@link #write(ByteBuffer)} writes all of the buffer, waiting for room. A
 * write of at most {@link Fifo#pipeBuf()} bytes is atomic: it never interleaves with other writers'
 * writes. When no reader is left, writing throws IpcException EPIPE (broken pipe) and the JVM lives on,
 * even where SIGPIPE would kill it (-Xrs). Direct buffers are written from with no copy.
 *
 * <p>A {@link WritableByteChannel} with the NIO contract, as {@link java.nio.channels.InterruptibleChannel}
 * describes it: a write after close throws {@link java.nio.channels.ClosedChannelException}; a write blocked
 * when another thread closes the end throws {@link java.nio.channels.AsynchronousCloseException}; a write
 * whose thread is interrupted while it waits for room closes the end and throws
 * {@link java.nio.channels.ClosedByInterruptException}, with the thread's interrupt status set. In both
 * cases src's position says how many bytes were written before.
 *
 * <p>Thread-safe; a write of at most {@link Fifo#pipeBuf()} bytes is one atomic record among concurrent
 * writers, a longer one may interleave with theirs.
 */
public final class FifoWriter extends FifoEnd implements WritableByteChannel {
    /** Whether SIGPIPE must be held off around writes (the JVM normally ignores it; -Xrs does not). */
    private static final boolean GUARD_SIGPIPE = NativeFifo.sigpipeKills();
    /** A write that waits for room inside write(2) (after some bytes when a wake cuts one of more than PIPE_BUF short). */
    private static final WaitingIo WAITING_WRITE = (fd, buffer, position, length, waker) ->
            NativeFifo.writeDirectWaiting(fd, buffer, position, length, GUARD_SIGPIPE, waker);

    FifoWriter(Path path, int fd, int waitFd) {
        super(path, fd, waitFd, "write end");
    }

    /**
     * Writes all of src's remaining bytes, waiting for room as needed.
     *
     * @throws io.github.ipc4j.IpcException EPIPE when no reader has the FIFO open any more
     * @throws java.nio.channels.ClosedChannelException the end was closed before the call
     * @throws java.nio.channels.AsynchronousCloseException another thread closed it while this one waited
     * @throws java.nio.channels.ClosedByInterruptException the thread was interrupted while it waited: the
     *         end is closed now and the thread's interrupt status set; src's position says what was written
     */
    @Override
    public int write(ByteBuffer src) throws IOException {
        Objects.requireNonNull(src, "buffer must not be null");
        try {
            return writeOrThrowClosed(src);
        } catch (IpcClosedException e) {
            throw ChannelContract.closed(e);
        }
    }

    private int writeOrThrowClosed(ByteBuffer src) throws IOException {
        int total = src.remaining();
        handle.enter();
        try {
            while (src.hasRemaining()) {
                boolean wait = waitFd >= 0 && src.isDirect() && !predictor.tryFirst();
                int n = wait ? waitInside(WAITING_WRITE, src, src.remaining()) : writeOnce(src);
                if (n > 0) {
                    src.position(src.position() + n);
                } else if (n == NativeFifo.WOULD_BLOCK) {
                    predictor.tryFailed();
                    await(true, Deadline.NONE, "write");
                } else if (n == -Errno.EINTR) {
                    afterEintr();
                } else if (n == -Errno.EPIPE) {
                    throw Errors.ipc(Errno.EPIPE, "write", path.toString(),
                            "broken pipe: no process has the FIFO open for reading any more");
                } else if (n < 0) {
                    throw Errors.of(-n, "write", path.toString());
                }
            }
            return total;
        } finally {
            handle.exit();
        }
    }

    private int writeOnce(ByteBuffer src) {
        int length = src.remaining();
        if (src.isDirect()) {
            return NativeFifo.writeDirect(fd, src, src.position(), length, GUARD_SIGPIPE);
        }
        if (src.hasArray()) {
            return NativeFifo.writeArray(fd, src.array(), HeapRange.start(src, length), length, GUARD_SIGPIPE);
        }
        byte[] copy = new byte[length]; // a read-only heap buffer hides its array
        src.duplicate().get(copy);
        return NativeFifo.writeArray(fd, copy, 0, length, GUARD_SIGPIPE);
    }

    /**
     * This end as an OutputStream (writes wait for room).
     *
     * @return a stream over this end; closing it closes the end
     */
    public OutputStream outputStream() {
        return Channels.newOutputStream(this);
    }
}
