package io.github.ipc4j.portable;

import io.github.ipc4j.CrashSafeLock;
import io.github.ipc4j.Feature;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.OwnerDiedException;
import io.github.ipc4j.Platform;
import io.github.ipc4j.RobustLock;
import io.github.ipc4j.SharedMemory;
import io.github.ipc4j.internal.Errno;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.windows.WindowsMutex;
import io.github.ipc4j.windows.WindowsMutexOptions;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.Objects;

/**
 * A named lock between processes that reports a dead holder on every OS: the next holder's lock call
 * throws {@link OwnerDiedException} — it holds the lock then, repairs what the lock guards, calls
 * {@link #markConsistent()}, and unlocks as usual. Backed by:
 * <ul>
 * <li>Linux: a robust, process-shared pthread mutex ({@link RobustLock}) in POSIX shared memory /NAME.lock;</li>
 * <li>macOS (no robust mutexes): an fcntl lock on the file $TMPDIR/ipc4j-USER/NAME.lock, which the kernel
 *     releases when its holder dies, with a marker byte in the file that tells the next holder it died;</li>
 * <li>Windows: a named mutex Local\NAME.lock ({@link WindowsMutex}), which Windows reports abandoned.</li>
 * </ul>
 *
 * <p>Everywhere: the lock belongs to the thread that took it (unlock on another thread, or lock again on the
 * holding thread, is an IllegalMonitorStateException); take and release it on one platform thread. A waiting
 * lock returns on interrupt (InterruptedException) or when another thread closes this handle
 * (IpcClosedException). Where they differ: on Linux, unlocking after an OwnerDiedException without
 * markConsistent() leaves the lock unusable for every process (ENOTRECOVERABLE); on macOS and Windows the
 * next holder is simply not told again. Waits poll on Linux (every 20 ms) and macOS (every 5 ms); on Windows
 * the wait is the kernel's. The lock's name outlives every process on Linux and macOS until
 * {@link #remove}; {@link #open} creates it when missing, for the current user only.
 *
 * <p>Thread-safe: any number of threads may lock through one object (the lock belongs to the thread that took it); close from any thread.
 */
public final class NamedLock implements CrashSafeLock, AutoCloseable {
    private static final String TYPE = "named lock";
    private static final long ATTACH_WAIT_NANOS = 10_000_000_000L;

    /** What can back a NamedLock. */
    public enum Backend {
        /** A robust pthread mutex in POSIX shared memory (Linux). */
        ROBUST_MUTEX,
        /** An fcntl lock on a lock file with an owner marker (macOS; works on Linux too). */
        FILE_LOCK,
        /** A Windows named mutex. */
        WINDOWS_MUTEX;

        /**
         * The backend NamedLock.open uses on this OS.
         *
         * @return ROBUST_MUTEX on Linux, FILE_LOCK on macOS, WINDOWS_MUTEX on Windows
         */
        public static Backend forThisOs() {
            return PortableNames.windows() ? WINDOWS_MUTEX
                    : Platform.supports(Feature.ROBUST_MUTEX) ? ROBUST_MUTEX : FILE_LOCK;
        }
    }

    private final String name;
    private final Backend backend;
    private final CrashSafeLock lock;
    private final AutoCloseable resource;

    private NamedLock(String name, Backend backend, CrashSafeLock lock, AutoCloseable resource) {
        this.name = name;
        this.backend = backend;
        this.lock = lock;
        this.resource = resource;
    }

    /**
     * Opens the lock called name, creating it when missing, with this OS's backend.
     *
     * @param name the portable name: 1 to 24 of A-Z a-z 0-9 - _, starting with a letter or digit
     * @return the lock, not held
     * @throws IllegalArgumentException a bad name
     * @throws IOException the OS refused to create or open it
     */
    public static NamedLock open(String name) throws IOException {
        PortableNames.check(name, TYPE);
        Platform.require(Feature.NAMED_LOCK);
        return open(name, Backend.forThisOs());
    }

    /**
     * Opens the lock called name with the backend given (for tests and for a choice on Linux, which has
     * both ROBUST_MUTEX and FILE_LOCK; processes sharing a lock must use the same backend).
     *
     * @param name the portable name
     * @param backend what backs the lock
     * @return the lock, not held
     * @throws UnsupportedOperationException the backend is not available on this OS
     * @throws IOException the OS refused to create or open it
     */
    public static NamedLock open(String name, Backend backend) throws IOException {
        PortableNames.check(name, TYPE);
        Objects.requireNonNull(backend, "backend must not be null");
        switch (backend) {
            case ROBUST_MUTEX:
                Platform.require(Feature.ROBUST_MUTEX);
                return robust(name);
            case FILE_LOCK:
                if (PortableNames.windows()) {
                    throw new UnsupportedOperationException("the FILE_LOCK backend of NamedLock is for Linux and "
                            + "macOS; Windows uses WINDOWS_MUTEX");
                }
                FileCrashSafeLock file = FileCrashSafeLock.open(name);
                return new NamedLock(name, backend, file, file);
            default:
                Platform.require(Feature.WINDOWS_MUTEX);
                WindowsMutex mutex = WindowsMutex.open(PortableNames.osName(name, ".lock"),
                        WindowsMutexOptions.options().openOrCreate());
                return new NamedLock(name, backend, mutex, mutex);
        }
    }

    private static NamedLock robust(String name) throws IOException {
        long deadline = System.nanoTime() + ATTACH_WAIT_NANOS;
        for (;;) {
            SharedMemory shm;
            try {
                shm = NamedSharedMemory.open(name, ".lock", NamedShmOptions.options().openOrCreate()
                        .size(RobustLock.SIZE));
            } catch (IpcException tooSmall) {
                // another process created it an instant ago and is still sizing it (EINVAL from the size
                // check); anything else, or a size that never comes, is the caller's to see
                if (tooSmall.errno() != Errno.EINVAL || System.nanoTime() - deadline > 0) {
                    throw tooSmall;
                }
                PortableNames.pause(TYPE + " " + name);
                continue;
            }
            try {
                RobustLock lock = ((PosixSharedMemory) shm).created() ? RobustLock.initialize(shm, 0)
                        : attach(shm, deadline);
                return new NamedLock(name, Backend.ROBUST_MUTEX, lock, shm);
            } catch (IOException | RuntimeException e) {
                shm.close();
                throw e;
            }
        }
    }

    /** The lock the creator initialized, waiting for it to finish. */
    private static RobustLock attach(SharedMemory shm, long deadline) throws IOException {
        for (;;) {
            try {
                return RobustLock.attach(shm, 0);
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(shm.description() + " holds no initialized lock after "
                            + ATTACH_WAIT_NANOS / 1_000_000_000 + " s: its creator died before initializing it; "
                            + "NamedLock.remove it when no process uses it", notYet);
                }
                PortableNames.pause(shm.description());
            }
        }
    }

    /**
     * Removes the lock's name (the shared memory on Linux, the lock file on macOS; nothing on Windows). Only
     * when no process uses the lock: one that does keeps a lock that new openers no longer share.
     *
     * @param name the portable name
     * @throws IOException the OS refused to remove it
     */
    public static void remove(String name) throws IOException {
        PortableNames.check(name, TYPE);
        Platform.require(Feature.NAMED_LOCK);
        remove(name, Backend.forThisOs());
    }

    /**
     * Removes the name the backend given uses.
     *
     * @param name the portable name
     * @param backend the backend the lock was opened with
     * @throws IOException the OS refused to remove it
     */
    public static void remove(String name, Backend backend) throws IOException {
        PortableNames.check(name, TYPE);
        if (backend == Backend.ROBUST_MUTEX) {
            NamedSharedMemory.remove(name, ".lock");
        } else if (backend == Backend.FILE_LOCK) {
            FileCrashSafeLock.remove(name);
        }
    }

    /**
     * The portable name this lock was opened with.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * What backs this lock.
     *
     * @return the backend
     */
    public Backend backend() {
        return backend;
    }

    @Override
    public void lock() throws OwnerDiedException, InterruptedException, IOException {
        lock.lock();
    }

    @Override
    public boolean tryLock() throws OwnerDiedException, IOException {
        return lock.tryLock();
    }

    @Override
    public boolean tryLock(Duration timeout) throws OwnerDiedException, InterruptedException, IOException {
        return lock.tryLock(timeout);
    }

    @Override
    public boolean tryLock(long timeout, TimeUnit unit) throws OwnerDiedException, InterruptedException, IOException {
        return lock.tryLock(timeout, unit);
    }

    @Override
    public void unlock() throws IOException {
        lock.unlock();
    }

    /**
     * After an OwnerDiedException, once the guarded data is repaired: the lock works normally again
     * (pthread_mutex_consistent on Linux; nothing to do on macOS and Windows).
     *
     * @throws IOException the OS refused (for example, this thread does not hold the lock)
     */
    public void markConsistent() throws IOException {
        if (lock instanceof RobustLock) {
            ((RobustLock) lock).markConsistent();
        } else if (lock instanceof FileCrashSafeLock) {
            ((FileCrashSafeLock) lock).markConsistent();
        }
    }

    /** Closes this handle (not the lock): idempotent; waiting lockers get IpcClosedException. Unlock first. */
    @Override
    public void close() {
        try {
            resource.close();
        } catch (Exception e) {
            throw new IllegalStateException(TYPE + " " + name + ": closing failed", e);
        }
    }

    @Override
    public String toString() {
        return TYPE + " " + name + " (" + lock + ")";
    }
}
