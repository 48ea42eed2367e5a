package io.github.ipc4j.pipe;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.internal.Blocking;
import io.github.ipc4j.internal.CallSlot;
import io.github.ipc4j.internal.FdWaiter;
import io.github.ipc4j.internal.ChannelContract;
import io.github.ipc4j.internal.NativeFifo;
import io.github.ipc4j.internal.NativeHandle;
import io.github.ipc4j.internal.Offload;
import io.github.ipc4j.internal.WaitPredictor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.file.Path;

/** What both ends of a FIFO share: the descriptor's lifecycle and the interruptible, closeable wait. */
abstract class FifoEnd implements Channel {
    final Path path;
    /** The end's descriptor, non-blocking: tries, polls and timed calls. */
    final int fd;
    /**
     * A second description of the FIFO in blocking mode (-1: none), for calls that wait inside read(2) or
     * write(2) (blocking mode belongs to the description: no fcntl between the two).
     */
    final int waitFd;
    /** Whether the next call tries on fd first or waits on waitFd at once. */
    final WaitPredictor predictor = new WaitPredictor();
    final NativeHandle handle;

    /** One read or write made on waitFd inside the call's blocker (a static method: nothing allocated per call). */
    interface WaitingIo {
        int call(int fd, ByteBuffer buffer, int position, int length, long waker);
    }

    FifoEnd(Path path, int fd, int waitFd, String end) {
        this.path = path;
        this.fd = fd;
        this.waitFd = waitFd;
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

    /**
     * A read or write of buffer's length bytes from its position that waits inside the system call, on waitFd:
     * one system call where a try, a poll and a second call made three. Interrupt and close cut it short through
     * the call's blocker. Returns what io returned (-EINTR when woken).
     */
    final int waitInside(WaitingIo io, ByteBuffer buffer, int length) throws IOException {
        try {
            return Blocking.onVirtualThread() ? (int) Offload.run(() -> inBlocker(io, buffer, length))
                    : inBlocker(io, buffer, length);
        } catch (InterruptedException e) {
            throw ChannelContract.interrupted(this, e);
        }
    }

    private int inBlocker(WaitingIo io, ByteBuffer buffer, int length) throws IpcClosedException {
        CallSlot slot = Blocking.begin(handle);
        try {
            return io.call(waitFd, buffer, buffer.position(), length, slot.waker());
        } finally {
            Blocking.end(slot);
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
