package io.github.ipc4j;

import io.github.ipc4j.internal.Blocking;
import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.Errno;
import io.github.ipc4j.internal.Errors;
import io.github.ipc4j.internal.HeldMutexes;
import io.github.ipc4j.internal.MappedMemory;
import io.github.ipc4j.internal.NativeMemory;
import io.github.ipc4j.internal.Offload;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A crash-safe lock between processes, placed at an offset in {@link SharedMemory}: a process-shared,
 * robust, error-checking pthread mutex (Linux; macOS has no robust mutexes, so there
 * {@link #initialize} and {@link #attach} throw UnsupportedOperationException).
 *
 * <p>When the process holding the lock dies, the next {@link #lock()} takes it and throws
 * {@link OwnerDiedException}: the caller holds the lock, repairs what it guards, calls
 * {@link #markConsistent()}, then {@link #unlock()}.
 *
 * <p>The lock belongs to the thread that took it: unlock on another thread is an
 * IllegalMonitorStateException, and it is not reentrant (locking it again on the same thread is one too).
 * A virtual thread may take it too: the mutex then belongs to a platform worker that takes and releases it
 * on the virtual thread's behalf (a virtual thread moves between carriers, a pthread mutex cannot). A waiting
 * {@link #lock()} checks every {@value #SLICE_MILLIS} ms whether its thread was interrupted
 * (InterruptedException) or the memory closed (IpcClosedException); an unlock wakes it at once.
 *
 * <p>Layout, public so that a C program can share the lock (C peers include
 * {@code native/include/ipc4j_robust_lock.h}, which has the same constants and an init and an attach
 * function): {@link #SIZE} bytes at an offset that is a multiple of 8. At {@link #MARKER_OFFSET} a 64-bit
 * marker in the machine's byte order, {@link #MARKER} once the lock is initialized (anything else means it
 * is not); at {@link #MUTEX_OFFSET} a {@code pthread_mutex_t} made process-shared, robust and
 * error-checking; the rest is reserved. Initializing clears the marker, initializes the mutex, then writes
 * the marker (a volatile write; C reads it with an acquire load); attaching checks the marker first. So a
 * lock a C program initialized with the header is attached from Java, and the reverse. The mutex's bytes
 * belong to the C library: both sides must run on the same machine with the same C library. The lock keeps its
 * bytes mapped while it is reachable or held (even when the memory is closed). On a named POSIX object it checks
 * before each call that no other process has shrunk the object under it (an IpcException); a shrink after that
 * check, or while a thread waits for the lock, makes the call throw an IpcException saying the memory under the
 * lock was truncated, where the C library's access would have ended the JVM (SIGBUS): ipc4j lets the call end on
 * a private page and then maps the lock's bytes from the object again (its SIGBUS handler, installed in front of
 * the JVM's by the first lock call, is the POSIX semaphore's). On a sealed object ({@link
 * io.github.ipc4j.sealed.SealedSharedMemory}) nothing can shrink it and no check is made.
 *
 * <p>What no API can guard: the C library keeps the robust mutexes a thread holds in a list linked
 * through the mutexes' own bytes. Writing over a held lock's {@link #SIZE} bytes (through a view, or from
 * another process) corrupts that list and can crash the holder's process at its next lock or unlock.
 * Keep the lock's bytes out of the data you write. Lock and unlock check first (on glibc) that the mutex is
 * still of the kind {@link #initialize} makes, and throw an IpcException when it is not: another kind sent
 * glibc to an assertion that aborted the process. Bytes changed between that check and the C library's own
 * look can still do so.
 *
 * <p>Thread-safe: any number of threads may lock through one object (the lock belongs to the thread that took it).
 */
public final class RobustLock implements CrashSafeLock {
    /** Bytes a lock takes in shared memory ({@code IPC4J_ROBUST_LOCK_SIZE} in the C header). */
    public static final int SIZE = 128;
    /**
     * Where the marker is, from the lock's offset: a 64-bit value in the machine's byte order
     * ({@code IPC4J_ROBUST_LOCK_MARKER_OFFSET} in the C header).
     */
    public static final int MARKER_OFFSET = 0;
    /**
     * The marker of an initialized lock: the ASCII bytes "ipc4jRL1" read as a big-endian long
     * ({@code IPC4J_ROBUST_LOCK_MARKER} in the C header), stored in the machine's byte order.
     */
    public static final long MARKER = 0x6970_6334_6a52_4c31L;
    /**
     * Where the {@code pthread_mutex_t} is, from the lock's offset; it may take up to {@link #SIZE} minus
     * this many bytes ({@code IPC4J_ROBUST_LOCK_MUTEX_OFFSET} in the C header).
     */
    public static final int MUTEX_OFFSET = 8;
    static final long SLICE_MILLIS = 20;

    private static final long SLICE_NANOS = SLICE_MILLIS * 1_000_000;

    private final SharedMemory memory;
    private final long offset;
    /** The mapping the lock's bytes are in, kept (with keepMapped) while the lock is reachable. */
    private final MappedMemory mapped;
    private final ByteBuffer keepMapped;
    private final long mutex;
    private final String description;
    /** The workers holding this lock for virtual threads, by the virtual thread. */
    private final Map<Thread, Offload.Worker> heldForVirtual = new ConcurrentHashMap<>();

    private RobustLock(SharedMemory memory, long offset) {
        this.memory = memory;
        this.offset = offset;
        this.mapped = memory.mapped();
        this.keepMapped = mapped.pin(offset, SIZE);
        this.mutex = mapped.address(offset + MUTEX_OFFSET);
        this.description = "robust lock at offset " + offset + " of " + memory.description();
    }

    /**
     * Makes a fresh, unlocked lock at offset, whatever the bytes held. Only one process does this, before
     * any other uses the lock (typically the one that created the memory); doing it while anyone holds
     * or waits for the lock breaks it. It is also how a lock left unrecoverable is reset.
     *
     * @param memory the shared memory the lock lives in
     * @param offset where the lock starts in it
     * @return the lock, not held
     * @throws IllegalArgumentException offset is negative or not a multiple of 8, or the memory is read-only
     * @throws IndexOutOfBoundsException the lock does not fit in the memory at offset
     * @throws IllegalStateException this process holds the lock there
     * @throws IOException initializing the mutex failed, or the memory was closed
     */
    public static RobustLock initialize(SharedMemory memory, long offset) throws IOException {
        RobustLock lock = place(memory, offset);
        if (HeldMutexes.isHeld(lock.mutex)) {
            throw new IllegalStateException(lock.description + " is held in this process: unlock it before "
                    + "initializing it again");
        }
        lock.memory.mapped().setLongVolatile(offset + MARKER_OFFSET, 0);
        lock.call(INIT);
        lock.memory.mapped().setLongVolatile(offset + MARKER_OFFSET, MARKER);
        return lock;
    }

    /**
     * The lock another process initialized at offset.
     *
     * @param memory the shared memory the lock lives in
     * @param offset where the lock starts in it
     * @return the lock
     * @throws IllegalArgumentException offset is negative or not a multiple of 8, or the memory is read-only
     * @throws IndexOutOfBoundsException the lock does not fit in the memory at offset
     * @throws IllegalStateException no lock was initialized there (yet)
     * @throws IOException the memory was closed, or another process shrank it
     */
    public static RobustLock attach(SharedMemory memory, long offset) throws IOException {
        RobustLock lock = place(memory, offset);
        if (memory.mapped().getLongVolatile(offset + MARKER_OFFSET) != MARKER) {
            throw new IllegalStateException("no lock was initialized at offset " + offset + " of "
                    + memory.description() + " (RobustLock.initialize must run first, in one process)");
        }
        return lock;
    }

    /** Takes the lock, waiting as long as it takes. */
    public void lock() throws OwnerDiedException, InterruptedException, IOException {
        lock(Deadline.NONE);
    }

    /** Takes the lock if it is free now. */
    public boolean tryLock() throws OwnerDiedException, IOException {
        try {
            return lock(Deadline.NOW);
        } catch (InterruptedException notBlocking) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Takes the lock, waiting at most timeout; false when it was not free in time. */
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

    /**
     * Releases the lock, which this thread holds; also after the memory was closed (the lock keeps its bytes
     * mapped while held), so that other processes do not wait for this one to die.
     */
    public void unlock() throws IOException {
        if (Blocking.onVirtualThread()) {
            Offload.Worker worker = holderFor(Thread.currentThread(), "pthread_mutex_unlock");
            onWorker(worker, UNLOCK);
            heldForVirtual.remove(Thread.currentThread());
            Offload.release(worker);
            return;
        }
        call(UNLOCK);
        HeldMutexes.released(mutex);
    }

    /**
     * After an OwnerDiedException, once the guarded data is repaired: the lock works normally again.
     *
     * @throws IOException pthread_mutex_consistent failed (this thread does not hold the lock after an owner
     *         death), or the memory was closed
     */
    public void markConsistent() throws IOException {
        if (Blocking.onVirtualThread()) {
            onWorker(holderFor(Thread.currentThread(), "pthread_mutex_consistent"), CONSISTENT);
            return;
        }
        call(CONSISTENT);
    }

    private Offload.Worker holderFor(Thread thread, String call) {
        Offload.Worker worker = heldForVirtual.get(thread);
        if (worker == null) {
            throw new IllegalMonitorStateException(description + ": " + call + " by a thread that does not hold the lock");
        }
        return worker;
    }

    private void onWorker(Offload.Worker worker, int which) throws IOException {
        try {
            worker.run(() -> {
                if (which == UNLOCK) {
                    call(UNLOCK);
                    HeldMutexes.released(mutex);
                } else {
                    call(which);
                }
                return 0;
            });
        } catch (InterruptedException impossible) {
            throw new AssertionError("unlock and markConsistent do not wait", impossible);
        }
    }

    /** A virtual thread's lock: a reserved worker takes it, and keeps it until this thread unlocks. */
    private boolean lockOnWorker(long deadline) throws OwnerDiedException, InterruptedException, IOException {
        Thread me = Thread.currentThread();
        if (heldForVirtual.containsKey(me)) {
            throw new IllegalMonitorStateException(description + ": this thread holds it already (the lock is "
                    + "not reentrant)");
        }
        Offload.Worker worker = Offload.reserve();
        boolean held = false;
        try {
            long r = worker.run(() -> {
                try {
                    return lock(deadline) ? TAKEN : NOT_TAKEN;
                } catch (OwnerDiedException ownerDied) {
                    return TAKEN_OWNER_DIED;
                }
            });
            held = r != NOT_TAKEN;
            if (r == TAKEN_OWNER_DIED) {
                throw new OwnerDiedException(description);
            }
            return held;
        } finally {
            if (held) {
                heldForVirtual.put(me, worker);
            } else {
                Offload.release(worker);
            }
        }
    }

    /**
     * Where the lock starts in its shared memory.
     *
     * @return the offset in bytes
     */
    public long offset() {
        return offset;
    }

    @Override
    public String toString() {
        return description;
    }

    private static RobustLock place(SharedMemory memory, long offset) {
        Objects.requireNonNull(memory, "memory must not be null");
        Platform.require(Feature.ROBUST_MUTEX);
        if (offset < 0 || (offset & 7) != 0) {
            throw new IllegalArgumentException("a lock's offset must be a multiple of 8 and not negative, was "
                    + offset);
        }
        if (offset > memory.size() - SIZE) {
            throw new IndexOutOfBoundsException("a lock takes " + SIZE + " bytes: offset " + offset
                    + " leaves fewer in " + memory.description() + " (" + memory.size() + " bytes)");
        }
        if (!memory.isWritable()) {
            throw new IllegalArgumentException("a lock needs writable memory: " + memory.description()
                    + " is mapped read-only");
        }
        return new RobustLock(memory, offset);
    }

    private boolean lock(long deadline) throws OwnerDiedException, InterruptedException, IOException {
        if (Blocking.onVirtualThread()) {
            return lockOnWorker(deadline);
        }
        for (;;) {
            if (deadline != Deadline.NOW && Thread.interrupted()) { // tryLock() does not wait: the status is not its
                throw new InterruptedException();
            }
            long remaining = Deadline.remaining(deadline);
            long slice = remaining < 0 ? SLICE_NANOS : Math.min(remaining, SLICE_NANOS);
            memory.checkCovers(offset, SIZE);
            int r;
            try {
                r = NativeMemory.mutexLock(mutex, slice);
            } finally {
                Reference.reachabilityFence(keepMapped);
            }
            if (r == NativeMemory.LOST) {
                throw lost("pthread_mutex_lock");
            }
            if (r == 0) {
                HeldMutexes.taken(mutex, keepMapped);
                return true;
            }
            if (r == -Errno.EOWNERDEAD) {
                HeldMutexes.taken(mutex, keepMapped);
                throw new OwnerDiedException(description);
            }
            if (r == -Errno.ETIMEDOUT || r == -Errno.EBUSY) {
                if (remaining == 0 || Deadline.remaining(deadline) == 0) {
                    return false;
                }
                continue;
            }
            throw failure(-r, "pthread_mutex_lock");
        }
    }

    private static final long NOT_TAKEN = 0;
    private static final long TAKEN = 1;
    private static final long TAKEN_OWNER_DIED = 2;

    private static final int INIT = 0;
    private static final int UNLOCK = 1;
    private static final int CONSISTENT = 2;
    private static final String[] CALLS = {"pthread_mutex_init", "pthread_mutex_unlock", "pthread_mutex_consistent"};

    /** One of the calls that cannot block, by number: a lambda here would allocate at every unlock. */
    private void call(int which) throws IOException {
        // after close only the holder's unlock goes on: a held lock keeps its bytes mapped, and left held it would
        // stall every other process until this one dies (no size check: that needs the memory open)
        boolean unlockAfterClose = which == UNLOCK && memory.isClosed() && HeldMutexes.isHeld(mutex);
        if (!unlockAfterClose) {
            memory.checkCovers(offset, SIZE); // IpcClosedException once closed
        }
        int r;
        try {
            r = which == UNLOCK ? NativeMemory.mutexUnlock(mutex)
                    : which == CONSISTENT ? NativeMemory.mutexConsistent(mutex) : NativeMemory.mutexInit(mutex);
        } finally {
            Reference.reachabilityFence(keepMapped);
        }
        if (r == NativeMemory.LOST) {
            throw lost(CALLS[which]);
        }
        if (r != 0) {
            if (unlockAfterClose && -r == Errno.EPERM) {
                memory.checkCovers(offset, SIZE); // not this thread's lock: a use after close, as for anyone else
            }
            throw failure(-r, CALLS[which]);
        }
    }

    /**
     * Another process truncated the memory under the mutex while the call touched it: the C library would have
     * ended the JVM (SIGBUS); ipc4j let the call end on private memory instead, which is mapped from the object
     * again here, before anything reads it.
     */
    private IOException lost(String call) {
        try {
            return mapped.lost(offset + MUTEX_OFFSET, NativeMemory.mutexSize(), call, "another process truncated "
                    + "the memory under the lock at offset " + offset + " while this thread used it: the call did "
                    + "not happen, and the lock's state there is gone");
        } finally {
            Reference.reachabilityFence(keepMapped);
        }
    }

    private IOException failure(int errno, String call) {
        if (errno == Errno.EPERM) {
            throw new IllegalMonitorStateException(description + ": " + call
                    + " by a thread that does not hold the lock");
        }
        if (errno == Errno.EDEADLK) {
            throw new IllegalMonitorStateException(description + ": this thread holds it already (the lock is "
                    + "not reentrant)");
        }
        if (errno == Errno.EINVAL && call.equals("pthread_mutex_consistent")) {
            throw new IllegalStateException(description + ": markConsistent is for the holder after an "
                    + "OwnerDiedException, and the state is not inconsistent");
        }
        if (errno == Errno.EINVAL && !call.equals("pthread_mutex_init")) {
            return Errors.ipc(errno, call, description, "the lock's bytes were overwritten (its mutex is not of the "
                    + "kind initialize makes): RobustLock.initialize it again when no process uses it");
        }
        if (errno == Errno.ENOTRECOVERABLE) {
            return Errors.ipc(errno, call, description, "the lock is unusable: a holder died and the next one "
                    + "unlocked it without markConsistent(); RobustLock.initialize it again when no process uses it");
        }
        return Errors.of(errno, call, description);
    }
}
