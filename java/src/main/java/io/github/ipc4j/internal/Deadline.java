package io.github.ipc4j.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Deadlines on the monotonic clock (System.nanoTime), as primitive longs so waits allocate nothing. The one
 * place where a caller's timeout, a {@link Duration} or a {@code (long, TimeUnit)} pair, becomes a deadline:
 * a negative timeout means zero (try once), as {@link java.util.concurrent.BlockingQueue#poll(long, TimeUnit)}
 * treats it; a null Duration or unit is a NullPointerException naming it.
 */
public final class Deadline {
    /** No deadline: wait until done. */
    public static final long NONE = Long.MAX_VALUE;
    /** Already passed: try once. */
    public static final long NOW = Long.MIN_VALUE;

    private Deadline() {}

    /** The deadline timeout from now: NOW for zero or negative, NONE for one too long to represent. */
    public static long after(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            return NOW;
        }
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return NONE;
        }
        return afterNanos(nanos);
    }

    /** The deadline timeout units from now: NOW for zero or negative, NONE for one too long to represent. */
    public static long after(long timeout, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit must not be null");
        if (timeout <= 0) {
            return NOW;
        }
        return afterNanos(unit.toNanos(timeout)); // saturates at Long.MAX_VALUE
    }

    /** The timeout in nanoseconds as a wait takes it: 0 for zero or negative, saturated at Long.MAX_VALUE. */
    public static long nanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** The timeout in nanoseconds as a wait takes it: 0 for zero or negative, saturated at Long.MAX_VALUE. */
    public static long nanos(long timeout, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit must not be null");
        return timeout <= 0 ? 0 : unit.toNanos(timeout);
    }

    private static long afterNanos(long nanos) {
        if (nanos == Long.MAX_VALUE) {
            return NONE;
        }
        long now = System.nanoTime();
        long deadline = now + nanos;
        // overflow (more than ~292 years from now) means "never"
        return deadline - now < 0 ? NONE : deadline;
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
