package io.github.ipc4j.internal;

import io.github.ipc4j.IpcClosedException;

import java.io.IOException;

/**
 * Waiting on a pollable descriptor (Unix) in a way that close and interrupt cut short: the shared
 * blocking mechanics of every descriptor-based primitive. It owns the object's "closed" wake
 * descriptor; the caller's thread brings its own {@link ThreadWaker}.
 *
 * <p>A blocking call is a loop: one non-blocking try in native code; if it would block,
 * {@link #await}; then try again. The deadline lives here, on the monotonic clock, so a signal
 * (EINTR) or a spurious wake neither ends the wait early nor stretches it.
 */
public final class FdWaiter {
    /** await's answers. */
    public static final int READY = 0;
    public static final int TIMED_OUT = 1;

    private final int closedReadFd;
    private final int closedWriteFd;

    public FdWaiter() throws IOException {
        long fds = NativeUnix.wakeOpen();
        if (fds < 0) {
            int errno = (int) -fds;
            IOException limit = Errors.descriptorLimit(errno, "eventfd", null);
            throw limit != null ? limit : Errors.of(errno, "eventfd", null);
        }
        closedReadFd = (int) fds;
        closedWriteFd = (int) (fds >>> 32);
    }

    /** Wakes every thread waiting here, for good (the descriptor is never drained). */
    public void signalClosed() {
        NativeUnix.wakeSignal(closedWriteFd);
    }

    public void release() {
        NativeUnix.wakeClose(closedReadFd, closedWriteFd);
    }

    /**
     * Waits until fd is ready, the deadline passes, the handle is closed or the thread interrupted.
     * Call between handle.enter() and handle.exit().
     *
     * @return READY or TIMED_OUT
     * @throws InterruptedException the thread was interrupted (its flag is cleared, as usual)
     * @throws IpcClosedException the handle was closed by another thread
     */
    public int await(NativeHandle handle, int fd, boolean forWrite, long deadline, String call)
            throws InterruptedException, IOException {
        ThreadWaker waker = ThreadWaker.current();
        for (;;) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long timeout = Deadline.remaining(deadline);
            if (timeout == 0) {
                return TIMED_OUT;
            }
            int r;
            waker.beginBlocking();
            try {
                r = NativeUnix.waitFd(fd, forWrite, closedReadFd, waker.readFd(), timeout);
            } finally {
                waker.endBlocking();
            }
            switch (r) {
                case NativeUnix.WAIT_READY:
                    return READY;
                case NativeUnix.WAIT_CLOSED:
                    throw handle.closedWhileBlocked();
                case NativeUnix.WAIT_TIMEOUT:
                case NativeUnix.WAIT_WOKEN:
                    continue; // the loop checks the deadline and the interrupt flag
                default:
                    if (r != -Errno.EINTR) {
                        throw Errors.of(-r, call, handle.description());
                    }
            }
        }
    }
}
