package io.github.ipc4j.portable;

import io.github.ipc4j.Access;
import io.github.ipc4j.OpenModeOptions;
import io.github.ipc4j.SharedMemoryOptions;

/**
 * How to open {@link NamedSharedMemory}: the open mode, requireOwner, the mapping's access (READ_WRITE by
 * default) and the size (needed to create; when opening, the least the object must have). Objects are
 * created for the current user only on every OS (mode 0600; a DACL for the current user on Windows).
 *
 * <p>Not thread-safe: a mutable builder, for one thread; the object opened from it keeps its own copy of what it needs.
 */
public final class NamedShmOptions extends OpenModeOptions<NamedShmOptions> {
    private Access access = Access.READ_WRITE;
    private long size;

    private NamedShmOptions() {
        // made by options()
    }

    /**
     * New options: open an existing object, read-write.
     *
     * @return the options
     */
    public static NamedShmOptions options() {
        return new NamedShmOptions();
    }

    @Override
    protected NamedShmOptions self() {
        return this;
    }

    /**
     * READ_WRITE (default) or READ_ONLY.
     *
     * @param access how this process maps the object
     * @return these options
     */
    public NamedShmOptions access(Access access) {
        this.access = SharedMemoryOptions.requireMappable(access);
        return this;
    }

    /**
     * Size in bytes of a created object, or the least an existing one must have.
     *
     * @param size the size in bytes
     * @return these options
     */
    public NamedShmOptions size(long size) {
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
     * The size a created object gets, or the least an existing one must have.
     *
     * @return the size in bytes; 0 when not set
     */
    public long size() {
        return size;
    }
}
