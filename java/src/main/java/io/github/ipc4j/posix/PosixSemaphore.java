package io.github.ipc4j.posix;

import io.github.ipc4j.Feature;
import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.IpcSemaphore;
import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.Platform;
import io.github.ipc4j.internal.CreatorRecords;
import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.Errno;
import io.github.ipc4j.internal.Errors;
import io.github.ipc4j.internal.MappingBudget;
import io.github.ipc4j.internal.NativeHandle;
import io.github.ipc4j.internal.NativePosixSem;
import io.github.ipc4j.internal.Names;
import io.github.ipc4j.internal.OwnerCheck;
import io.github.ipc4j.internal.Blocking;
import io.github.ipc4j.internal.CallSlot;
import io.github.ipc4j.internal.Offload;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A POSIX named semaphore ({@code sem_open}), Linux and macOS, shaped like
 * {@link java.util.concurrent.Semaphore}: {@link #acquire()}, {@link #tryAcquire()},
 * {@link #tryAcquire(Duration)}, {@link #release()}, {@link #release(int)}, {@link #availablePermits()}.
 *
 * <p>A blocked acquire throws InterruptedException when its thread is interrupted and IpcClosedException
 * when another thread closes the semaphore; the semaphore stays usable after an interrupt. Timeouts run on
 * the monotonic clock. macOS has neither {@code sem_timedwait} nor {@code sem_getvalue}: there the timed
 * acquire tries, then sleeps a few milliseconds between tries until the deadline — it does not spin a
 * core, but it can take a freed permit a few milliseconds late — and {@link #availablePermits()} throws
 * UnsupportedOperationException.
 *
 * <p>On Linux an existing semaphore is a file /dev/shm/sem.NAME that the C library maps: an opener
 * checks it first, so an empty or short file there (a broken or hostile peer) is an IpcException, not a
 * fault. A process that may write that file (this user, at the default mode 0600) and truncates it while this
 * one has the semaphore open takes its memory away: the next operation, which would fault in the C library
 * and end the JVM (SIGBUS), throws an IpcException saying so instead, as does every later one on any handle
 * of this process to that semaphore, and calls blocked on the handle are woken to throw it. ipc4j catches
 * that fault with a SIGBUS handler installed in front of the JVM's at the first open of a POSIX semaphore
 * (a JVM run with -Xcheck:jni prints a warning that the handler changed). Thread-safe. {@link #close()} does not remove the
 * semaphore; {@link #unlink()} does.
 */
public final class PosixSemaphore implements IpcSemaphore {
    private static final String KIND = "POSIX semaphore";

    private final String name;
    private final long sem;
    private final boolean created;
    private final NativeHandle handle;

    private PosixSemaphore(String name, long sem, boolean created) {
        this.name = name;
        this.sem = sem;
        this.created = created;
        this.handle = new NativeHandle(KIND + " " + name, () -> NativePosixSem.close(sem)).closeWhenLeaked(this);
    }

    /**
     * Longest name after the '/', in bytes, on this OS: 251 on Linux (it keeps "sem." + name in a 255-byte
     * file name); 30 on macOS, whose limit (PSEMNAMLEN, 31) counts the '/' too.
     *
     * @return the limit in bytes
     */
    public static int maxNameBytes() {
        return Platform.os() == OperatingSystem.MACOS ? 30 : 251;
    }

    /**
     * The most permits a semaphore can hold (SEM_VALUE_MAX; 2147483647 on Linux, 32767 on macOS).
     *
     * @return SEM_VALUE_MAX
     */
    public static int maxPermits() {
        Platform.require(Feature.POSIX_SEMAPHORE);
        return (int) Math.min(Integer.MAX_VALUE, NativePosixSem.valueMax());
    }

    /**
     * Opens an existing semaphore.
     *
     * @param name "/" and up to {@link #maxNameBytes()} bytes, no other '/'
     * @return the semaphore
     * @throws IOException as {@link #open(String, PosixSemOptions)}
     */
    public static PosixSemaphore open(String name) throws IOException {
        return open(name, PosixSemOptions.options());
    }

    /**
     * Opens (or creates, as options say) the semaphore called name.
     *
     * @param name "/" and up to {@link #maxNameBytes()} bytes, no other '/'
     * @param options the open mode, owner checks, and a created semaphore's permits and mode
     * @return the semaphore
     * @throws IllegalArgumentException a bad name, or initial permits above {@link #maxPermits()}
     * @throws java.nio.file.FileAlreadyExistsException CREATE_NEW and the semaphore exists
     * @throws java.nio.file.NoSuchFileException OPEN_EXISTING and it does not
     * @throws java.nio.file.AccessDeniedException the OS refused, or an ownership check asked for failed
     * @throws IpcException the name holds something that is not a semaphore; any other failure
     */
    public static PosixSemaphore open(String name, PosixSemOptions options) throws IOException {
        byte[] nativeName = Names.posix(name, maxNameBytes(), KIND);
        Objects.requireNonNull(options, "options must not be null");
        Platform.require(Feature.POSIX_SEMAPHORE);
        if (options.initialPermits() > maxPermits()) {
            throw new IllegalArgumentException("initialPermits " + options.initialPermits()
                    + " is above SEM_VALUE_MAX (" + maxPermits() + ")");
        }
        long[] out = new long[4];
        int r = NativePosixSem.open(nativeName, options.openMode().ordinal(), options.mode(),
                options.initialPermits(), out);
        if (r == NativePosixSem.NOT_A_SEMAPHORE) {
            throw Errors.ipc(Errno.EINVAL, "sem_open", name, "/dev/shm/sem." + name.substring(1)
                    + " exists but is not a semaphore (empty or too small: a broken or hostile process made it);"
                    + " remove it with unlink() if it is not yours");
        }
        if (r < 0) {
            IOException limit = Errors.descriptorLimit(-r, "sem_open", name);
            if (limit == null) {
                limit = MappingBudget.refused(-r, "sem_open", name);
            }
            throw limit != null ? limit : Errors.of(-r, "sem_open", name);
        }
        long sem = out[0];
        boolean created = out[1] != 0;
        if (!created && (options.ownerRequired() || options.maxMode() != 0777)) {
            try {
                if (out[2] < 0) {
                    throw new UnsupportedOperationException(System.getProperty("os.name")
                            + " keeps no owner or mode for a named semaphore: requireOwner and maxMode cannot be "
                            + "checked");
                }
                OwnerCheck.verify(out[2], (int) out[3], options, name);
            } catch (IOException | RuntimeException e) {
                NativePosixSem.close(sem);
                throw e;
            }
        }
        if (created) {
            CreatorRecords.created(CreatorRecords.Kind.SEM, name);
        }
        return new PosixSemaphore(name, sem, created);
    }

    /**
     * Removes the semaphore's name (sem_unlink); open handles keep working until closed.
     *
     * @param name "/" and up to {@link #maxNameBytes()} bytes, no other '/'
     * @throws java.nio.file.NoSuchFileException no semaphore has that name
     * @throws IOException the OS refused
     */
    public static void unlink(String name) throws IOException {
        byte[] nativeName = Names.posix(name, maxNameBytes(), KIND);
        Platform.require(Feature.POSIX_SEMAPHORE);
        CreatorRecords.removing(CreatorRecords.Kind.SEM, name);
        int r = NativePosixSem.unlink(nativeName);
        if (r < 0) {
            throw Errors.of(-r, "sem_unlink", name);
        }
    }

    /**
     * The process that created the semaphore called name, when ipc4j created it (see {@link PosixCreator}).
     *
     * @param name "/" and up to {@link #maxNameBytes()} bytes, no other '/'
     * @return the creator, or empty when there is no trustworthy record of it: ipc4j did not create the semaphore,
     *         recording was off, or no semaphore has that name
     * @throws IllegalArgumentException the name breaks the rule
     * @throws UnsupportedOperationException not on Linux, where ipc4j keeps no records
     */
    public static Optional<PosixCreator> creator(String name) {
        Names.posix(name, maxNameBytes(), KIND);
        return CreatorRecords.find(CreatorRecords.Kind.SEM, name, "PosixSemaphore.creator");
    }

    /**
     * Removes this semaphore's name; works after close too.
     *
     * @throws java.nio.file.NoSuchFileException the name is gone already
     * @throws IOException the OS refused
     */
    public void unlink() throws IOException {
        unlink(name);
    }

    /**
     * The name this semaphore was opened with.
     *
     * @return the name, with its leading '/'
     */
    public String name() {
        return name;
    }

    /** Whether this open created the semaphore. */
    public boolean created() {
        return created;
    }

    /** Takes a permit, waiting as long as it takes. */
    public void acquire() throws InterruptedException, IOException {
        acquire(Deadline.NONE);
    }

    /** Takes a permit if one is free now. */
    public boolean tryAcquire() throws IOException {
        handle.enter();
        try {
            return tryOnce();
        } finally {
            handle.exit();
        }
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
     * Adds permits, one at a time (the OS has no call for several).
     *
     * @throws IllegalArgumentException permits below 1
     * @throws IpcException the value would pass SEM_VALUE_MAX: none were added, as far as the value could be
     *         read first (not on macOS) and no other thread or process added permits meanwhile; else it says
     *         how many were
     */
    public void release(int permits) throws IOException {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, was " + permits);
        }
        handle.enter();
        try {
            if (permits > 1) { // one post adds all or nothing; several are refused whole, not left half done
                long value = NativePosixSem.value(sem);
                if (value == NativePosixSem.LOST) {
                    throw lost("sem_getvalue");
                }
                if (value >= 0 && permits > maxPermits() - value) {
                    throw overflow(value + " permits are free; adding " + permits + " would pass the maximum: none "
                            + "were added");
                }
            }
            for (int i = 0; i < permits; i++) {
                int r = NativePosixSem.post(sem);
                if (r == NativePosixSem.LOST) {
                    throw lost("sem_post");
                }
                if (r == -Errno.EOVERFLOW) {
                    throw overflow(i == 0 ? "the semaphore holds its maximum: none were added"
                            : "the semaphore reached its maximum: " + i + " of " + permits + " permits were added");
                }
                if (r < 0) {
                    throw Errors.of(-r, "sem_post", name);
                }
            }
        } finally {
            handle.exit();
        }
    }

    private IpcException overflow(String detail) {
        return Errors.limit(Errno.EOVERFLOW, "sem_post", name, detail, "SEM_VALUE_MAX (" + maxPermits() + ")",
                "it is fixed by the C library; take permits before adding more");
    }

    /**
     * The permits free now (a snapshot). Not on macOS, whose sem_getvalue is a stub.
     *
     * @return the free permits
     * @throws UnsupportedOperationException on macOS
     * @throws IOException the OS call failed, or the semaphore was closed ({@link io.github.ipc4j.IpcClosedException})
     */
    public int availablePermits() throws IOException {
        handle.enter();
        try {
            long value = NativePosixSem.value(sem);
            if (value == NativePosixSem.LOST) {
                throw lost("sem_getvalue");
            }
            if (value == -Errno.ENOSYS) {
                throw new UnsupportedOperationException(System.getProperty("os.name")
                        + " has no working sem_getvalue: a named semaphore's value cannot be read");
            }
            if (value < 0) {
                throw Errors.of((int) -value, "sem_getvalue", name);
            }
            return (int) value;
        } finally {
            handle.exit();
        }
    }

    /** Closes this handle (sem_close): idempotent; blocked acquirers get IpcClosedException. */
    @Override
    public void close() {
        handle.close();
    }

    /**
     * Whether this handle was closed.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return handle.isClosed();
    }

    @Override
    public String toString() {
        return KIND + " " + name + (isClosed() ? " (closed)" : "");
    }

    private boolean acquire(long deadline) throws InterruptedException, IOException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        handle.enter();
        try {
            for (;;) {
                if (tryOnce()) {
                    return true;
                }
                long timeout = Deadline.remaining(deadline);
                if (timeout == 0) {
                    return false;
                }
                int r = Blocking.onVirtualThread() ? (int) Offload.run(() -> waitOnce(timeout)) : waitOnce(timeout);
                if (r == 0) {
                    return true;
                }
                if (r == NativePosixSem.LOST) {
                    throw lost("sem_wait");
                }
                if (r != -Errno.EINTR) {
                    throw Errors.of(-r, "sem_wait", name);
                }
                Blocking.afterEintr(handle);
            }
        } finally {
            handle.exit();
        }
    }

    private int waitOnce(long timeout) throws IpcClosedException {
        CallSlot slot = Blocking.begin(handle);
        try {
            return NativePosixSem.waitFor(sem, slot.waker(), timeout);
        } finally {
            Blocking.end(slot);
        }
    }

    private boolean tryOnce() throws IpcException {
        int r = NativePosixSem.tryWait(sem);
        if (r == 0) {
            return true;
        }
        if (r == -Errno.EAGAIN) {
            return false;
        }
        if (r == NativePosixSem.LOST) {
            throw lost("sem_trywait");
        }
        throw Errors.ipc(-r, "sem_trywait", name, Errno.text(-r));
    }

    /**
     * Another process truncated the semaphore's file while this one had it open: its memory is gone, and the C
     * library's next access would have ended the JVM (SIGBUS). Calls blocked on this handle are woken to learn it.
     */
    private IpcException lost(String call) {
        Blocking.wakeAll(handle);
        return Errors.ipc(Errno.EINVAL, call, name, "its file /dev/shm/sem." + name.substring(1) + " was truncated "
                + "by another process while this one had it open: the semaphore's memory is gone, so this and every "
                + "later operation on it fails; close it, and open the semaphore again once a process has made it "
                + "anew");
    }
}
