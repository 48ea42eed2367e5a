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
    /** Takes a permit, waiting as long as it takes. */
    void acquire() throws InterruptedException, IOException;

    /** Takes a permit if one is free now. */
    boolean tryAcquire() throws IOException;

    /** Takes a permit, waiting at most timeout; false when none came in time. */
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

    /** Adds one permit. */
    void release() throws IOException;

    /** Adds permits (at least 1). */
    void release(int permits) throws IOException;

    /** Whether this open created the semaphore. */
    boolean created();

    /** Closes this handle (not the semaphore): idempotent. */
    @Override
    void close();
}
