package io.github.ipc4j.pipe;

import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.Errors;
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

/**
 * The reading end of a FIFO. {@link #read(ByteBuffer)} waits for data and returns -1 at end of stream:
 * once every writer that came has closed. Before any writer has come it waits for one. Direct buffers
 * are read into with no copy; thread-safe, though several readers on one end share the bytes between them.
 */
public final class FifoReader extends FifoEnd implements ReadableByteChannel {
    FifoReader(Path path, int fd) {
        super(path, fd, "read end");
    }

    /**
     * Reads what is there (at least one byte), waiting for it; -1 at end of stream.
     *
     * @throws java.io.InterruptedIOException the thread was interrupted (its flag is set again)
     * @throws io.github.ipc4j.IpcClosedException the end was closed, before or during the call
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        return read(dst, Deadline.NONE);
    }

    /** Reads, waiting at most timeout: bytes read, 0 if none came in time, or -1 at end of stream. */
    public int read(ByteBuffer dst, Duration timeout) throws IOException {
        return read(dst, Deadline.after(timeout));
    }

    private int read(ByteBuffer dst, long deadline) throws IOException {
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
            for (;;) {
                int n = dst.isDirect() ? NativeFifo.readDirect(fd, dst, dst.position(), length)
                        : NativeFifo.readArray(fd, dst.array(), dst.arrayOffset() + dst.position(), length);
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

    /** This end as an InputStream (reads wait; -1 at end of stream). */
    public InputStream inputStream() {
        return Channels.newInputStream(this);
    }
}
