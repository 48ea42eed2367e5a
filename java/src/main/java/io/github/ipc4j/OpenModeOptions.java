package io.github.ipc4j;

import java.util.Objects;

/**
 * What opening any named object takes on every OS: the open mode and whether an existing object must belong
 * to this process's user. {@link OpenOptions} (Unix objects: permission bits) and
 * {@link io.github.ipc4j.windows.WindowsObjectOptions} (Windows objects: security descriptors) extend it.
 * Defaults: {@link OpenMode#OPEN_EXISTING}, no ownership check.
 *
 * <p>Not thread-safe: a mutable builder, for one thread; the object opened from it keeps its own copy of what it needs.
 *
 * @param <T> the concrete options class, which each setter returns for chaining
 */
public abstract class OpenModeOptions<T extends OpenModeOptions<T>> {
    private OpenMode openMode = OpenMode.OPEN_EXISTING;
    private boolean requireOwner;

    /** For ipc4j's own options classes, which extend this one. */
    protected OpenModeOptions() {
    }

    /**
     * This object as its own type, for chained calls.
     *
     * @return this
     */
    protected abstract T self();

    /**
     * Whether to create the object, open an existing one, or either (default: OPEN_EXISTING).
     *
     * @param openMode the open mode
     * @return these options
     */
    public T openMode(OpenMode openMode) {
        this.openMode = Objects.requireNonNull(openMode, "openMode must not be null");
        return self();
    }

    /**
     * Shorthand for {@code openMode(CREATE_NEW)}.
     *
     * @return these options
     */
    public T createNew() {
        return openMode(OpenMode.CREATE_NEW);
    }

    /**
     * Shorthand for {@code openMode(OPEN_OR_CREATE)}.
     *
     * @return these options
     */
    public T openOrCreate() {
        return openMode(OpenMode.OPEN_OR_CREATE);
    }

    /**
     * Refuse (AccessDeniedException) an existing object that belongs to another user than this process's
     * (the effective uid on Unix; on Windows the user, or for an elevated process the Administrators group
     * its token makes owner of new objects).
     *
     * @return these options
     */
    public T requireOwner() {
        this.requireOwner = true;
        return self();
    }

    /**
     * The open mode.
     *
     * @return CREATE_NEW, OPEN_EXISTING or OPEN_OR_CREATE
     */
    public OpenMode openMode() {
        return openMode;
    }

    /**
     * Whether {@link #requireOwner()} was asked for.
     *
     * @return true when an existing object of another user is refused
     */
    public boolean ownerRequired() {
        return requireOwner;
    }
}
