package io.github.ipc4j.pipe;

import io.github.ipc4j.internal.Blocking;
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

    /** fd: the end's descriptor, non-blocking; waitFd: a second one in blocking mode (-1: none). */
    FifoEnd(Path path, int fd, int waitFd, String end) {
        this.path = path;
        this.fd = fd;
        this.handle = new NativeHandle("FIFO " + path + " (" + end + ")", () -> {
            NativeFifo.close(fd);
            if (waitFd >= 0) {
                NativeFifo.close(waitFd);
            }
        }).closeWhenLeaked(this); // the lambda holds the parameters, not this
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

    /** After a waiting call's EINTR: returns to try again, or throws as await does (closed, interrupted). */
    final void afterEintr() throws IOException {
        try {
            Blocking.afterEintr(handle);
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
