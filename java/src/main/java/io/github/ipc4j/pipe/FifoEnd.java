package io.github.ipc4j.pipe;

import io.github.ipc4j.internal.FdWaiter;
import io.github.ipc4j.internal.ChannelContract;
import io.github.ipc4j.internal.NativeFifo;
import io.github.ipc4j.internal.NativeHandle;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.file.Path;

/** What both ends of a FIFO share: the descriptor's lifecycle and the interruptible, closeable wait. */
abstract class FifoEnd implements Channel {
    final Path path;
    final int fd;
    final NativeHandle handle;

    FifoEnd(Path path, int fd, String end) {
        this.path = path;
        this.fd = fd;
        this.handle = new NativeHandle("FIFO " + path + " (" + end + ")", () -> NativeFifo.close(fd))
                .closeWhenLeaked(this); // the lambda holds the parameter fd, not this
    }

    /**
     * The FIFO's path, as given when this end was opened.
     *
     * @return the path
     */
    public Path path() {
        return path;
    }

    /**
     * Waits until fd is ready; false once the deadline passed. Channel methods cannot throw
     * InterruptedException: as {@link java.nio.channels.InterruptibleChannel} says, an interrupt closes the
     * end and becomes ClosedByInterruptException (the thread's interrupt status set again).
     */
    final boolean await(boolean forWrite, long deadline, String call) throws IOException {
        try {
            return FdWaiter.await(handle, fd, forWrite, deadline, call) == FdWaiter.READY;
        } catch (InterruptedException e) {
            throw ChannelContract.interrupted(this, e);
        }
    }

    @Override
    public boolean isOpen() {
        return !handle.isClosed();
    }

    /**
     * Closes this end: idempotent and thread-safe; a thread blocked in read or write on it returns with
     * {@link java.nio.channels.AsynchronousCloseException}, later reads and writes throw
     * {@link java.nio.channels.ClosedChannelException}. Does not delete the FIFO.
     */
    @Override
    public void close() {
        handle.close();
    }

    @Override
    public String toString() {
        return handle.description() + (isOpen() ? "" : " closed");
    }
}
