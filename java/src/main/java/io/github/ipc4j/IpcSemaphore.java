package io.github.ipc4j;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A named counting semaphore of the OS, shaped like {@link java.util.concurrent.Semaphore}: what
 * {@link io.github.ipc4j.posix.PosixSemaphore} and {@link io.github.ipc4j.windows.WindowsSemaphore} share,
 * and what {@link io.github.ipc4j.portable.NamedSemaphore} is built on. Blocking acquires throw
 * InterruptedException when the thread is interrupted and IpcClosedException when another thread closes
 * the semaphore, taking nothing.
 *
 * <p>Implementations are thread-safe: any number of threads may acquire and release through one object.
 */
public interface IpcSemaphore extends AutoCloseable {
    /**
     * Takes a permit, waiting as long as it takes.
     *
     * @throws InterruptedException the thread was interrupted while it waited (nothing was taken)
     * @throws IOException the OS call failed, or the semaphore was closed ({@link IpcClosedException}, also while waiting)
     */
    void acquire() throws InterruptedException, IOException;

    /**
     * Takes a permit if one is free now.
     *
     * @return true when a permit was taken
     * @throws IOException the OS call failed, or the semaphore was closed ({@link IpcClosedException})
     */
    boolean tryAcquire() throws IOException;

    /**
     * Takes a permit, waiting at most timeout.
     *
     * @param timeout how long to wait at most
     * @return true when a permit was taken, false when none came in time
     * @throws InterruptedException the thread was interrupted while it waited (nothing was taken)
     * @throws IOException the OS call failed, or the semaphore was closed ({@link IpcClosedException}, also while waiting)
     */
    boolean tryAcquire(Duration timeout) throws InterruptedException, IOException;

    /**
     * Takes a permit, waiting at most timeout units; a negative timeout means zero.
     *
     * @param timeout the longest wait, in units
     * @param unit the unit of timeout
     * @return true if a permit was taken, false when none came in time
     * @throws InterruptedException the thread was interrupted while waiting; nothing was taken
     * @throws IOException the OS refused
     */
    boolean tryAcquire(long timeout, TimeUnit unit) throws InterruptedException, IOException;

    /**
     * Adds one permit.
     *
     * @throws IOException the OS refused (the count would pass its maximum, for one)
     */
    void release() throws IOException;

    /**
     * Adds permits.
     *
     * @param permits how many, at least 1
     * @throws IllegalArgumentException permits is below 1
     * @throws IOException past the most permits the semaphore holds (nothing added), another OS failure, or
     *         the semaphore was closed ({@link IpcClosedException})
     */
    void release(int permits) throws IOException;

    /**
     * Whether this open created the semaphore.
     *
     * @return true when it created it, false when it opened an existing one
     */
    boolean created();

    /** Closes this handle (not the semaphore): idempotent. */
    @Override
    void close();
}
