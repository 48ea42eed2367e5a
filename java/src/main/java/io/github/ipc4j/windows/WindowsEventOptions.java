package io.github.ipc4j.windows;

/**
 * How to open a {@link WindowsEvent}. Defaults: open an existing event; a created one is auto-reset and
 * starts unset.
 *
 * <p>Not thread-safe: a mutable builder, for one thread; the object opened from it keeps its own copy of what it needs.
 */
public final class WindowsEventOptions extends WindowsObjectOptions<WindowsEventOptions> {
    private boolean manualReset;
    private boolean initiallySet;

    private WindowsEventOptions() {
        // made by options()
    }

    /**
     * New options: open an existing event; a created one is auto-reset, not set, current user only.
     *
     * @return the options
     */
    public static WindowsEventOptions options() {
        return new WindowsEventOptions();
    }

    @Override
    protected WindowsEventOptions self() {
        return this;
    }

    /**
     * A created event stays set until reset, releasing every waiter (manual reset), rather than letting one
     * waiter through per set (auto reset, the default).
     *
     * @param manualReset true for manual reset, false for auto reset
     * @return these options
     */
    public WindowsEventOptions manualReset(boolean manualReset) {
        this.manualReset = manualReset;
        return this;
    }

    /**
     * A created event starts set.
     *
     * @param initiallySet true: the created event starts set
     * @return these options
     */
    public WindowsEventOptions initiallySet(boolean initiallySet) {
        this.initiallySet = initiallySet;
        return this;
    }

    /**
     * Whether a created event is manual-reset.
     *
     * @return true for manual reset, false for auto reset
     */
    public boolean manualReset() {
        return manualReset;
    }

    /**
     * Whether a created event starts set.
     *
     * @return true when it starts set
     */
    public boolean initiallySet() {
        return initiallySet;
    }
}
