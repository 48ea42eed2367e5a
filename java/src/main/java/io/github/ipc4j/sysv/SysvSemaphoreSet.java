package io.github.ipc4j.sysv;

import io.github.ipc4j.Access;
import io.github.ipc4j.Feature;
import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.IpcRemovedException;
import io.github.ipc4j.OpenMode;
import io.github.ipc4j.Platform;
import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.Errno;
import io.github.ipc4j.internal.Errors;
import io.github.ipc4j.internal.NativeHandle;
import io.github.ipc4j.internal.NativeSysvSem;
import io.github.ipc4j.internal.Blocking;
import io.github.ipc4j.internal.CallSlot;
import io.github.ipc4j.internal.Offload;
import io.github.ipc4j.internal.WaitPredictor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A System V semaphore set ({@code semget}): N counters, each 0 to 32767, that processes change with
 * {@link SemOperation}s the kernel applies atomically (all of an operation's changes, or none).
 *
 * <p><b>Initialisation.</b> A new set's values are all 0, and a set is created and given its values in two
 * steps, so a process that opens an existing set may find it not yet initialised. The usual remedy: the
 * creator gives the values with {@link SysvSemOptions#initialValues} (SETALL, then a no-op operation, which
 * sets the last-operation time), and the others call {@link #awaitInitialized} after opening, which waits
 * until that time is no longer 0.
 *
 * <p><b>Blocking.</b> {@link #perform} waits as long as needed; it throws InterruptedException when the thread
 * is interrupted, IpcClosedException when another thread closes this object, and IpcRemovedException when
 * the set is removed (by any process). {@link #tryPerform(SemOperation)} never waits;
 * {@link #tryPerform(SemOperation, Duration)} waits at most a timeout, where the OS has {@code semtimedop}
 * (Linux; not macOS: see {@link Feature#SYSV_SEMAPHORE_TIMED}).
 *
 * <p>A set has no descriptor: {@link #close()} only ends this object's use of it (the set stays, for every
 * process, until {@link #remove()}). Thread-safe.
 */
public final class SysvSemaphoreSet implements SysvObject<SysvSemStatus> {
    private static final String KIND = "System V semaphore set";

    private final int id;
    private final IpcKey key;
    private final int size;
    private final boolean created;
    private final Access access;
    private final String description;
    private final WaitPredictor predictor = new WaitPredictor();
    private final NativeHandle handle;
    private volatile boolean removed;

    private SysvSemaphoreSet(int id, IpcKey key, int size, boolean created, Access access) {
        this.id = id;
        this.key = key;
        this.size = size;
        this.created = created;
        this.access = access;
        this.description = describe(key, id);
        this.handle = NativeHandle.holdingNothing(description); // an identifier holds nothing in this process
    }

    private static String describe(IpcKey key, int id) {
        return KIND + " " + key + " (id " + id + ")";
    }

    // ---- opening -------------------------------------------------------------------------------------

    /**
     * Opens the existing set with key, for reading and changing its values.
     *
     * @param key the set's key
     * @return the set
     * @throws IllegalArgumentException key is {@link IpcKey#PRIVATE} (a private set is reached with ofId)
     * @throws NoSuchFileException no set has that key
     * @throws java.nio.file.AccessDeniedException the set's mode refuses this user
     * @throws IOException any other failure
     */
    public static SysvSemaphoreSet open(IpcKey key) throws IOException {
        return open(key, SysvSemOptions.options());
    }

    /**
     * Opens (or creates, as options say) the set with key. {@link IpcKey#PRIVATE} always creates a new set
     * (open mode CREATE_NEW or OPEN_OR_CREATE), which other processes reach by its {@link #id()}.
     *
     * @param key the set's key ({@link IpcKey#PRIVATE} makes a new one)
     * @param options how to open or create it
     * @return the set
     * @throws IllegalArgumentException a count or initial values that do not fit, or above SEMMSL
     * @throws java.nio.file.FileAlreadyExistsException CREATE_NEW and a set with key exists
     * @throws NoSuchFileException OPEN_EXISTING and none does
     * @throws java.nio.file.AccessDeniedException the set's mode refuses this user, or an ownership check
     *         asked for failed
     * @throws IpcException any other failure, naming the kernel limit (SEMMNI, SEMMNS) when one was reached
     */
    public static SysvSemaphoreSet open(IpcKey key, SysvSemOptions options) throws IOException {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(options, "options must not be null");
        int[] initial = options.initialValues();
        int count = options.count();
        if (initial != null) {
            if (count != 0 && count != initial.length) {
                throw new IllegalArgumentException("count " + count + " and the " + initial.length
                        + " initialValues disagree: give one value per semaphore");
            }
            count = initial.length;
        }
        OpenMode mode = options.openMode();
        if (key.isPrivate() && mode == OpenMode.OPEN_EXISTING) {
            throw new IllegalArgumentException("IpcKey.PRIVATE always creates a new set: open it with createNew() "
                    + "(or openOrCreate()); an existing private set is reached with SysvSemaphoreSet.ofId(id)");
        }
        if (mode != OpenMode.OPEN_EXISTING && count == 0) {
            throw new IllegalArgumentException("count (1 to SEMMSL) must be given when the set may be created");
        }
        Platform.require(Feature.SYSV_SEMAPHORE);
        SysvSemLimits.Limit.SEMMSL.check("count", count);
        long r = NativeSysvSem.open(key.value(), mode.ordinal(), count, options.mode());
        if (r < 0) {
            throw openFailure((int) -r, key, count);
        }
        int id = (int) r;
        boolean created = (r >>> 32) != 0;
        String description = describe(key, id);
        return SysvOpening.finish(id, created, options, description, () -> readStatus(id, description),
                NativeSysvSem::remove, s -> {
                    if (created && initial != null) {
                        initialize(id, initial, description);
                    }
                    return new SysvSemaphoreSet(id, key, (int) s[6], created, Access.READ_WRITE);
                });
    }

    /**
     * Creates a new private set (IPC_PRIVATE) of count semaphores, mode 0600, all 0.
     *
     * @param count how many semaphores, 1 to SEMMSL
     * @return the new set
     * @throws IOException the OS refused
     */
    public static SysvSemaphoreSet createPrivate(int count) throws IOException {
        return open(IpcKey.PRIVATE, SysvSemOptions.options().createNew().count(count));
    }

    /**
     * Reaches an existing set by its id (from {@link #id()} in another process, say, or ipcs), for reading
     * and changing its values: the way to a private set.
     *
     * @param id the set's identifier
     * @return the set
     * @throws IllegalArgumentException id is negative
     * @throws NoSuchFileException no set has that id
     * @throws IOException any other failure
     */
    public static SysvSemaphoreSet ofId(int id) throws IOException {
        return ofId(id, Access.READ_WRITE);
    }

    /**
     * Reaches an existing set by its id for access: READ_ONLY refuses what changes values ({@link #set},
     * {@link #setAll}, and operations that add to or take from a semaphore; waiting for zero is a read),
     * WRITE_ONLY refuses what reads them ({@link #get}, {@link #getAll}, {@link #lastPid} and the waiter
     * counts), in Java, before any call, as the kernel's read and alter permissions would.
     *
     * @param id the set's identifier
     * @param access what this object may do with the values
     * @return the set
     * @throws IllegalArgumentException id is negative
     * @throws NoSuchFileException no set has that id
     * @throws IOException any other failure
     */
    public static SysvSemaphoreSet ofId(int id, Access access) throws IOException {
        SysvChecks.id(id, "semaphore set");
        Objects.requireNonNull(access, "access must not be null");
        Platform.require(Feature.SYSV_SEMAPHORE);
        long[] status = SysvOpening.statusById(id, KIND, "semaphore set", "semctl(IPC_STAT)", NativeSysvSem.STATUS_LENGTH,
                NativeSysvSem::status);
        return new SysvSemaphoreSet(id, IpcKey.of((int) status[0]), (int) status[6], false, access);
    }

    private static long[] readStatus(int id, String description) throws IOException {
        long[] status = new long[NativeSysvSem.STATUS_LENGTH];
        int r = NativeSysvSem.status(id, status);
        if (r < 0) {
            throw Errors.of(-r, "semctl(IPC_STAT)", description);
        }
        return status;
    }

    /** SETALL, then a no-op semop (take and give back one), which sets sem_otime: the set is ready. */
    private static void initialize(int id, int[] values, String description) throws IOException {
        checkAll(NativeSysvSem.setAll(id, toShorts(values)), values.length, "semctl(SETALL)", description);
        short first = (short) (values[0] < SysvSemLimits.SEMVMX ? 1 : -1);
        ByteBuffer noOp = ByteBuffer.allocateDirect(2 * NativeSysvSem.sembufSize());
        NativeSysvSem.encode(new short[] {0, 0}, new short[] {first, (short) -first}, new byte[2], 2, true, noOp);
        check(NativeSysvSem.op(id, noOp, 2, 0, -1), "semop", description);
    }

    private static IOException openFailure(int errno, IpcKey key, int count) {
        String name = KIND + " " + key;
        if (errno == Errno.ENOSPC) {
            String detail = "no room for a new set of " + count + " semaphores";
            SysvSemLimits.Limit reached = SysvSemLimits.exhausted(count);
            if (reached != null) {
                return Errors.limit(errno, "semget", name, detail, reached.describe(), reached.howToRaise());
            }
            SysvSemLimits.Limit sets = SysvSemLimits.Limit.SEMMNI;
            SysvSemLimits.Limit all = SysvSemLimits.Limit.SEMMNS;
            return Errors.limit(errno, "semget", name, detail, sets.describe() + " or " + all.describe(),
                    sets.howToRaise() + "; or for " + all.name() + ": " + all.howToRaise());
        }
        if (errno == Errno.EINVAL) {
            return Errors.limit(errno, "semget", name, "the existing set has fewer semaphores than the count " + count
                    + " asked for, or the count exceeds the limit", SysvSemLimits.Limit.SEMMSL.describe(),
                    SysvSemLimits.Limit.SEMMSL.howToRaise());
        }
        return Errors.of(errno, "semget", name);
    }

    // ---- what it is ----------------------------------------------------------------------------------

    /** The set's id: what other processes pass to {@link #ofId} (and what ipcs shows as semid). */
    @Override
    public int id() {
        return id;
    }

    @Override
    public IpcKey key() {
        return key;
    }

    /**
     * How many semaphores the set has (fixed when it was created).
     *
     * @return how many semaphores the set has
     */
    public int size() {
        return size;
    }

    /** Whether this open created the set. */
    @Override
    public boolean created() {
        return created;
    }

    /**
     * What this object may do with the values: READ_WRITE unless {@link #ofId(int, Access)} asked less.
     *
     * @return the access
     */
    @Override
    public Access access() {
        return access;
    }

    /**
     * Starts an operation on this set's semaphores (indexes 0 to size() - 1).
     *
     * @return a builder of operations on this set
     */
    public SemOperation.Builder operation() {
        return new SemOperation.Builder(size, description);
    }

    // ---- operations ----------------------------------------------------------------------------------

    /**
     * Performs op atomically, waiting as long as one of its operations would take a semaphore below 0 or
     * waits for a zero that is not there; nothing changes until all can be done at once.
     *
     * @param op the operation, built for this set
     * @return true; false only when op holds an operation flagged {@link SemFlag#NO_WAIT} that would have had
     *         to wait (then nothing changed)
     * @throws InterruptedException the thread was interrupted while it waited (nothing changed; the set stays
     *         usable). An operation that only adds never waits: it is done even on an interrupted thread
     * @throws IpcClosedException this object was closed (before or during the wait)
     * @throws IpcRemovedException the set was removed (before or during the wait)
     * @throws IpcException ERANGE when a value would exceed 32767 (SEMVMX), and other failures
     */
    public boolean perform(SemOperation op) throws IOException, InterruptedException {
        checkOperation(op);
        return run(op, Deadline.NONE);
    }

    /**
     * Performs op if it can be done now, else changes nothing and returns false (IPC_NOWAIT on all).
     *
     * @param op the operation, built for this set
     * @return true if it was done; false (nothing changed) if it would have had to wait
     * @throws IOException the OS refused
     */
    public boolean tryPerform(SemOperation op) throws IOException {
        checkOperation(op);
        try {
            return run(op, Deadline.NOW);
        } catch (InterruptedException impossible) {
            throw new AssertionError("an operation that does not wait cannot be interrupted", impossible);
        }
    }

    /**
     * Performs op, waiting at most timeout (semtimedop); false when it could not be done in time (nothing
     * changed). A zero timeout tries once, on every OS.
     *
     * @param op the operation, built for this set
     * @param timeout the longest wait; zero or negative tries once
     * @return true if it was done; false (nothing changed) if it could not be in time
     * @throws UnsupportedOperationException a non-zero timeout where the OS lacks semtimedop (macOS)
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing changed
     */
    public boolean tryPerform(SemOperation op, Duration timeout) throws IOException, InterruptedException {
        checkOperation(op);
        return tryPerform(op, Deadline.after(timeout));
    }

    /**
     * Performs op, waiting at most timeout units for it to be possible; a negative timeout means zero.
     *
     * @param op the operation
     * @param timeout the longest wait, in units
     * @param unit the unit of timeout
     * @return true if it was performed, false when it could not be in time (nothing changed)
     * @throws UnsupportedOperationException a positive timeout where the OS lacks semtimedop (macOS)
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting; nothing changed
     */
    public boolean tryPerform(SemOperation op, long timeout, TimeUnit unit) throws IOException, InterruptedException {
        checkOperation(op);
        return tryPerform(op, Deadline.after(timeout, unit));
    }

    private boolean tryPerform(SemOperation op, long deadline) throws IOException, InterruptedException {
        if (deadline != Deadline.NOW && deadline != Deadline.NONE) {
            Platform.require(Feature.SYSV_SEMAPHORE_TIMED);
        }
        return run(op, deadline);
    }

    private void checkOperation(SemOperation op) {
        Objects.requireNonNull(op, "operation must not be null");
        if (access != Access.READ_WRITE) {
            for (int i = 0; i < op.size(); i++) {
                requireAccess(op.delta(i) == 0 ? Access.READ_ONLY : Access.WRITE_ONLY, "operation " + op);
            }
        }
        if (op.maxIndex >= size) {
            throw new IllegalArgumentException("operation " + op + " acts on semaphore " + op.maxIndex + ", but "
                    + description + " has " + size + " semaphores (indexes 0 to " + (size - 1) + ")");
        }
    }

    private boolean run(SemOperation op, long deadline) throws IOException, InterruptedException {
        enter();
        try {
            if (deadline == Deadline.NOW || op.neverWaits) { // one call, no wake-up machinery
                return applied(NativeSysvSem.op(id, op.noWait, op.count, 0, -1), "semop");
            }
            // a try that cannot sleep first, when it is likely to succeed: an operation that can be done now
            // skips the wake-up machinery; one that has to wait would pay a system call for nothing
            if (predictor.tryFirst()) {
                int now = NativeSysvSem.op(id, op.noWait, op.count, 0, -1);
                if (now != -Errno.EAGAIN) {
                    return applied(now, "semop");
                }
                predictor.tryFailed();
            }
            String call = deadline == Deadline.NONE ? "semop" : "semtimedop";
            for (;;) {
                long timeout = Deadline.remaining(deadline);
                int r = Blocking.onVirtualThread() ? (int) Offload.run(() -> waitOnce(op, timeout)) : waitOnce(op, timeout);
                if (r == -Errno.EINTR) {
                    Blocking.afterEintr(handle); // closed or interrupted: throws; else try again
                    continue;
                }
                return applied(r, call);
            }
        } finally {
            handle.exit();
        }
    }

    private int waitOnce(SemOperation op, long timeout) throws IpcClosedException {
        CallSlot slot = Blocking.begin(handle);
        try {
            return NativeSysvSem.op(id, op.asBuilt, op.count, slot.waker(), timeout);
        } finally {
            Blocking.end(slot);
        }
    }

    /** true when done, false when it would have had to wait (EAGAIN: IPC_NOWAIT, or the timeout passed). */
    private boolean applied(int r, String call) throws IOException {
        if (r == 0) {
            return true;
        }
        if (r == -Errno.EAGAIN) {
            return false;
        }
        throw failure(-r, call);
    }

    // ---- values --------------------------------------------------------------------------------------

    /**
     * Semaphore index's value now (GETVAL).
     *
     * @param index 0 to size() - 1
     * @return the value, 0 to 32767
     * @throws IllegalArgumentException index outside the set
     * @throws IllegalStateException this object was reached WRITE_ONLY
     * @throws IOException closed, removed, or another failure
     */
    public int get(int index) throws IOException {
        return read(index, NativeSysvSem.GET_VALUE, "semctl(GETVAL)");
    }

    /**
     * Sets semaphore index to value, 0 to 32767 (SETVAL). Waiters that can now proceed do; every process's
     * SEM_UNDO adjustment for this semaphore is cleared.
     *
     * @param index 0 to size() - 1
     * @param value 0 to 32767
     * @throws IllegalArgumentException index outside the set, or value out of range
     * @throws IllegalStateException this object was reached READ_ONLY
     * @throws IOException closed, removed, or another failure
     */
    public void set(int index, int value) throws IOException {
        requireAccess(Access.WRITE_ONLY, "set");
        checkIndex(index);
        checkValue(value, "value");
        enter();
        try {
            check(NativeSysvSem.setValue(id, index, value), "semctl(SETVAL)");
        } finally {
            handle.exit();
        }
    }

    /**
     * Every semaphore's value, read at one moment (GETALL).
     *
     * @return one value per semaphore
     * @throws IllegalStateException this object was reached WRITE_ONLY
     * @throws IOException closed, removed, or another failure
     */
    public int[] getAll() throws IOException {
        requireAccess(Access.READ_ONLY, "getAll");
        short[] raw = new short[size];
        enter();
        try {
            int r = NativeSysvSem.getAll(id, raw);
            check(r, "semctl(GETALL)");
            checkAll(r, size, "semctl(GETALL)", description);
        } finally {
            handle.exit();
        }
        int[] values = new int[size];
        for (int i = 0; i < size; i++) {
            values[i] = raw[i] & 0xffff;
        }
        return values;
    }

    /**
     * Sets every semaphore at once (SETALL).
     *
     * @param values one value per semaphore, each 0 to 32767
     * @throws IllegalArgumentException the wrong number of values, or one out of range
     * @throws IllegalStateException this object was reached READ_ONLY
     * @throws IOException closed, removed, or another failure
     */
    public void setAll(int... values) throws IOException {
        requireAccess(Access.WRITE_ONLY, "setAll");
        Objects.requireNonNull(values, "values must not be null");
        if (values.length != size) {
            throw new IllegalArgumentException("setAll needs one value per semaphore: " + description + " has "
                    + size + ", " + values.length + " were given");
        }
        for (int i = 0; i < values.length; i++) {
            checkValue(values[i], "values[" + i + "]");
        }
        short[] raw = toShorts(values);
        enter();
        try {
            int r = NativeSysvSem.setAll(id, raw);
            check(r, "semctl(SETALL)");
            checkAll(r, size, "semctl(SETALL)", description);
        } finally {
            handle.exit();
        }
    }

    /**
     * The pid of the process that last changed semaphore index by an operation (GETPID); 0 if none has.
     *
     * @param index the semaphore, 0 to size() - 1
     * @return the pid of the process that operated on it last (GETPID)
     * @throws IOException the OS refused
     */
    public int lastPid(int index) throws IOException {
        return read(index, NativeSysvSem.GET_PID, "semctl(GETPID)");
    }

    /**
     * How many threads wait for semaphore index to increase (GETNCNT).
     *
     * @param index the semaphore, 0 to size() - 1
     * @return how many processes wait for it to grow (GETNCNT)
     * @throws IOException the OS refused
     */
    public int waitingForIncrease(int index) throws IOException {
        return read(index, NativeSysvSem.GET_NCOUNT, "semctl(GETNCNT)");
    }

    /**
     * How many threads wait for semaphore index to become zero (GETZCNT).
     *
     * @param index the semaphore, 0 to size() - 1
     * @return how many processes wait for it to be zero (GETZCNT)
     * @throws IOException the OS refused
     */
    public int waitingForZero(int index) throws IOException {
        return read(index, NativeSysvSem.GET_ZCOUNT, "semctl(GETZCNT)");
    }

    private int read(int index, int what, String call) throws IOException {
        requireAccess(Access.READ_ONLY, call);
        checkIndex(index);
        enter();
        try {
            int r = NativeSysvSem.get(id, index, what);
            check(r, call);
            return r;
        } finally {
            handle.exit();
        }
    }

    // ---- status, owner, mode, removal ----------------------------------------------------------------

    /** The set's status now (IPC_STAT). */
    @Override
    public SysvSemStatus status() throws IOException {
        long[] s = new long[NativeSysvSem.STATUS_LENGTH];
        enter();
        try {
            check(NativeSysvSem.status(id, s), "semctl(IPC_STAT)");
        } finally {
            handle.exit();
        }
        SysvOpening.requireSameObject((int) s[0] == key.value() && s[6] == size, s, "semctl(IPC_STAT)", description,
                "set");
        return SysvSemStatus.of(id, s);
    }

    /**
     * Waits until some process has performed an operation on the set (its last-operation time is not 0):
     * how a process that opened a set another one created knows that the creator has given it its values
     * (see {@link SysvSemOptions#initialValues}). Checks every few milliseconds.
     *
     * @param timeout the longest wait; zero or negative looks once
     * @return true when initialised, false when timeout passed first
     * @throws IOException the OS refused (the set was removed, for one)
     * @throws InterruptedException the thread was interrupted while waiting
     */
    public boolean awaitInitialized(Duration timeout) throws IOException, InterruptedException {
        return awaitInitialized(Deadline.after(timeout));
    }

    /**
     * As {@link #awaitInitialized(Duration)}, waiting at most timeout units.
     *
     * @param timeout the longest wait, in units; zero or negative looks once
     * @param unit the unit of timeout
     * @return true when initialised, false when timeout passed first
     * @throws IOException the OS refused (the set was removed, for one)
     * @throws InterruptedException the thread was interrupted while waiting
     */
    public boolean awaitInitialized(long timeout, TimeUnit unit) throws IOException, InterruptedException {
        return awaitInitialized(Deadline.after(timeout, unit));
    }

    private boolean awaitInitialized(long deadline) throws IOException, InterruptedException {
        long[] s = new long[NativeSysvSem.STATUS_LENGTH];
        long pauseMillis = 1;
        for (;;) {
            enter();
            try {
                check(NativeSysvSem.status(id, s), "semctl(IPC_STAT)");
            } finally {
                handle.exit();
            }
            if (s[7] != 0) {
                return true;
            }
            long left = Deadline.remaining(deadline);
            if (left == 0) {
                return false;
            }
            long pause = left < 0 ? pauseMillis : Math.min(pauseMillis, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            Thread.sleep(pause);
            if (handle.isClosed()) {
                throw handle.closedWhileBlocked();
            }
            pauseMillis = Math.min(pauseMillis * 2, 50);
        }
    }

    /** Gives the set to another owner (IPC_SET; the owner or root may). uid and gid: 0 to 4294967294. */
    @Override
    public void setOwner(long uid, long gid) throws IOException {
        SysvChecks.ownerId(uid, "uid");
        SysvChecks.ownerId(gid, "gid");
        setOwnerMode(uid, gid, -1);
    }

    /** Changes the permission bits, 0 to 0777 (IPC_SET; the owner or root may). */
    @Override
    public void setMode(int mode) throws IOException {
        SysvChecks.mode(mode);
        setOwnerMode(-1, -1, mode);
    }

    private void setOwnerMode(long uid, long gid, int mode) throws IOException {
        enter();
        try {
            check(NativeSysvSem.setOwnerMode(id, uid, gid, mode), "semctl(IPC_SET)");
        } finally {
            handle.exit();
        }
    }

    /**
     * Removes the set (IPC_RMID) for every process, at once: threads blocked on it get IpcRemovedException,
     * and so does every later call through this or any other object for it. Works after {@link #close()}
     * too (it acts on the id), as for every System V object.
     *
     * @throws IpcRemovedException the set was removed already
     * @throws java.nio.file.AccessDeniedException this process may not remove it
     * @throws IOException any other failure
     */
    @Override
    public void remove() throws IOException {
        if (removed) {
            throw new IpcRemovedException("semctl(IPC_RMID)", Errno.EIDRM, "EIDRM", description);
        }
        check(NativeSysvSem.remove(id), "semctl(IPC_RMID)"); // by id: works after close, as for every kind
        removed = true;
    }

    /** Whether {@link #remove()} was called on this object (another process's removal shows at the next call). */
    @Override
    public boolean isRemoved() {
        return removed;
    }

    /**
     * Ends this object's use of the set; threads blocked in {@link #perform} return with IpcClosedException.
     * The set itself stays ({@link #remove()} removes it). Idempotent.
     */
    @Override
    public void close() {
        handle.close();
    }

    @Override
    public boolean isClosed() {
        return handle.isClosed();
    }

    @Override
    public String toString() {
        return description;
    }

    // ---- checks and errors ---------------------------------------------------------------------------

    /** Starts a call: throws when closed, or removed through this object (its id may name another set by now). */
    private void enter() throws IOException {
        handle.enter();
        if (removed) {
            handle.exit();
            throw new IpcRemovedException("semctl/semop", Errno.EIDRM, "EIDRM", description);
        }
    }

    /** needed: READ_ONLY for a read, WRITE_ONLY for a change; refuses what this object's access lacks. */
    private void requireAccess(Access needed, String what) {
        boolean allowed = needed == Access.READ_ONLY ? access.canRead() : access.canWrite();
        if (!allowed) {
            throw new IllegalStateException(description + " was opened " + access + "; " + what + " needs "
                    + (needed == Access.READ_ONLY ? "READ_ONLY or READ_WRITE (it reads values)"
                    : "WRITE_ONLY or READ_WRITE (it changes values)"));
        }
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("semaphore index " + index + " is outside " + description
                    + ", which has " + size + " semaphores (indexes 0 to " + (size - 1) + ")");
        }
    }

    static void checkValue(int value, String what) {
        if (value < 0 || value > SysvSemLimits.SEMVMX) {
            throw new IllegalArgumentException(what + " must be from 0 to " + SysvSemLimits.SEMVMX
                    + " (SEMVMX, the largest value a semaphore holds), was " + value);
        }
    }


    private static short[] toShorts(int[] values) {
        short[] raw = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            raw[i] = (short) values[i];
        }
        return raw;
    }

    private void check(int r, String call) throws IOException {
        if (r < 0) {
            throw failure(-r, call);
        }
    }

    private static void check(int r, String call, String description) throws IOException {
        if (r < 0) {
            throw Errors.of(-r, call, description);
        }
    }

    /**
     * After GETALL/SETALL, which the C layer sizes from the kernel: a positive r is the number of semaphores
     * of the set that the id names now, not this one's (removed, its id given to another set); nothing was
     * read or written.
     */
    private static void checkAll(int r, int expected, String call, String description) throws IOException {
        if (r < 0) {
            throw Errors.of(-r, call, description);
        }
        if (r > 0) {
            throw SysvOpening.idReused(call, Errno.EIDRM, description, "set, of " + r + " semaphores (this one had "
                    + expected + "); nothing was read or written");
        }
    }

    private IOException failure(int errno, String call) {
        if (errno == Errno.EIDRM || errno == Errno.EINVAL) {
            // every argument was checked: EINVAL means the id no longer names a set
            return new IpcRemovedException(call, errno, Errno.name(errno), description);
        }
        if (errno == Errno.EFBIG) {
            // every index was checked against this set's size: the id now names a set with fewer semaphores
            return SysvOpening.idReused(call, errno, description, "set, with fewer semaphores than this one's " + size
                    + "; nothing was changed");
        }
        if (errno == Errno.ERANGE) {
            return Errors.limit(errno, call, description, "a value would leave 0 to 32767, or a SEM_UNDO adjustment "
                            + "-32768 to 32767", "SEMVMX (32767, the largest value a semaphore holds)",
                    "it is fixed in the kernel: keep values and undo adjustments within it");
        }
        if (errno == Errno.E2BIG) {
            return Errors.limit(errno, call, description, "too many operations in one call",
                    SysvSemLimits.Limit.SEMOPM.describe(), SysvSemLimits.Limit.SEMOPM.howToRaise());
        }
        return Errors.of(errno, call, description);
    }
}
