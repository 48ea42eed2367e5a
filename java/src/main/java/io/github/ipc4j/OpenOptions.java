package io.github.ipc4j;

/**
 * What opening a Unix named object takes: the open mode, the permission bits given to a created object,
 * and the checks an opener can demand of an object that already exists. Each primitive's options
 * extend this with their own settings.
 *
 * <p>Defaults are the secure ones: {@link OpenMode#OPEN_EXISTING}, mode {@code 0600} applied exactly
 * whatever the process umask, no ownership check.
 *
 * <p>Not thread-safe: a mutable builder, for one thread; the object opened from it keeps its own copy of what it needs.
 *
 * @param <T> the concrete options class, which each setter returns for chaining
 */
public abstract class OpenOptions<T extends OpenOptions<T>> extends OpenModeOptions<T> {
    /** For ipc4j's own options classes, which extend this one. */
    protected OpenOptions() {
    }

    /** A created object's default permission bits: read and write for its owner only. */
    public static final int DEFAULT_MODE = 0600;

    private int mode = DEFAULT_MODE;
    private int maxMode = 0777;

    /**
     * Permission bits of a created object, 0 to 0777 (e.g. 0660); set exactly, the umask does not apply.
     *
     * @param mode the permission bits
     * @return these options
     * @throws IllegalArgumentException mode is outside 0 to 0777
     */
    public T mode(int mode) {
        this.mode = checkMode(mode, "mode");
        return self();
    }

    /**
     * Refuse (AccessDeniedException) an existing object whose permission bits grant more than maxMode,
     * e.g. maxMode(0600) refuses an object others can read or write.
     *
     * @param maxMode the most permission bits an existing object may grant
     * @return these options
     * @throws IllegalArgumentException maxMode is outside 0 to 0777
     */
    public T maxMode(int maxMode) {
        this.maxMode = checkMode(maxMode, "maxMode");
        return self();
    }

    /**
     * The permission bits of a created object.
     *
     * @return the mode (0600 unless set)
     */
    public int mode() {
        return mode;
    }

    /**
     * The most an existing object may grant.
     *
     * @return the bits (0777 unless set: no check)
     */
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
