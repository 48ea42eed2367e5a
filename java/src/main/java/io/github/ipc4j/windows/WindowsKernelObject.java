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

    public String name() {
        return object.name();
    }

    /** Whether this open created the object. */
    public boolean created() {
        return object.created();
    }

    /** Whether the object's DACL admits the current user only (the default for a created object). */
    public boolean isCurrentUserOnly() throws IOException {
        return object.onlyCurrentUser();
    }

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
