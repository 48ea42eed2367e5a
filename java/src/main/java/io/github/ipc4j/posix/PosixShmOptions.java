package io.github.ipc4j.posix;

import io.github.ipc4j.SharedMemoryOptions;

/**
 * How to open a {@link PosixSharedMemory}. Defaults: open an existing object, map it read-write. A created
 * object's size is reserved at once.
 *
 * <p>Not thread-safe: a mutable builder, for one thread; the object opened from it keeps its own copy of what it needs.
 */
public final class PosixShmOptions extends SharedMemoryOptions<PosixShmOptions> {
    private PosixShmOptions() {
        // made by options()
    }

    /**
     * New options: open an existing object, map it read-write; a created one gets mode 0600.
     *
     * @return the options
     */
    public static PosixShmOptions options() {
        return new PosixShmOptions();
    }

    @Override
    protected PosixShmOptions self() {
        return this;
    }
}
