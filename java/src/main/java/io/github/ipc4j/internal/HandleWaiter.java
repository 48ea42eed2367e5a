package io.github.ipc4j.internal;

import io.github.ipc4j.IpcClosedException;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Blocking calls on Windows objects in a way that close and interrupt cut short: the Windows analog of
 * {@link FdWaiter}. It owns the object's "closed" event (manual-reset, set once by close); the calling
 * call brings its {@link CallSlot}'s event (an interrupt sets it). The native call waits on its own I/O, both events and the
 * timeout at once (ipc4j_win_wait.h), and gives up its I/O cleanly when woken, so a call can simply be
 * repeated. The deadline lives here, on the monotonic clock.
 */
public final class HandleWaiter {
    /** One blocking native call; static method references and non-capturing lambdas allocate nothing. */
    @FunctionalInterface
    public interface Call {
        long run(long target, ByteBuffer direct, byte[] array, int offset, int length, long closedEvent,
                 long wakeEvent, long timeoutNanos);
    }

    private final long closedEvent;

    public HandleWaiter() throws IOException {
        long e = NativeWindows.eventCreate(true);
        if (e < 0) {
            throw WinErrors.of((int) -e, "CreateEvent", null);
        }
        closedEvent = e;
    }

    /**
     * The lifecycle of an object waited on here: closing it wakes its blocked threads; the last call out
     * runs releaseObject, then frees this waiter's event.
     */
    public NativeHandle newHandle(String description, Runnable releaseObject) {
        return new NativeHandle(description, new NativeHandle.Resource() {
            @Override
            public void wakeBlocked() {
                signalClosed();
            }

            @Override
            public void release() {
                releaseObject.run();
                HandleWaiter.this.release();
            }
        });
    }

    /** Wakes every thread blocked here, for good (the event is never reset). */
    public void signalClosed() {
        NativeWindows.eventSet(closedEvent);
    }

    public void release() {
        NativeWindows.eventClose(closedEvent);
    }

    /**
     * Runs call until it ends other than by a wake-up: its result (a value, -error, or
     * {@link NativeWindows#TIMEOUT} once the deadline passed). Call between handle.enter() and handle.exit();
     * handle is null where nothing can close the object yet (a connection being made).
     *
     * @throws InterruptedException the thread was interrupted (its flag is cleared, as usual)
     * @throws IpcClosedException the handle was closed by another thread
     */
    public long call(NativeHandle handle, long deadline, Call call, long target, ByteBuffer direct, byte[] array,
                     int offset, int length) throws InterruptedException, IpcClosedException {
        if (Blocking.onVirtualThread()) {
            try {
                return Offload.run(() -> call(handle, deadline, call, target, direct, array, offset, length));
            } catch (IpcClosedException e) {
                throw e;
            } catch (IOException impossible) {
                throw new AssertionError("a wait throws no other IOException", impossible);
            }
        }
        for (;;) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long timeout = Deadline.remaining(deadline);
            long r;
            CallSlot slot = Blocking.begin(handle);
            try {
                r = call.run(target, direct, array, offset, length, closedEvent, slot.waker(), timeout);
            } finally {
                Blocking.end(slot);
            }
            if (r == NativeWindows.CLOSED) {
                throw handle.closedWhileBlocked();
            }
            if (r != NativeWindows.WOKEN) {
                return r;
            }
            // woken: the loop checks the interrupt flag; a stale wake-up just waits again
        }
    }
}
