package io.github.ipc4j;

/**
 * The object was closed: either before the call (use after close), or by another thread while this one was
 * blocked in it ({@link #closedWhileBlocked()}). Every ipc4j object fails this way after {@link
 * AutoCloseable#close()}, from every method, before any call reaches the OS: the queues, semaphores, locks,
 * channels and shared memory alike. (The channels that implement {@link java.nio.channels.ReadableByteChannel}
 * or {@link java.nio.channels.WritableByteChannel} keep the NIO contract in their read and write methods
 * instead, as their documentation says.)
 *
 * <p>Unchecked, an {@link IllegalStateException}: using an object after closing it is a mistake in the
 * program, as it is for the JDK's own closed objects, and shared memory's views and atomics, which declare no
 * checked exception, fail the same way as the blocking calls.
 */
public class IpcClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Whether another thread closed the object while this one was blocked on it. */
    private final boolean closedWhileBlocked;

    /**
     * An exception for an object found closed.
     *
     * @param objectDescription the object, e.g. "POSIX message queue /orders"
     * @param closedWhileBlocked true when another thread closed it while this one was blocked on it
     */
    public IpcClosedException(String objectDescription, boolean closedWhileBlocked) {
        super(objectDescription + (closedWhileBlocked ? " was closed by another thread while this one was blocked on it"
                : " is closed"));
        this.closedWhileBlocked = closedWhileBlocked;
    }

    /**
     * Whether another thread closed the object while this thread was blocked on it.
     *
     * @return true for a close while blocked, false for use after close
     */
    public boolean closedWhileBlocked() {
        return closedWhileBlocked;
    }
}
