package io.github.ipc4j.internal;

import java.time.Duration;
import java.util.Objects;

/** Deadlines on the monotonic clock (System.nanoTime), as primitive longs so waits allocate nothing. */
public final class Deadline {
    /** No deadline: wait until done. */
    public static final long NONE = Long.MAX_VALUE;
    /** Already passed: try once. */
    public static final long NOW = Long.MIN_VALUE;

    private Deadline() {}

    /** The deadline `timeout` from now; rejects null and negative timeouts; saturates huge ones to NONE. */
    public static long after(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        if (timeout.isZero()) {
            return NOW;
        }
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return NONE;
        }
        long now = System.nanoTime();
        long deadline = now + nanos;
        // overflow (more than ~292 years from now) means "never"
        return deadline - now < 0 || nanos == Long.MAX_VALUE ? NONE : deadline;
    }

    /** Nanoseconds left until deadline: -1 for NONE, 0 once passed. */
    public static long remaining(long deadline) {
        if (deadline == NONE) {
            return -1;
        }
        if (deadline == NOW) {
            return 0;
        }
        return Math.max(0, deadline - System.nanoTime());
    }
}
