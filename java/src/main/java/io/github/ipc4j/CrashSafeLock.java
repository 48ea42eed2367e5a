package io.github.ipc4j;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A lock between processes that tells the next holder when the previous one died holding it
 * ({@link OwnerDiedException}): what {@link RobustLock}, {@link io.github.ipc4j.windows.WindowsMutex} and
 * {@link io.github.ipc4j.portable.NamedLock} share. Such locks belong to the thread that took them and are
 * not reentrant: unlock on another thread, or lock again on the holding thread, is an
 * IllegalMonitorStateException. A waiting lock returns on interrupt (InterruptedException) or close
 * (IpcClosedException), holding nothing.
 *
 * <p>Implementations are thread-safe: any number of threads may lock through one object.
 */
public interface CrashSafeLock {
    /**
     * Takes the lock, waiting as long as it takes.
     *
     * @throws OwnerDiedException taken, but its previous holder died holding it: this thread holds it now
     * @throws InterruptedException the thread was interrupted while it waited (the lock is not held)
     * @throws IOException the OS call failed, or the lock's object was closed ({@link IpcClosedException}, also while waiting)
     */
    void lock() throws OwnerDiedException, InterruptedException, IOException;

    /**
     * Takes the lock if it is free now.
     *
     * @return true when this thread took it
     * @throws OwnerDiedException taken, but its previous holder died holding it: this thread holds it now
     * @throws IOException the OS call failed, or the lock's object was closed ({@link IpcClosedException})
     */
    boolean tryLock() throws OwnerDiedException, IOException;

    /**
     * Takes the lock, waiting at most timeout.
     *
     * @param timeout how long to wait at most
     * @return true when this thread took it, false when it was not free in time
     * @throws OwnerDiedException taken, but its previous holder died holding it: this thread holds it now
     * @throws InterruptedException the thread was interrupted while it waited (the lock is not held)
     * @throws IOException the OS call failed, or the lock's object was closed ({@link IpcClosedException}, also while waiting)
     */
    boolean tryLock(Duration timeout) throws OwnerDiedException, InterruptedException, IOException;

    /**
     * Takes the lock, waiting at most timeout units; a negative timeout means zero.
     *
     * @param timeout the longest wait, in units
     * @param unit the unit of timeout
     * @return true if the lock was taken, false when it was not free in time
     * @throws OwnerDiedException the lock was taken, but its previous holder died holding it
     * @throws InterruptedException the thread was interrupted while waiting; nothing was taken
     * @throws IOException the OS refused
     */
    boolean tryLock(long timeout, TimeUnit unit) throws OwnerDiedException, InterruptedException, IOException;

    /**
     * Releases the lock, which this thread holds.
     *
     * @throws IOException the OS refused
     */
    void unlock() throws IOException;
}
