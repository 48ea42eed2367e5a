package io.github.ipc4j.internal;

/**
 * Whether a call that may wait should first try without waiting. A try that succeeds skips the
 * blocking machinery (the interrupt hook, the blocker) and costs only the OS call; a try that fails
 * costs one OS call for nothing, which in a request/response exchange, where the answer is never there
 * yet, would be every call. So after a failed try the next calls go straight to the blocking call, and
 * only every {@value #SKIP_AFTER_WAIT}th tries again: an uncontended object pays for the machinery a few
 * times after it last had to wait, an exchange pays one failed try in that many calls.
 *
 * <p>One per object. Unsynchronized by design: a stale count costs one try or one machinery round, never
 * a wrong result.
 */
public final class WaitPredictor {
    static final int SKIP_AFTER_WAIT = 16;
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
