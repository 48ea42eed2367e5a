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
     */
    public WindowsEventOptions manualReset(boolean manualReset) {
        this.manualReset = manualReset;
        return this;
    }

    /** A created event starts set. */
    public WindowsEventOptions initiallySet(boolean initiallySet) {
        this.initiallySet = initiallySet;
        return this;
    }

    public boolean manualReset() {
        return manualReset;
    }

    public boolean initiallySet() {
        return initiallySet;
    }
}
