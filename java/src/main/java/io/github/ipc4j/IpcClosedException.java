package io.github.ipc4j;

import java.io.IOException;

/**
 * The object was closed: either before the call (use after close), or by another thread while this
 * one was blocked in it ({@link #closedWhileBlocked()}).
 */
public class IpcClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Whether another thread closed the object while this thread was blocked on it. */
    private final boolean closedWhileBlocked;

    /**
     * The object was closed.
     *
     * @param objectDescription the object, for the message
     * @param closedWhileBlocked true when another thread closed it while this thread was blocked on it
     */
    public IpcClosedException(String objectDescription, boolean closedWhileBlocked) {
        super(objectDescription + (closedWhileBlocked ? " was closed by another thread while this one was blocked on it"
                : " is closed"));
        this.closedWhileBlocked = closedWhileBlocked;
    }

    /**
     * True when another thread closed the object while this thread was blocked on it.
     *
     * @return whether it was closed during the call
     */
    public boolean closedWhileBlocked() {
        return closedWhileBlocked;
    }
}
