package io.github.ipc4j.portable;

import io.github.ipc4j.Feature;
import io.github.ipc4j.IpcSemaphore;
import io.github.ipc4j.Platform;
import io.github.ipc4j.posix.PosixSemOptions;
import io.github.ipc4j.posix.PosixSemaphore;
import io.github.ipc4j.windows.WindowsSemaphore;
import io.github.ipc4j.windows.WindowsSemaphoreOptions;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.Objects;

/**
 * A named counting semaphore with one name rule on Linux, macOS and Windows, shaped like
 * {@link java.util.concurrent.Semaphore}: a POSIX named semaphore ({@code sem_open}) on Linux and macOS, a
 * Windows semaphore ({@code CreateSemaphore}) on Windows.
 *
 * <p>Every blocking acquire throws InterruptedException when its thread is interrupted and IpcClosedException
 * when another thread closes the semaphore, taking nothing. Timed waits: {@code sem_timedwait} on Linux,
 * {@code WaitForMultipleObjects} with a timeout on Windows; macOS has no {@code sem_timedwait}, so there a
 * timed acquire tries, then sleeps a few milliseconds between tries until the deadline (it does not spin a
 * core, but may take a freed permit a few milliseconds late). The name outlives every process on Linux and
 * macOS until {@link #remove}; on Windows the semaphore goes with the last process that has it open.
 * macOS keeps no owner for a named semaphore, so {@link NamedSemOptions#requireOwner()} is an
 * UnsupportedOperationException there when the semaphore exists. Thread-safe.
 */
public final class NamedSemaphore implements AutoCloseable {
    private static final String TYPE = "named semaphore";

    private final String name;
    private final IpcSemaphore permits;

    private NamedSemaphore(String name, IpcSemaphore permits) {
        this.name = name;
        this.permits = permits;
    }

    /**
     * New options: open an existing semaphore; a created one starts with 0 permits.
     *
     * @return the options
     */
    public static NamedSemOptions options() {
        return NamedSemOptions.options();
    }

    /**
     * Opens (or creates, as options say) the semaphore called name.
     *
     * @param name the portable name: 1 to 24 of A-Z a-z 0-9 - _, starting with a letter or digit
     * @param options the open mode and a created semaphore's permits
     * @return the semaphore
     * @throws IllegalArgumentException a bad name
     * @throws java.nio.file.FileAlreadyExistsException CREATE_NEW and it exists
     * @throws java.nio.file.NoSuchFileException OPEN_EXISTING and it does not
     * @throws java.nio.file.AccessDeniedException the OS refused, or requireOwner found another owner
     */
    public static NamedSemaphore open(String name, NamedSemOptions options) throws IOException {
        PortableNames.check(name, TYPE);
        Objects.requireNonNull(options, "options must not be null");
        Platform.require(Feature.NAMED_SEMAPHORE);
        return open(name, PortableNames.windows() ? ".sem" : "", options);
    }

    static NamedSemaphore open(String name, String suffix, NamedSemOptions options) throws IOException {
        String object = PortableNames.osName(name, suffix);
        if (PortableNames.windows()) {
            WindowsSemaphoreOptions o = WindowsSemaphoreOptions.options().openMode(options.openMode())
                    .initialPermits(options.initialPermits());
            if (options.ownerRequired()) {
                o.requireOwner();
            }
            return new NamedSemaphore(name, WindowsSemaphore.open(object, o));
        }
        PosixSemOptions o = PosixSemOptions.options().openMode(options.openMode())
                .initialPermits(options.initialPermits());
        if (options.ownerRequired()) {
            o.requireOwner();
        }
        return new NamedSemaphore(name, PosixSemaphore.open(object, o));
    }

    /**
     * Removes the name (sem_unlink on Linux and macOS; nothing on Windows); quiet when it does not exist.
     *
     * @param name the portable name
     * @throws IOException the OS refused to remove it
     */
    public static void remove(String name) throws IOException {
        PortableNames.check(name, TYPE);
        Platform.require(Feature.NAMED_SEMAPHORE);
        remove(name, "");
    }

    static void remove(String name, String suffix) throws IOException {
        if (!PortableNames.windows()) {
            try {
                PosixSemaphore.unlink(PortableNames.osName(name, suffix));
            } catch (NoSuchFileException gone) {
                // removed already
            }
        }
    }

    /**
     * The portable name this semaphore was opened with.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Whether this open created the semaphore.
     *
     * @return true when it created it, false when it opened an existing one
     */
    public boolean created() {
        return permits.created();
    }

    /**
     * Takes a permit, waiting as long as it takes.
     *
     * @throws InterruptedException the thread was interrupted while it waited (nothing was taken)
     * @throws IOException the OS call failed, or the semaphore was closed
     *         ({@link io.github.ipc4j.IpcClosedException})
     */
    public void acquire() throws InterruptedException, IOException {
        permits.acquire();
    }

    /**
     * Takes a permit if one is free now.
     *
     * @return true when a permit was taken
     * @throws IOException the OS call failed, or the semaphore was closed
     *         ({@link io.github.ipc4j.IpcClosedException})
     */
    public boolean tryAcquire() throws IOException {
        return permits.tryAcquire();
    }

    /**
     * Takes a permit, waiting at most timeout.
     *
     * @param timeout how long to wait at most
     * @return true when a permit was taken, false when none came in time
     * @throws InterruptedException the thread was interrupted while it waited (nothing was taken)
     * @throws IOException the OS call failed, or the semaphore was closed
     *         ({@link io.github.ipc4j.IpcClosedException})
     */
    public boolean tryAcquire(Duration timeout) throws InterruptedException, IOException {
        return permits.tryAcquire(timeout);
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
    public boolean tryAcquire(long timeout, TimeUnit unit) throws InterruptedException, IOException {
        return permits.tryAcquire(timeout, unit);
    }

    /**
     * Adds one permit.
     *
     * @throws IOException the OS refused
     */
    public void release() throws IOException {
        permits.release(1);
    }

    /**
     * Adds permits.
     *
     * @param count how many, at least 1
     * @throws IOException the OS call failed (past the OS's maximum, for example), or the semaphore was closed
     */
    public void release(int count) throws IOException {
        permits.release(count);
    }

    /** Closes this handle (not the semaphore): idempotent; blocked acquirers get IpcClosedException. */
    @Override
    public void close() {
        permits.close();
    }

    @Override
    public String toString() {
        return TYPE + " " + name + " (" + permits + ")";
    }
}
