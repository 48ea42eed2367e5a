package io.github.ipc4j;

import java.util.Objects;

/**
 * What every named object's open takes: the open mode, the permission bits given to a created object,
 * and the checks an opener can demand of an object that already exists. Each primitive's options
 * extend this with their own settings.
 *
 * <p>Defaults are the secure ones: {@link OpenMode#OPEN_EXISTING}, mode {@code 0600} applied exactly
 * whatever the process umask, no ownership check.
 */
public abstract class OpenOptions<T extends OpenOptions<T>> {
    /** A created object's default permission bits: read and write for its owner only. */
    public static final int DEFAULT_MODE = 0600;

    private OpenMode openMode = OpenMode.OPEN_EXISTING;
    private int mode = DEFAULT_MODE;
    private boolean requireOwner;
    private int maxMode = 0777;

    protected abstract T self();

    public T openMode(OpenMode openMode) {
        this.openMode = Objects.requireNonNull(openMode, "openMode must not be null");
        return self();
    }

    /** Shorthand for {@code openMode(CREATE_NEW)}. */
    public T createNew() {
        return openMode(OpenMode.CREATE_NEW);
    }

    /** Shorthand for {@code openMode(OPEN_OR_CREATE)}. */
    public T openOrCreate() {
        return openMode(OpenMode.OPEN_OR_CREATE);
    }

    /** Permission bits of a created object, 0 to 0777 (e.g. 0660); set exactly, the umask does not apply. */
    public T mode(int mode) {
        this.mode = checkMode(mode, "mode");
        return self();
    }

    /**
     * Refuse (AccessDeniedException) an existing object that belongs to another user than this process's
     * effective user.
     */
    public T requireOwner() {
        this.requireOwner = true;
        return self();
    }

    /**
     * Refuse (AccessDeniedException) an existing object whose permission bits grant more than maxMode,
     * e.g. maxMode(0600) refuses an object others can read or write.
     */
    public T maxMode(int maxMode) {
        this.maxMode = checkMode(maxMode, "maxMode");
        return self();
    }

    public OpenMode openMode() {
        return openMode;
    }

    public int mode() {
        return mode;
    }

    public boolean ownerRequired() {
        return requireOwner;
    }

    public int maxMode() {
        return maxMode;
    }

    private static int checkMode(int mode, String what) {
        if (mode < 0 || mode > 0777) {
            throw new IllegalArgumentException(what + " must be permission bits from 0 to 0777 (octal), was 0"
                    + Integer.toOctalString(mode) + " (" + mode + ")");
        }
        return mode;
    }
}
