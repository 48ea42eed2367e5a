package io.github.ipc4j.pipe;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.internal.FdWaiter;
import io.github.ipc4j.internal.Interrupts;
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
        this.handle = new NativeHandle("FIFO " + path + " (" + end + ")", () -> NativeFifo.close(fd));
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
     * InterruptedException: an interrupt becomes InterruptedIOException (flag set again, end still open).
     */
    final boolean await(boolean forWrite, long deadline, String call) throws IOException {
        try {
            return FdWaiter.await(handle, fd, forWrite, deadline, call) == FdWaiter.READY;
        } catch (InterruptedException e) {
            throw Interrupts.asIoException(e, call + " on " + handle.description() + " was interrupted; it stays open");
        }
    }

    @Override
    public boolean isOpen() {
        return !handle.isClosed();
    }

    /** Closes this end; idempotent; a thread blocked on it returns with {@link IpcClosedException}. */
    @Override
    public void close() {
        handle.close();
    }

    @Override
    public String toString() {
        return handle.description() + (isOpen() ? "" : " closed");
    }
}
