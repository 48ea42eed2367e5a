package io.github.ipc4j.internal;

/**
 * The means of waking one blocking native call: lent by {@link CallSlots} to a call for its duration,
 * never tied to a thread. It holds a native waker (Unix: a blocker, ipc4j_blocker.h; Windows: an
 * auto-reset event) and the object the call is blocked on, which close() looks for. As an
 * {@link InterruptHook} it is also what Thread.interrupt() reaches while the call is in progress.
 *
 * <p>A wake that arrives late, after the call ended and the slot went to another call, costs that
 * call one spurious wake-up, which every blocking loop treats as "check and try again".
 */
public final class CallSlot extends InterruptHook {
    private static final boolean WINDOWS = PlatformId.current().isWindows();

    private final long waker;
    /**
     * {@link CallSlots#FREE} while not lent; else the object the current call is blocked on ({@link
     * CallSlots#NO_TARGET} when nothing can close it yet). Set by the CAS that lends the slot, so taking a
     * slot and publishing what it waits on is one atomic step (close() reads it after setting its flag).
     */
    volatile Object target = CallSlots.FREE;

    CallSlot() {
        this.waker = WINDOWS ? createEvent() : createBlocker();
    }

    private static long createBlocker() {
        long b = NativeUnix.blockerCreate();
        if (b < 0) {
            throw new IllegalStateException("ipc4j: cannot create a blocker: " + Errno.name((int) -b));
        }
        return b;
    }

    private static long createEvent() {
        long e = NativeWindows.eventCreate(false);
        if (e < 0) {
            throw new IllegalStateException("ipc4j: cannot create a wake event: " + WinErrors.name((int) -e));
        }
        return e;
    }

    /** What the native call takes to be woken through: the blocker's address, or the event's handle. */
    public long waker() {
        return waker;
    }

    @Override
    protected void wake() {
        if (WINDOWS) {
            NativeWindows.eventSet(waker);
        } else if (NativeUnix.blockerWake(waker) != 0) {
            WakeSignal.reportUndeliverable();
        }
    }
}
