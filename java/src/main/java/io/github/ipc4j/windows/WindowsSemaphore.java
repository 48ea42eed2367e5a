package io.github.ipc4j.windows;

import io.github.ipc4j.Feature;
import io.github.ipc4j.IpcSemaphore;
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
 * A Windows named semaphore ({@code CreateSemaphoreW} / {@code OpenSemaphoreW}), Windows only, shaped like
 * {@link java.util.concurrent.Semaphore}: {@link #acquire()}, {@link #tryAcquire()},
 * {@link #tryAcquire(Duration)}, {@link #release()}, {@link #release(int)}.
 *
 * <p>Names: NAME, Local\NAME (the default namespace, this session) or Global\NAME (all sessions; creating
 * there needs SeCreateGlobalPrivilege). A blocked acquire waits on the semaphore, this object's closed event
 * and the thread's wake event at once: it throws InterruptedException when its thread is interrupted and
 * IpcClosedException when another thread closes the semaphore, taking nothing in either case. Windows
 * cannot read a semaphore's count, so there is no availablePermits. The semaphore exists while any process
 * has it open; there is no unlink. Thread-safe.
 */
public final class WindowsSemaphore extends WindowsKernelObject implements IpcSemaphore {
    private static final String KIND = "Windows semaphore";
    private static final String WAIT = "WaitForMultipleObjects";

    private WindowsSemaphore(WinObject object) {
        super(object);
    }

    /**
     * Opens an existing semaphore.
     *
     * @param name {@code NAME}, {@code Local\NAME} (the default, this session) or {@code Global\NAME}
     * @return the semaphore
     * @throws IOException as {@link #open(String, WindowsSemaphoreOptions)}
     */
    public static WindowsSemaphore open(String name) throws IOException {
        return open(name, WindowsSemaphoreOptions.options());
    }

    /**
     * Opens (or creates, as options say) the semaphore called name.
     *
     * @param name {@code NAME}, {@code Local\NAME} (the default, this session) or {@code Global\NAME}
     * @param options the open mode, owner check, and a created semaphore's permits and security descriptor
     * @return the semaphore
     * @throws IllegalArgumentException a bad name, or initialPermits above maxPermits
     * @throws java.nio.file.FileAlreadyExistsException CREATE_NEW and it exists
     * @throws java.nio.file.NoSuchFileException OPEN_EXISTING and it does not
     * @throws java.nio.file.AccessDeniedException Windows refused, or requireOwner found another owner
     */
    public static WindowsSemaphore open(String name, WindowsSemaphoreOptions options) throws IOException {
        byte[] nativeName = WindowsNames.kernelObject(name, KIND);
        Objects.requireNonNull(options, "options must not be null");
        if (options.initialPermits() > options.maxPermits()) {
            throw new IllegalArgumentException("initialPermits " + options.initialPermits() + " is above maxPermits "
                    + options.maxPermits());
        }
        Platform.require(Feature.WINDOWS_SEMAPHORE);
        return new WindowsSemaphore(WinObject.open(KIND, name, "CreateSemaphore", () ->
                NativeWinObjects.semaphoreOpen(nativeName, options.openMode().ordinal(), options.nativeSddl(),
                        options.ownerRequired(), options.initialPermits(), options.maxPermits())));
    }

    /** Takes a permit, waiting as long as it takes. */
    public void acquire() throws InterruptedException, IOException {
        acquire(Deadline.NONE);
    }

    /** Takes a permit if one is free now. */
    public boolean tryAcquire() throws IOException {
        return object.poll(WAIT) == 0;
    }

    /** Takes a permit, waiting at most timeout; false when none came in time. */
    public boolean tryAcquire(Duration timeout) throws InterruptedException, IOException {
        return acquire(Deadline.after(timeout));
    }

    /**
     * Takes a permit, waiting at most timeout units; a negative timeout means zero.
     *
     * @param timeout the longest wait, in units
     * @param unit the unit of timeout
     * @return true if a permit was taken, false when none came in time
     * @throws InterruptedException the thread was interrupted while waiting; nothing was taken
     * @throws IOException the OS refused
     */
    @Override
    public boolean tryAcquire(long timeout, TimeUnit unit) throws InterruptedException, IOException {
        return acquire(Deadline.after(timeout, unit));
    }

    /** Adds one permit. */
    public void release() throws IOException {
        release(1);
    }

    /**
     * Adds permits at once (ReleaseSemaphore).
     *
     * @throws IllegalArgumentException permits below 1
     * @throws io.github.ipc4j.IpcException the count would pass the semaphore's maximum; none were added
     */
    public void release(int permits) throws IOException {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, was " + permits);
        }
        object.enter();
        try {
            long r = NativeWinObjects.semaphoreRelease(object.object(), permits);
            if (r == -NativeWindows.ERROR_TOO_MANY_POSTS) {
                throw WinErrors.ipc(NativeWindows.ERROR_TOO_MANY_POSTS, "ReleaseSemaphore", name(), "adding " + permits
                        + " permits would pass the semaphore's maximum (maxPermits when it was created); none were added");
            }
            if (r < 0) {
                throw WinErrors.of((int) -r, "ReleaseSemaphore", name());
            }
        } finally {
            object.exit();
        }
    }

    private boolean acquire(long deadline) throws InterruptedException, IOException {
        return object.await(deadline, WAIT) == 0;
    }
}
