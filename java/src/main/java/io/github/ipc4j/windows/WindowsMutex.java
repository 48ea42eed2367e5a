package io.github.ipc4j.windows;

import io.github.ipc4j.CrashSafeLock;
import io.github.ipc4j.Feature;
import io.github.ipc4j.OwnerDiedException;
import io.github.ipc4j.Platform;
import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.NativeWinObjects;
import io.github.ipc4j.internal.NativeWindows;
import io.github.ipc4j.internal.WinErrors;
import io.github.ipc4j.internal.WinObject;
import io.github.ipc4j.internal.WindowsNames;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.Objects;

/**
 * A Windows named mutex ({@code CreateMutexW} / {@code OpenMutexW}), Windows only: a lock between processes
 * that survives its holder's death. When the thread or process holding it ends without unlocking, Windows
 * marks the mutex abandoned: the next {@link #lock()} takes it and throws {@link OwnerDiedException} — the
 * caller holds it then, repairs what it guards and unlocks as usual (Windows reports an abandonment once;
 * there is no "consistent" step as with {@link io.github.ipc4j.RobustLock}).
 *
 * <p><b>A Windows mutex is owned by an OS thread.</b> For a Java caller that means: unlock on the thread
 * that locked (another thread's unlock is an IllegalMonitorStateException); a Java thread that ends holding
 * it abandons it (the next holder is told); take and release it on one platform thread, since a virtual
 * thread may move to another carrier between lock and unlock. Windows mutexes are recursive, but this class
 * is not: locking it again on the thread that holds it through this object is an
 * IllegalMonitorStateException, as with RobustLock.
 *
 * <p>A waiting lock returns when the thread is interrupted (InterruptedException) or another thread closes
 * the mutex (IpcClosedException), holding nothing. Unlock before closing: closing the handle does not
 * release the mutex, which stays held until the holding thread ends (and so is abandoned). Thread-safe.
 */
public final class WindowsMutex extends WindowsKernelObject implements CrashSafeLock {
    private static final String KIND = "Windows mutex";
    private static final String WAIT = "WaitForMultipleObjects";

    private volatile Thread holder;

    private WindowsMutex(WinObject object) {
        super(object);
    }

    /**
     * Opens an existing mutex.
     *
     * @param name {@code NAME}, {@code Local\NAME} (the default, this session) or {@code Global\NAME}
     * @return the mutex, not held
     * @throws IOException as {@link #open(String, WindowsMutexOptions)}
     */
    public static WindowsMutex open(String name) throws IOException {
        return open(name, WindowsMutexOptions.options());
    }

    /**
     * Opens (or creates, as options say) the mutex called name; a created mutex is not held.
     *
     * @param name {@code NAME}, {@code Local\NAME} (the default, this session) or {@code Global\NAME}
     * @param options the open mode, owner check and a created mutex's security descriptor
     * @return the mutex, not held
     * @throws IllegalArgumentException a bad name
     * @throws java.nio.file.FileAlreadyExistsException CREATE_NEW and it exists
     * @throws java.nio.file.NoSuchFileException OPEN_EXISTING and it does not
     * @throws java.nio.file.AccessDeniedException Windows refused, or requireOwner found another owner
     */
    public static WindowsMutex open(String name, WindowsMutexOptions options) throws IOException {
        byte[] nativeName = WindowsNames.kernelObject(name, KIND);
        Objects.requireNonNull(options, "options must not be null");
        Platform.require(Feature.WINDOWS_MUTEX);
        return new WindowsMutex(WinObject.open(KIND, name, "CreateMutex", () ->
                NativeWinObjects.mutexOpen(nativeName, options.openMode().ordinal(), options.nativeSddl(),
                        options.ownerRequired())));
    }

    /**
     * Takes the mutex, waiting as long as it takes.
     *
     * @throws OwnerDiedException taken, but its previous holder ended holding it: this thread holds it now
     */
    public void lock() throws OwnerDiedException, InterruptedException, IOException {
        lock(Deadline.NONE);
    }

    /** Takes the mutex if it is free now. */
    public boolean tryLock() throws OwnerDiedException, IOException {
        checkNotHeld();
        return taken(object.poll(WAIT));
    }

    /** Takes the mutex, waiting at most timeout; false when it was not free in time. */
    public boolean tryLock(Duration timeout) throws OwnerDiedException, InterruptedException, IOException {
        return lock(Deadline.after(timeout));
    }

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
    @Override
    public boolean tryLock(long timeout, TimeUnit unit) throws OwnerDiedException, InterruptedException, IOException {
        return lock(Deadline.after(timeout, unit));
    }

    /** Releases the mutex, which this thread holds. */
    public void unlock() throws IOException {
        object.enter();
        try {
            int r = NativeWinObjects.mutexRelease(object.object());
            if (r == -NativeWindows.ERROR_NOT_OWNER) {
                throw new IllegalMonitorStateException(object.description()
                        + ": unlock by a thread that does not hold it (a Windows mutex belongs to the thread that took it)");
            }
            if (r < 0) {
                throw WinErrors.of(-r, "ReleaseMutex", name());
            }
            holder = null;
        } finally {
            object.exit();
        }
    }

    /**
     * Whether the current thread holds the mutex through this object.
     *
     * @return true when it does
     */
    public boolean isHeldByCurrentThread() {
        return holder == Thread.currentThread();
    }

    private boolean lock(long deadline) throws OwnerDiedException, InterruptedException, IOException {
        checkNotHeld();
        return taken(object.await(deadline, WAIT));
    }

    private boolean taken(int r) throws OwnerDiedException {
        if (r == NativeWindows.TIMEOUT) {
            return false;
        }
        holder = Thread.currentThread();
        if (r == NativeWindows.ABANDONED) {
            throw new OwnerDiedException(object.description());
        }
        return true;
    }

    private void checkNotHeld() {
        if (holder == Thread.currentThread()) {
            throw new IllegalMonitorStateException(object.description()
                    + ": this thread holds it already (the lock is not reentrant)");
        }
    }
}
