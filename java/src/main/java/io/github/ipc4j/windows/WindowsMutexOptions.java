package io.github.ipc4j.windows;

/**
 * How to open a {@link WindowsMutex}: see {@link WindowsObjectOptions} (defaults: open an existing mutex).
 *
 * <p>Not thread-safe: a mutable builder, for one thread.
 */
public final class WindowsMutexOptions extends WindowsObjectOptions<WindowsMutexOptions> {
    private WindowsMutexOptions() {
        // made by options()
    }

    /**
     * New options: open an existing mutex; a created one admits the current user only.
     *
     * @return the options
     */
    public static WindowsMutexOptions options() {
        return new WindowsMutexOptions();
    }

    @Override
    protected WindowsMutexOptions self() {
        return this;
    }
}
