package io.github.ipc4j.internal;

/**
 * Whether a call that may wait should first try without waiting. A try that succeeds skips the
 * blocking machinery (the interrupt hook, the blocker: some 50 ns) and costs only the OS call; a try that
 * fails costs one OS call for nothing (a System V send of 8 KiB copies the message into the kernel and out
 * again before it says EAGAIN: microseconds). So a try pays only where it nearly always succeeds: after a
 * failed try the next {@value #SKIP_AFTER_WAIT} calls go straight to the blocking call, and only then is a
 * try made again. An uncontended object pays for the machinery that many times after it last had to wait
 * (tens of microseconds, once); an exchange or a stream that keeps a queue full pays one failed try in that
 * many calls.
 *
 * <p>Measured (bench LayerCosts, System V queue, 8 KiB one-way between two JVMs on one CPU): with a try
 * again after 16 calls the sender was switched out 0.69-0.78 times per message and sent 93-110 thousand
 * messages/s; with no try at all 0.45-0.61 times and 114-120 thousand, as the bare system call. Failed tries
 * cost more than their own system call there: they change when the scheduler preempts the sender.
 *
 * <p>One per object. Unsynchronized by design: a stale count costs one try or one machinery round, never
 * a wrong result.
 */
public final class WaitPredictor {
    static final int SKIP_AFTER_WAIT = 1024;
    private int skip;

    /** Whether to try without waiting first. */
    public boolean tryFirst() {
        int s = skip;
        if (s == 0) {
            return true;
        }
        skip = s - 1;
        return false;
    }

    /** The try found nothing: go straight to waiting for a while. */
    public void tryFailed() {
        skip = SKIP_AFTER_WAIT;
    }
}
