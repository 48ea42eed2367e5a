package io.github.ipc4j.posix;

import io.github.ipc4j.Access;
import io.github.ipc4j.OpenOptions;

import java.util.Objects;

/**
 * How to open a {@link PosixSharedMemory}. Defaults: open an existing object, map it read-write.
 * Creating needs a {@link #size}; opening an existing object with a size set checks that it has at least
 * that many bytes (so a peer's empty or short object under the name is refused, not mapped).
 */
public final class PosixShmOptions extends OpenOptions<PosixShmOptions> {
    private Access access = Access.READ_WRITE;
    private long size;

    public static PosixShmOptions options() {
        return new PosixShmOptions();
    }

    @Override
    protected PosixShmOptions self() {
        return this;
    }

    /** READ_WRITE (default) or READ_ONLY; a read-only mapping hands out read-only views only. */
    public PosixShmOptions access(Access access) {
        Objects.requireNonNull(access, "access must not be null");
        if (access == Access.WRITE_ONLY) {
            throw new IllegalArgumentException("shared memory cannot be mapped write-only: use READ_ONLY or "
                    + "READ_WRITE");
        }
        this.access = access;
        return this;
    }

    /** Size in bytes of a created object (reserved at once), or the least an existing one must have. */
    public PosixShmOptions size(long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be at least 1 byte, was " + size);
        }
        this.size = size;
        return this;
    }

    public Access access() {
        return access;
    }

    /** The requested size, or 0 when none was set. */
    public long size() {
        return size;
    }
}
