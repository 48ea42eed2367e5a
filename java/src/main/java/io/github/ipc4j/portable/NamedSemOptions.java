package io.github.ipc4j.portable;

import io.github.ipc4j.OpenModeOptions;

/**
 * How to open a {@link NamedSemaphore}: the open mode, requireOwner, and the permits of a created semaphore
 * (0 by default). Semaphores are created for the current user only on every OS.
 *
 * <p>Not thread-safe: a mutable builder, for one thread; the object opened from it keeps its own copy of what it needs.
 */
public final class NamedSemOptions extends OpenModeOptions<NamedSemOptions> {
    private int initialPermits;

    private NamedSemOptions() {
        // made by options()
    }

    /**
     * New options: open an existing semaphore; a created one starts with 0 permits.
     *
     * @return the options
     */
    public static NamedSemOptions options() {
        return new NamedSemOptions();
    }

    @Override
    protected NamedSemOptions self() {
        return this;
    }

    /**
     * Permits of a created semaphore: 0 or more (at most 32767 on macOS, SEM_VALUE_MAX there).
     *
     * @param initialPermits the permits a created semaphore starts with
     * @return these options
     * @throws IllegalArgumentException initialPermits is negative
     */
    public NamedSemOptions initialPermits(int initialPermits) {
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
