package io.github.ipc4j;

import java.io.IOException;

/**
 * The object was closed: either before the call (use after close), or by another thread while this
 * one was blocked in it ({@link #closedWhileBlocked()}).
 */
public class IpcClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean closedWhileBlocked;

    public IpcClosedException(String objectDescription, boolean closedWhileBlocked) {
        super(objectDescription + (closedWhileBlocked ? " was closed by another thread while this one was blocked on it"
                : " is closed"));
        this.closedWhileBlocked = closedWhileBlocked;
    }

    /** True when another thread closed the object while this thread was blocked on it. */
    public boolean closedWhileBlocked() {
        return closedWhileBlocked;
    }
}
