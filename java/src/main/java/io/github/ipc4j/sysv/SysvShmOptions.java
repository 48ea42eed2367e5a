package io.github.ipc4j.sysv;

import io.github.ipc4j.SharedMemoryOptions;

/**
 * How to open a {@link SysvSharedMemory}. Defaults: open an existing segment, attach it read-write
 * (READ_ONLY attaches with SHM_RDONLY). A created segment has 1 to kernel.shmmax bytes.
 *
 * <p>Not thread-safe: a mutable builder, for one thread; the object opened from it keeps its own copy of what it needs.
 */
public final class SysvShmOptions extends SharedMemoryOptions<SysvShmOptions> {
    private SysvShmOptions() {
        // made by options()
    }

    /**
     * New options: open an existing segment read-write; a created one gets mode 0600.
     *
     * @return the options
     */
    public static SysvShmOptions options() {
        return new SysvShmOptions();
    }

    @Override
    protected SysvShmOptions self() {
        return this;
    }
}
