package io.github.ipc4j.internal;

import io.github.ipc4j.IpcClosedException;

/**
 * The one mechanism that makes every blocking native call interruptible, closable and timed. A call
 * that may block takes a {@link CallSlot} for its duration and passes the slot's waker to native code:
 *
 * <pre>{@code
 * handle.enter();
 * try {
 *     for (;;) {
 *         long r = Blocking.onVirtualThread() ? Offload.run(() -> waitOnce(timeout)) : waitOnce(timeout);
 *         if (r == -Errno.EINTR) { Blocking.afterEintr(handle); continue; } // throws if closed/interrupted
 *         ...
 *     }
 * } finally { handle.exit(); }
 *
 * long waitOnce(long timeout) throws IpcClosedException {
 *     CallSlot slot = Blocking.begin(handle);
 *     try { return NativeX.waitCall(obj, slot.waker(), timeout); } finally { Blocking.end(slot); }
 * }
 * }</pre>
 *
 * From begin to end, Thread.interrupt() and the handle's close() wake the native call (Unix: the
 * blocker's signal makes it return EINTR; Windows: the event ends the wait). On a virtual thread the
 * call is handed to a platform worker ({@link Offload}) so that the carrier stays free; the lambda is
 * made only there, so a platform thread's call allocates nothing.
 */
public final class Blocking {
    private Blocking() {}

    /** Whether a blocking native call must be handed to a worker: the current thread is virtual. */
    public static boolean onVirtualThread() {
        return VirtualThreads.current();
    }

    /**
     * Before the native call (inside handle.enter/exit): from here on, closing the handle or interrupting
     * the thread wakes it. handle may be null where nothing can close the object yet.
     *
     * @throws IpcClosedException the handle was closed before the call could start
     */
    public static CallSlot begin(NativeHandle handle) throws IpcClosedException {
        WakeSignal.check();
        CallSlot slot = CallSlots.take(handle != null ? handle : CallSlots.NO_TARGET);
        slot.beginBlocking();
        // the target is published (by take's CAS) before this read and close() sets its flag before it looks
        // at targets: either we see the close here, or the close sees us and wakes the call
        if (handle != null && handle.isClosed()) {
            end(slot);
            throw handle.closedWhileBlocked();
        }
        return slot;
    }

    public static void end(CallSlot slot) {
        slot.endBlocking();
        CallSlots.give(slot);
    }

    /**
     * After the native call failed with EINTR: throws if the object was closed or the thread interrupted;
     * returns when the caller should simply try again (a stray signal, a late wake, or its deadline).
     */
    public static void afterEintr(NativeHandle handle) throws InterruptedException, IpcClosedException {
        if (handle != null && handle.isClosed()) {
            throw handle.closedWhileBlocked();
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /**
     * Wakes every call blocked on target: what its close does, and what a handle whose object is gone does so that
     * its waiters learn it. Does not wait for them to leave.
     */
    public static void wakeAll(NativeHandle target) {
        for (CallSlot slot : CallSlots.all()) {
            if (slot.target == target) {
                slot.wakeup();
            }
        }
    }
}
