package io.github.ipc4j.windows;

import io.github.ipc4j.internal.WinObject;

import java.io.IOException;

/**
 * What the Windows named synchronisation objects ({@link WindowsSemaphore}, {@link WindowsMutex},
 * {@link WindowsEvent}) share: a name, whether this open created the object, its security, and closing.
 * Closing a handle does not destroy the object while another handle (in any process) has it open;
 * Windows objects have no unlink.
 *
 * <p>Thread-safe: every subclass may be used from any number of threads at once; close from any thread.
 */
public abstract class WindowsKernelObject implements AutoCloseable {
    final WinObject object;

    WindowsKernelObject(WinObject object) {
        this.object = object;
    }

    /**
     * The name the object was opened with.
     *
     * @return the name
     */
    public String name() {
        return object.name();
    }

    /**
     * Whether this open created the object.
     *
     * @return true when it created it, false when it opened an existing one
     */
    public boolean created() {
        return object.created();
    }

    /**
     * Whether the object's DACL admits the current user only (the default for a created object).
     *
     * @return true when only the current user is admitted
     * @throws IOException Windows refused to read the security descriptor, or the object was closed
     */
    public boolean isCurrentUserOnly() throws IOException {
        return object.onlyCurrentUser();
    }

    /**
     * Whether this handle was closed.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return object.isClosed();
    }

    /** Closes this handle: idempotent; threads waiting on it return with IpcClosedException. */
    @Override
    public void close() {
        object.close();
    }

    @Override
    public String toString() {
        return object.description() + (isClosed() ? " (closed)" : "");
    }
}
