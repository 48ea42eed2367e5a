package io.github.ipc4j.windows;

/**
 * How to open a {@link WindowsSemaphore}. Defaults: open an existing semaphore; a created one starts with 0
 * permits and holds at most {@link #MAX_PERMITS}.
 *
 * <p>Not thread-safe: a mutable builder, for one thread; the object opened from it keeps its own copy of what it needs.
 */
public final class WindowsSemaphoreOptions extends WindowsObjectOptions<WindowsSemaphoreOptions> {
    private WindowsSemaphoreOptions() {
        // made by options()
    }

    /** The most permits a Windows semaphore can hold (a LONG). */
    public static final int MAX_PERMITS = Integer.MAX_VALUE;

    private int initialPermits;
    private int maxPermits = MAX_PERMITS;

    /**
     * New options: open an existing semaphore; a created one starts with 0 permits, holds at most
     * {@link #MAX_PERMITS} and admits the current user only.
     *
     * @return the options
     */
    public static WindowsSemaphoreOptions options() {
        return new WindowsSemaphoreOptions();
    }

    @Override
    protected WindowsSemaphoreOptions self() {
        return this;
    }

    /**
     * Permits of a created semaphore: 0 to maxPermits.
     *
     * @param initialPermits the permits a created semaphore starts with
     * @return these options
     */
    public WindowsSemaphoreOptions initialPermits(int initialPermits) {
        if (initialPermits < 0) {
            throw new IllegalArgumentException("initialPermits must be 0 or more, was " + initialPermits);
        }
        this.initialPermits = initialPermits;
        return this;
    }

    /**
     * The most permits a created semaphore holds (a release past it fails): 1 to MAX_PERMITS.
     *
     * @param maxPermits the most permits
     * @return these options
     */
    public WindowsSemaphoreOptions maxPermits(int maxPermits) {
        if (maxPermits < 1) {
            throw new IllegalArgumentException("maxPermits must be at least 1, was " + maxPermits);
        }
        this.maxPermits = maxPermits;
        return this;
    }

    /**
     * The permits a created semaphore starts with.
     *
     * @return the initial permits
     */
    public int initialPermits() {
        return initialPermits;
    }

    /**
     * The most permits a created semaphore holds.
     *
     * @return the maximum
     */
    public int maxPermits() {
        return maxPermits;
    }
}
