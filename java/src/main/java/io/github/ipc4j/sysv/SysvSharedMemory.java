package io.github.ipc4j.sysv;

import io.github.ipc4j.Access;
import io.github.ipc4j.Feature;
import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.IpcRemovedException;
import io.github.ipc4j.OpenMode;
import io.github.ipc4j.Platform;
import io.github.ipc4j.SharedMemory;
import io.github.ipc4j.SharedMemoryOptions;
import io.github.ipc4j.internal.Errno;
import io.github.ipc4j.internal.Errors;
import io.github.ipc4j.internal.KernelLimits;
import io.github.ipc4j.internal.MappedMemory;
import io.github.ipc4j.internal.MappingBudget;
import io.github.ipc4j.internal.Mappings;
import io.github.ipc4j.internal.NativeSysvShm;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;

/**
 * A System V shared memory segment ({@code shmget} + {@code shmat}), Linux and macOS, attached into this
 * process. Views, atomics and the safety rule are {@link SharedMemory}'s: the segment is detached
 * ({@code shmdt}) only when the last view over it is unreachable, so nothing can touch detached memory.
 *
 * <p>{@link #remove()} (IPC_RMID) marks the segment for removal: it lives on, usable by everyone attached,
 * until the last attachment in any process goes, and then it is gone. Segments cannot shrink, so their
 * atomics skip the size check POSIX objects need. {@link #close()} neither detaches at once nor removes;
 * {@link #closeAndRelease()} detaches at once when no view is live.
 *
 * <p>Thread-safe, as every {@link io.github.ipc4j.SharedMemory}: views and atomics may be used from any number of threads; close from any thread.
 */
public final class SysvSharedMemory extends SharedMemory implements SysvObject<SysvShmStatus> {
    /** The most bytes a segment may have (kernel.shmmax). */
    public static final String SHMMAX = "/proc/sys/kernel/shmmax";
    /** The most pages all segments together may have (kernel.shmall). */
    public static final String SHMALL = "/proc/sys/kernel/shmall";
    /** The most segments the system holds (kernel.shmmni). */
    public static final String SHMMNI = "/proc/sys/kernel/shmmni";

    private static final String KIND = "System V shared memory";

    private final int id;
    private final IpcKey key;
    private final boolean created;
    private final Access access;
    private volatile boolean removed;

    private SysvSharedMemory(int id, IpcKey key, boolean created, Access access, MappedMemory memory) {
        super(describe(key, id));
        this.id = id;
        this.key = key;
        this.created = created;
        this.access = access;
        Mappings.set(this, memory);
    }

    private static String describe(IpcKey key, int id) {
        return KIND + " " + key + " (id " + id + ")";
    }

    /**
     * Attaches the existing segment with key, read-write.
     *
     * @param key the segment's key
     * @return the segment, attached
     * @throws IllegalArgumentException key is {@link IpcKey#PRIVATE} (a private segment is reached with ofId)
     * @throws NoSuchFileException no segment has that key
     * @throws java.nio.file.AccessDeniedException the segment's mode refuses this user
     * @throws IOException any other failure
     */
    public static SysvSharedMemory open(IpcKey key) throws IOException {
        return open(key, SysvShmOptions.options());
    }

    /**
     * Opens (or creates, as options say) the segment with key and attaches it. {@link IpcKey#PRIVATE}
     * always creates a new segment, which other processes reach by its {@link #id()}.
     *
     * @param key the segment's key ({@link IpcKey#PRIVATE} makes a new one)
     * @param options how to open or create it
     * @return the segment, attached
     * @throws IllegalArgumentException creation without a size, or OPEN_EXISTING with IpcKey.PRIVATE
     * @throws java.nio.file.FileAlreadyExistsException CREATE_NEW and a segment with key exists
     * @throws NoSuchFileException OPEN_EXISTING and none does
     * @throws java.nio.file.AccessDeniedException the segment's mode refuses this user, or an ownership
     *         check asked for failed
     * @throws IpcException a size outside the kernel's limits (naming kernel.shmmax, shmall or shmmni), an
     *         existing segment smaller than the size asked for, or any other failure
     */
    public static SysvSharedMemory open(IpcKey key, SysvShmOptions options) throws IOException {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(options, "options must not be null");
        OpenMode mode = options.openMode();
        if (key.isPrivate() && mode == OpenMode.OPEN_EXISTING) {
            throw new IllegalArgumentException("IpcKey.PRIVATE always creates a new segment: open it with "
                    + "createNew() (or openOrCreate()); an existing private segment is reached with ofId(id)");
        }
        if (mode != OpenMode.OPEN_EXISTING && options.size() == 0) {
            throw new IllegalArgumentException("creating " + KIND + " " + key
                    + " needs a size: options.size(bytes), 1 to kernel.shmmax");
        }
        Platform.require(Feature.SYSV_SHARED_MEMORY);
        boolean writable = options.access() == Access.READ_WRITE;
        long r = NativeSysvShm.open(key.value(), mode.ordinal(), options.size(), options.mode(), writable);
        if (r < 0) {
            throw openFailure((int) -r, KIND + " " + key, options.size());
        }
        int id = (int) r;
        boolean created = (r >>> 32) != 0;
        String description = describe(key, id);
        return SysvOpening.finish(id, created, options, description, () -> status(id, description),
                NativeSysvShm::remove,
                s -> new SysvSharedMemory(id, key, created, options.access(),
                        attach(id, s, writable, description)));
    }

    /**
     * Creates a new private segment (IPC_PRIVATE) of size bytes, mode 0600, zero-filled, and attaches it.
     *
     * @param size the segment's size in bytes
     * @return the new segment, attached
     * @throws IOException the OS refused
     */
    public static SysvSharedMemory createPrivate(long size) throws IOException {
        return open(IpcKey.PRIVATE, SysvShmOptions.options().createNew().size(size));
    }

    /**
     * Attaches an existing segment by its id (from {@link #id()} in another process, or ipcs), read-write:
     * the way to a private segment.
     *
     * @param id the segment's identifier
     * @return the segment, attached
     * @throws IllegalArgumentException id is negative
     * @throws NoSuchFileException no segment has that id
     * @throws IOException any other failure
     */
    public static SysvSharedMemory ofId(int id) throws IOException {
        return ofId(id, Access.READ_WRITE);
    }

    /**
     * Attaches an existing segment by its id for access (READ_ONLY or READ_WRITE: memory cannot be mapped
     * write-only).
     *
     * @param id the segment's identifier
     * @param access READ_ONLY or READ_WRITE
     * @return the segment, attached
     * @throws IllegalArgumentException id is negative, or access is WRITE_ONLY
     * @throws NoSuchFileException no segment has that id
     * @throws IOException any other failure
     */
    public static SysvSharedMemory ofId(int id, Access access) throws IOException {
        SysvChecks.id(id, "shared memory segment");
        SharedMemoryOptions.requireMappable(access);
        Platform.require(Feature.SYSV_SHARED_MEMORY);
        long[] s = SysvOpening.statusById(id, KIND, "shared memory segment", "shmctl(IPC_STAT)", NativeSysvShm.STATUS_LENGTH,
                NativeSysvShm::status);
        IpcKey key = IpcKey.of((int) s[0]);
        return new SysvSharedMemory(id, key, false, access,
                attach(id, s, access == Access.READ_WRITE, describe(key, id)));
    }

    /** The segment's id: what other processes pass to {@link #ofId} (and what ipcs shows as shmid). */
    @Override
    public int id() {
        return id;
    }

    /**
     * The key the segment was opened with.
     *
     * @return the key; {@link IpcKey#PRIVATE} for a private segment
     */
    @Override
    public IpcKey key() {
        return key;
    }

    /** Whether this open created the segment. */
    @Override
    public boolean created() {
        return created;
    }

    /**
     * What the segment is attached for.
     *
     * @return READ_ONLY or READ_WRITE
     */
    @Override
    public Access access() {
        return access;
    }

    /** The segment's status now (IPC_STAT), also after {@link #remove()} while it is still attached. */
    @Override
    public SysvShmStatus status() throws IOException {
        requireOpen();
        return SysvShmStatus.of(id, status(id, description()));
    }

    /** Gives the segment to another owner (IPC_SET; the owner or root may). uid and gid: 0 to 4294967294. */
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

    /**
     * Marks the segment for removal (IPC_RMID): no new process can attach it by key, and it is gone once
     * every process has detached. This object's views keep working until then. Works after {@link #close()}
     * too (it acts on the id), as for every System V object.
     *
     * @throws IpcRemovedException removed already through this object, or the id no longer names a segment
     * @throws java.nio.file.AccessDeniedException this process may not remove it
     * @throws IOException any other failure
     */
    @Override
    public void remove() throws IOException {
        if (removed) {
            throw new IpcRemovedException("shmctl(IPC_RMID)", Errno.EIDRM, "EIDRM", description());
        }
        check(NativeSysvShm.remove(id), "shmctl(IPC_RMID)"); // by id: works after close, as for every kind
        removed = true;
    }

    /** Whether {@link #remove()} was called on this object. */
    @Override
    public boolean isRemoved() {
        return removed;
    }

    @Override
    protected void closeObject() {
        // the attachment goes with the last view (MappedMemory's unmapper is shmdt)
    }

    @Override
    protected void checkCovers(long offset, long length) throws IOException {
        requireOpen(); // a segment never shrinks
    }

    @Override
    public String toString() {
        return description() + (isClosed() ? " (closed)" : removed ? " (removed)" : "");
    }

    private void setOwnerMode(long uid, long gid, int mode) throws IOException {
        requireOpen();
        check(NativeSysvShm.setOwnerMode(id, uid, gid, mode), "shmctl(IPC_SET)");
    }

    private void requireOpen() throws IpcClosedException {
        if (isClosed()) {
            throw new IpcClosedException(description(), false);
        }
    }

    private void check(int r, String call) throws IOException {
        if (r == -Errno.EINVAL || r == -Errno.EIDRM) {
            throw new IpcRemovedException(call, -r, Errno.name(-r), description());
        }
        if (r < 0) {
            throw Errors.of(-r, call, description());
        }
    }

    private static long[] status(int id, String description) throws IOException {
        long[] s = new long[NativeSysvShm.STATUS_LENGTH];
        int r = NativeSysvShm.status(id, s);
        if (r < 0) {
            throw Errors.of(-r, "shmctl(IPC_STAT)", description);
        }
        return s;
    }

    /**
     * Attaches the segment whose status (IPC_STAT) was seen, and checks that the id still names it: a peer may
     * have removed it and its id gone to another segment before shmat. Once attached the id cannot change hands
     * (a removed segment keeps it until its last detach), so a second IPC_STAT describes what was attached.
     */
    private static MappedMemory attach(int id, long[] seen, boolean writable, String description)
            throws IOException {
        long size = seen[6];
        long address = MappingBudget.map(() -> NativeSysvShm.attach(id, writable));
        if (address < 0) {
            int errno = (int) -address;
            IpcException spent = MappingBudget.refused(errno, "shmat", description);
            if (spent != null) {
                throw spent;
            }
            if (errno == Errno.ENOMEM) {
                throw Errors.limit(errno, "shmat", description, "no room in this process's address space for "
                        + size + " bytes", "RLIMIT_AS (ulimit -v)", "ulimit -v unlimited");
            }
            throw Errors.of(errno, "shmat", description);
        }
        long[] attached = new long[NativeSysvShm.STATUS_LENGTH];
        int r = NativeSysvShm.status(id, attached);
        if (r < 0 || attached[6] != size || attached[3] != seen[3] || attached[8] != seen[8]) {
            NativeSysvShm.detach(address);
            if (r < 0) {
                throw Errors.of(-r, "shmctl(IPC_STAT)", description);
            }
            throw SysvOpening.idReused("shmat", Errno.EIDRM, description, "segment, of " + attached[6]
                    + " bytes (this one had " + size + "); nothing was attached");
        }
        return new MappedMemory(address, size, writable, (a, s) -> NativeSysvShm.detach(a), null, true);
    }

    private static IOException openFailure(int errno, String name, long size) {
        if (errno == Errno.EINVAL) {
            return Errors.limit(errno, "shmget", name, size + " bytes is outside the kernel's segment sizes, or the "
                    + "existing segment is smaller than that", "kernel.shmmax (" + limit(SHMMAX) + " bytes)",
                    KernelLimits.howToRaise(SHMMAX));
        }
        if (errno == Errno.ENOSPC) {
            String detail = "no room for a new segment of " + size + " bytes";
            long maxSegments = KernelLimits.read(SHMMNI, Long.MAX_VALUE);
            if (segmentsInSystem() >= maxSegments) {
                return Errors.limit(errno, "shmget", name, detail, "kernel.shmmni (" + maxSegments
                        + " segments in the system)", KernelLimits.howToRaise(SHMMNI));
            }
            return Errors.limit(errno, "shmget", name, detail, "kernel.shmall (" + limit(SHMALL)
                    + " pages in all segments of the system)", KernelLimits.howToRaise(SHMALL));
        }
        if (errno == Errno.ENOMEM) {
            return Errors.limit(errno, "shmget", name, "the kernel could not find memory for " + size + " bytes",
                    "the machine's memory and vm.overcommit_memory", "free memory, or ask for less");
        }
        return Errors.of(errno, "shmget", name);
    }

    private static String limit(String file) {
        String text = KernelLimits.text(file);
        return text != null ? text : "unknown";
    }

    /** Segments the kernel holds now (lines of /proc/sysvipc/shm after its header), or -1 where unknown. */
    private static long segmentsInSystem() {
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(
                java.nio.file.Paths.get("/proc/sysvipc/shm"))) {
            return lines.count() - 1;
        } catch (IOException | RuntimeException unknown) {
            return -1;
        }
    }
}
