package io.github.ipc4j.internal;

import io.github.ipc4j.IpcClosedException;

import java.io.IOException;

/**
 * Waiting on a pollable descriptor (Unix) in a way that close and interrupt cut short: the shared
 * blocking mechanics of every descriptor-based primitive, over {@link Blocking}.
 *
 * <p>A blocking call is a loop: one non-blocking try in native code; if it would block,
 * {@link #await}; then try again. The deadline lives here, on the monotonic clock, so a signal
 * (EINTR) or a spurious wake neither ends the wait early nor stretches it.
 */
public final class FdWaiter {
    /** await's answers. */
    public static final int READY = 0;
    public static final int TIMED_OUT = 1;

    private FdWaiter() {}

    /**
     * Waits until fd is ready, the deadline passes, the handle is closed or the thread interrupted.
     * Call between handle.enter() and handle.exit().
     *
     * @return READY or TIMED_OUT
     * @throws InterruptedException the thread was interrupted (its flag is cleared, as usual)
     * @throws IpcClosedException the handle was closed by another thread
     */
    public static int await(NativeHandle handle, int fd, boolean forWrite, long deadline, String call)
            throws InterruptedException, IOException {
        if (Blocking.onVirtualThread()) {
            return (int) Offload.run(() -> await(handle, fd, forWrite, deadline, call));
        }
        for (;;) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long timeout = Deadline.remaining(deadline);
            if (timeout == 0) {
                return TIMED_OUT;
            }
            int r;
            CallSlot slot = Blocking.begin(handle);
            try {
                r = NativeUnix.waitFd(fd, forWrite, slot.waker(), timeout);
            } finally {
                Blocking.end(slot);
            }
            if (r == NativeUnix.WAIT_READY) {
                return READY;
            }
            if (r == -Errno.EINTR || r == NativeUnix.WAIT_TIMEOUT) {
                Blocking.afterEintr(handle); // closed or interrupted: throws; else the loop checks the deadline
                continue;
            }
            throw Errors.of(-r, call, handle.description());
        }
    }
}
