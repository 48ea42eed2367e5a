package io.github.ipc4j.posix;

import io.github.ipc4j.OpenOptions;

/**
 * How to open a {@link PosixSemaphore}. Defaults: open an existing semaphore; a created one starts with
 * 0 permits.
 *
 * <p>Not thread-safe: a mutable builder, for one thread; the object opened from it keeps its own copy of what it needs.
 */
public final class PosixSemOptions extends OpenOptions<PosixSemOptions> {
    private int initialPermits;

    private PosixSemOptions() {
        // made by options()
    }

    /**
     * New options: open an existing semaphore; a created one starts with 0 permits, mode 0600.
     *
     * @return the options
     */
    public static PosixSemOptions options() {
        return new PosixSemOptions();
    }

    @Override
    protected PosixSemOptions self() {
        return this;
    }

    /**
     * Permits of a created semaphore: 0 to {@link PosixSemaphore#maxPermits()}.
     *
     * @param initialPermits the permits a created semaphore starts with
     * @return these options
     */
    public PosixSemOptions initialPermits(int initialPermits) {
        if (initialPermits < 0) {
            throw new IllegalArgumentException("initialPermits must be 0 or more, was " + initialPermits);
        }
        this.initialPermits = initialPermits;
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
}
