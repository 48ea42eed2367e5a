package io.github.ipc4j.windows;

import io.github.ipc4j.Access;
import io.github.ipc4j.SharedMemoryOptions;

/**
 * How to open a {@link WindowsSharedMemory}: see {@link WindowsObjectOptions}, plus the mapping's access
 * (READ_WRITE by default, or READ_ONLY) and size. Creating needs a size; opening an existing mapping with a
 * size set checks that it has at least that many bytes.
 *
 * <p>Not thread-safe: a mutable builder, for one thread; the object opened from it keeps its own copy of what it needs.
 */
public final class WindowsShmOptions extends WindowsObjectOptions<WindowsShmOptions> {
    private Access access = Access.READ_WRITE;
    private long size;

    private WindowsShmOptions() {
        // made by options()
    }

    /**
     * New options: open an existing mapping read-write; a created one admits the current user only.
     *
     * @return the options
     */
    public static WindowsShmOptions options() {
        return new WindowsShmOptions();
    }

    @Override
    protected WindowsShmOptions self() {
        return this;
    }

    /**
     * READ_WRITE (default) or READ_ONLY; a read-only mapping hands out read-only views only.
     *
     * @param access how this process maps the object
     * @return these options
     */
    public WindowsShmOptions access(Access access) {
        this.access = SharedMemoryOptions.requireMappable(access);
        return this;
    }

    /**
     * Size in bytes of a created mapping, or the least an existing one must have.
     *
     * @param size the size in bytes
     * @return these options
     */
    public WindowsShmOptions size(long size) {
        this.size = SharedMemoryOptions.requireSize(size);
        return this;
    }

    /**
     * How this process maps the object.
     *
     * @return the access
     */
    public Access access() {
        return access;
    }

    /**
     * The requested size.
     *
     * @return the size in bytes, or 0 when none was set
     */
    public long size() {
        return size;
    }
}
