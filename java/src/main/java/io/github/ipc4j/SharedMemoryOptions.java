package io.github.ipc4j;

import java.util.Objects;

/**
 * What opening any shared memory takes besides {@link OpenOptions}: read-only or read-write mapping, and
 * the size. Creating needs a size; opening an existing object with a size set checks that it has at least
 * that many bytes (so a peer's empty or short object is refused, not mapped).
 *
 * <p>Not thread-safe: a mutable builder, for one thread; the object opened from it keeps its own copy of what it needs.
 *
 * @param <T> the concrete options class, which each setter returns for chaining
 */
public abstract class SharedMemoryOptions<T extends SharedMemoryOptions<T>> extends OpenOptions<T> {
    private Access access = Access.READ_WRITE;
    private long size;

    /** For ipc4j's own options classes, which extend this one. */
    protected SharedMemoryOptions() {
    }

    /**
     * READ_WRITE (default) or READ_ONLY; a read-only mapping hands out read-only views only.
     *
     * @param access how this process maps the object
     * @return these options
     * @throws IllegalArgumentException WRITE_ONLY (memory cannot be mapped write-only)
     */
    public T access(Access access) {
        this.access = requireMappable(access);
        return self();
    }

    /**
     * Checks that memory can be mapped with access: READ_ONLY or READ_WRITE.
     *
     * @param access the access to check
     * @return access
     * @throws IllegalArgumentException WRITE_ONLY
     */
    public static Access requireMappable(Access access) {
        Objects.requireNonNull(access, "access must not be null");
        if (access == Access.WRITE_ONLY) {
            throw new IllegalArgumentException("shared memory cannot be mapped write-only: use READ_ONLY or "
                    + "READ_WRITE");
        }
        return access;
    }

    /**
     * Size in bytes of a created object, or the least an existing one must have.
     *
     * @param size the size in bytes, at least 1
     * @return these options
     * @throws IllegalArgumentException size is below 1
     */
    public T size(long size) {
        this.size = requireSize(size);
        return self();
    }

    /**
     * Checks a shared memory size: at least 1 byte.
     *
     * @param size the size to check
     * @return size
     * @throws IllegalArgumentException size is below 1
     */
    public static long requireSize(long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be at least 1 byte, was " + size);
        }
        return size;
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
     * The requested size, or 0 when none was set.
     *
     * @return the size in bytes, or 0
     */
    public long size() {
        return size;
    }
}
