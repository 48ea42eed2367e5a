package io.github.ipc4j.sysv;

import io.github.ipc4j.OpenOptions;

import java.util.Objects;

/**
 * How {@link SysvSemaphoreSet#open} opens or creates a set: the open mode and mode bits (from
 * {@link OpenOptions}; default open-existing, 0600), how many semaphores a created set has, and
 * optionally the values it starts with.
 *
 * <p>Not thread-safe: a mutable builder, for one thread; the object opened from it keeps its own copy of what it needs.
 */
public final class SysvSemOptions extends OpenOptions<SysvSemOptions> {
    private int count;
    private int[] initialValues;

    private SysvSemOptions() {}

    /**
     * New options: open an existing set of any size; a created one gets mode 0600.
     *
     * @return the options
     */
    public static SysvSemOptions options() {
        return new SysvSemOptions();
    }

    @Override
    protected SysvSemOptions self() {
        return this;
    }

    /**
     * How many semaphores a created set has: 1 to SEMMSL (/proc/sys/kernel/sem). Opening an existing set
     * with a count fails unless it has at least that many; without one (0, the default) any size is taken.
     *
     * @param count the number of semaphores
     * @return these options
     * @throws IllegalArgumentException count is outside 1 to 65535
     */
    public SysvSemOptions count(int count) {
        if (count < 1 || count > 65535) {
            throw new IllegalArgumentException("count must be from 1 to SEMMSL (at most 65535), was " + count);
        }
        this.count = count;
        return this;
    }

    /**
     * The values a set this open creates starts with, one per semaphore (the count, if not given, is
     * their number), each 0 to 32767 (SEMVMX). The open sets them (SETALL) and then performs a no-op
     * operation, so that the set's last-operation time is no longer 0: the sign, for processes that open
     * the set, that it is ready ({@link SysvSemaphoreSet#awaitInitialized}). An existing set is not
     * changed.
     *
     * @param values one value per semaphore
     * @return these options
     * @throws IllegalArgumentException no values, too many, or one outside 0 to SEMVMX
     */
    public SysvSemOptions initialValues(int... values) {
        Objects.requireNonNull(values, "initialValues must not be null");
        if (values.length == 0 || values.length > 65535) {
            throw new IllegalArgumentException("initialValues needs one value per semaphore, 1 to SEMMSL of them; was "
                    + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            SysvSemaphoreSet.checkValue(values[i], "initialValues[" + i + "]");
        }
        this.initialValues = values.clone();
        return this;
    }

    /**
     * The count asked for, or 0.
     *
     * @return the count, or 0
     */
    public int count() {
        return count;
    }

    /**
     * The initial values asked for, or null.
     *
     * @return the values, or null
     */
    public int[] initialValues() {
        return initialValues == null ? null : initialValues.clone();
    }
}
