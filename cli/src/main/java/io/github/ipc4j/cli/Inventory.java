package io.github.ipc4j.cli;

import io.github.ipc4j.Access;
import io.github.ipc4j.IpcListing;
import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.posix.PosixCreator;
import io.github.ipc4j.posix.PosixMessageQueue;
import io.github.ipc4j.posix.PosixMqOptions;
import io.github.ipc4j.posix.PosixSemaphore;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.sysv.SysvIpc;
import io.github.ipc4j.sysv.SysvMsgQueueStatus;
import io.github.ipc4j.sysv.SysvSemStatus;
import io.github.ipc4j.sysv.SysvSemaphoreSet;
import io.github.ipc4j.sysv.SysvShmStatus;
import io.github.ipc4j.windows.NamedPipeEntry;
import io.github.ipc4j.windows.WindowsNamedPipe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The machine's IPC objects as {@link Listed} rows: the library's listing ({@link IpcListing}: /proc/sysvipc,
 * /dev/mqueue, /dev/shm; on macOS {@link SysvIpc}, from the kern.sysv.ipcs sysctls), completed with what opening an
 * object tells (a POSIX queue's message count, a semaphore's value, a set's values and last pids), ipc4j's creator
 * records, and the FIFOs under the directories asked for; on Windows the named pipes. Which of these a system has
 * is {@link #sources}' choice.
 */
final class Inventory {
    /** The file type bits of st_mode, and a FIFO's. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int FIFO_SEARCH_DEPTH = 8;

    private Inventory() {}

    /** Where objects are listed from: which ones a system has is {@link #sources}' choice. */
    enum Source {
        /** System V queues, sets and segments, POSIX queues, shared memory and named semaphores (IpcListing). */
        SYSV_AND_POSIX,
        /** System V queues, sets and segments alone (SysvIpc): macOS, which cannot enumerate its POSIX objects. */
        SYSV,
        /**
         * POSIX shared memory and named semaphores that cannot be listed, found by the name stat or rm is given
         * ({@link PosixByName}): macOS.
         */
        POSIX_BY_NAME,
        /** FIFOs under the directories asked for. */
        FIFOS,
        /** The named pipes of \\.\pipe\. */
        WINDOWS_PIPES
    }

    /**
     * What is listed on os: Linux's IPC objects and FIFOs; macOS's System V objects and FIFOs, and its POSIX named
     * semaphores and shared memory found by name only (no system call lists them; it has no POSIX queues); Windows'
     * named pipes; nothing elsewhere.
     */
    static List<Source> sources(OperatingSystem os) {
        if (os == OperatingSystem.LINUX) {
            return List.of(Source.SYSV_AND_POSIX, Source.FIFOS);
        }
        if (os == OperatingSystem.MACOS) {
            return List.of(Source.SYSV, Source.POSIX_BY_NAME, Source.FIFOS);
        }
        if (os == OperatingSystem.WINDOWS) {
            return List.of(Source.WINDOWS_PIPES);
        }
        return List.of();
    }

    /** Every object now, FIFOs searched for under fifoDirs, from the running system's sources. */
    static List<Listed> take(List<Path> fifoDirs) {
        OperatingSystem os = OsSupport.current();
        List<Source> sources = sources(os);
        if (!fifoDirs.isEmpty() && !sources.contains(Source.FIFOS)) {
            throw CliException.usage("--fifos: " + OsSupport.name(os) + " has no FIFOs to list"
                    + (os == OperatingSystem.WINDOWS ? " (its named pipes are listed without it)" : ""));
        }
        List<Listed> all = new ArrayList<>();
        for (Source source : sources) {
            switch (source) {
                case SYSV_AND_POSIX:
                    all.addAll(sysvAndPosix());
                    break;
                case SYSV:
                    all.addAll(sysv());
                    break;
                case POSIX_BY_NAME:
                    break; // nothing to enumerate: see named
                case FIFOS:
                    for (Path dir : fifoDirs) {
                        all.addAll(fifos(dir));
                    }
                    break;
                default:
                    all.addAll(windowsPipes());
                    break;
            }
        }
        return all;
    }

    /** Whether the running system finds POSIX objects by name only (it cannot list them): see {@link #named}. */
    static boolean findsPosixByNameOnly() {
        return sources(OsSupport.current()).contains(Source.POSIX_BY_NAME);
    }

    /**
     * The POSIX objects called name of kind (null: any) that the running system cannot list but finds by name
     * ({@link Source#POSIX_BY_NAME}); none elsewhere, where {@link #take} lists them.
     */
    static List<Listed> named(String name, String kind) {
        return findsPosixByNameOnly() ? PosixByName.find(name, kind) : List.of();
    }

    /** The named pipes of \\.\pipe\: name and instances; Windows tells no owner, mode or pids. */
    static List<Listed> windowsPipes() {
        List<NamedPipeEntry> pipes;
        try {
            pipes = WindowsNamedPipe.list();
        } catch (UnsupportedOperationException e) {
            throw CliException.failure(e.getMessage());
        } catch (IOException e) {
            throw CliException.failure("cannot list \\\\.\\pipe\\: " + e.getMessage());
        }
        List<Listed> all = new ArrayList<>();
        for (NamedPipeEntry p : pipes) {
            all.add(pipe(p.name(), p.instances()));
        }
        return all;
    }

    /** A Windows named pipe as a row: its name and instance count (COUNT); no owner, mode or pids. */
    static Listed pipe(String name, OptionalInt instances) {
        Listed l = new Listed(Listed.PIPE, name, 0, -1, -1, -1, -1);
        l.count = instances.orElse(-1);
        return l;
    }

    private static List<Listed> sysvAndPosix() {
        IpcListing listing;
        try {
            listing = IpcListing.take();
        } catch (UnsupportedOperationException e) {
            throw CliException.failure(e.getMessage());
        } catch (IOException e) {
            throw CliException.failure("cannot list IPC objects: " + e.getMessage());
        }
        List<Listed> all = new ArrayList<>();
        listing.posixMessageQueues().forEach(o -> all.add(posixQueue(o)));
        for (IpcListing.PosixObject o : listing.posixSharedMemory()) {
            all.add(o.name().startsWith("/sem.") ? posixSemaphore(o) : posixShm(o));
        }
        all.addAll(sysvRows(listing.sysvMessageQueues(), listing.sysvSemaphoreSets(), listing.sysvSharedMemory()));
        return all;
    }

    /** The System V objects alone, straight from SysvIpc (on macOS: its kern.sysv.ipcs sysctls). */
    private static List<Listed> sysv() {
        try {
            return sysvRows(SysvIpc.messageQueues(), SysvIpc.semaphoreSets(), SysvIpc.sharedMemorySegments());
        } catch (UnsupportedOperationException e) {
            throw CliException.failure(e.getMessage());
        } catch (IOException e) {
            throw CliException.failure("cannot list System V objects: " + e.getMessage());
        }
    }

    /** Rows of System V objects, however listed: what both systems' listings give the same way. */
    private static List<Listed> sysvRows(List<SysvMsgQueueStatus> queues, List<SysvSemStatus> sets,
                                         List<SysvShmStatus> segments) {
        List<Listed> all = new ArrayList<>();
        queues.forEach(q -> all.add(sysvQueue(q)));
        sets.forEach(s -> all.add(sysvSet(s)));
        segments.forEach(m -> all.add(sysvSegment(m)));
        return all;
    }

    private static Listed posixQueue(IpcListing.PosixObject o) {
        Listed l = new Listed(Listed.POSIX_MQ, o.name(), 0, -1, o.ownerUid(), o.ownerGid(), o.mode());
        l.size = o.size();
        try (PosixMessageQueue q = PosixMessageQueue.open(o.name(),
                PosixMqOptions.options().access(Access.READ_ONLY))) {
            l.count = q.attributes().currentMessages();
            l.details.put("maxMessages", q.maxMessages());
            l.details.put("messageSize", q.messageSize());
        } catch (IOException | RuntimeException e) {
            l.details.put("unreadable", e.getMessage());
        }
        posixCommon(l, o, PosixMessageQueue::creator);
        return l;
    }

    private static Listed posixSemaphore(IpcListing.PosixObject o) {
        Listed l = new Listed(Listed.POSIX_SEM, "/" + o.name().substring("/sem.".length()), 0, -1, o.ownerUid(),
                o.ownerGid(), o.mode());
        try (PosixSemaphore s = PosixSemaphore.open(l.name)) {
            l.count = s.availablePermits();
        } catch (IOException | RuntimeException e) {
            l.details.put("unreadable", e.getMessage());
        }
        posixCommon(l, o, PosixSemaphore::creator);
        return l;
    }

    private static Listed posixShm(IpcListing.PosixObject o) {
        Listed l = new Listed(Listed.POSIX_SHM, o.name(), 0, -1, o.ownerUid(), o.ownerGid(), o.mode());
        l.size = o.size();
        posixCommon(l, o, PosixSharedMemory::creator);
        return l;
    }

    /** The creator ipc4j recorded (creatorOf finds it by name), and the file's modification time as last activity. */
    private static void posixCommon(Listed l, IpcListing.PosixObject o,
                                    Function<String, Optional<PosixCreator>> creatorOf) {
        Optional<PosixCreator> creator;
        try {
            creator = creatorOf.apply(l.name);
        } catch (IllegalArgumentException e) {
            creator = Optional.empty(); // a file there that no ipc4j name can be: not one of ours
        }
        if (creator.isPresent()) {
            l.creatorPid = creator.get().pid();
            l.creatorAlive = creator.get().isAlive();
            l.details.put("creatorStartTime", creator.get().startTime());
        }
        l.lastActivity = o.lastModified();
    }

    private static Listed sysvQueue(SysvMsgQueueStatus q) {
        Listed l = new Listed(Listed.SYSV_MSG, q.key().toString(), q.key().value(), q.id(), q.ownerUid(),
                q.ownerGid(), q.mode());
        l.size = q.bytes();
        l.count = q.messages();
        Instant sent = q.lastSendTime().orElse(Instant.EPOCH);
        Instant received = q.lastReceiveTime().orElse(Instant.EPOCH);
        l.lastPid = sent.isAfter(received) ? q.lastSenderPid() : q.lastReceiverPid();
        if (l.lastPid == 0) {
            l.lastPid = Math.max(q.lastSenderPid(), q.lastReceiverPid());
        }
        l.lastAlive = alive(l.lastPid);
        l.lastActivity = latest(q.changeTime(), sent, received);
        l.details.put("lastSenderPid", q.lastSenderPid());
        l.details.put("lastReceiverPid", q.lastReceiverPid());
        l.details.put("lastSend", q.lastSendTime().map(Instant::toString).orElse(null));
        l.details.put("lastReceive", q.lastReceiveTime().map(Instant::toString).orElse(null));
        l.details.put("changed", q.changeTime().toString());
        l.details.put("creatorUid", q.creatorUid());
        if (q.maxBytes() >= 0) { // a listing from macOS's sysctl carries it, one from Linux's /proc does not
            l.details.put("maxBytes", q.maxBytes());
        }
        return l;
    }

    private static Listed sysvSet(SysvSemStatus s) {
        Listed l = new Listed(Listed.SYSV_SEM, s.key().toString(), s.key().value(), s.id(), s.ownerUid(),
                s.ownerGid(), s.mode());
        l.count = s.semaphores();
        l.lastActivity = latest(s.changeTime(), s.lastOperationTime().orElse(Instant.EPOCH));
        l.details.put("lastOperation", s.lastOperationTime().map(Instant::toString).orElse(null));
        l.details.put("changed", s.changeTime().toString());
        l.details.put("creatorUid", s.creatorUid());
        try (SysvSemaphoreSet set = SysvSemaphoreSet.ofId(s.id())) {
            int[] values = set.getAll();
            long[] pids = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                pids[i] = set.lastPid(i);
                if (l.lastPid == 0 && pids[i] > 0) {
                    l.lastPid = pids[i];
                }
            }
            l.lastAlive = alive(l.lastPid);
            l.details.put("values", Arrays.stream(values).boxed().toArray());
            l.details.put("lastPids", Arrays.stream(pids).boxed().toArray());
        } catch (IOException | RuntimeException e) {
            l.details.put("unreadable", e.getMessage());
        }
        return l;
    }

    private static Listed sysvSegment(SysvShmStatus m) {
        Listed l = new Listed(Listed.SYSV_SHM, m.key().toString(), m.key().value(), m.id(), m.ownerUid(),
                m.ownerGid(), m.mode());
        l.size = m.size();
        l.count = m.attachments();
        l.creatorPid = m.creatorPid();
        l.creatorAlive = alive(m.creatorPid());
        l.lastPid = m.lastPid();
        l.lastAlive = alive(m.lastPid());
        l.lastActivity = latest(m.changeTime(), m.lastAttachTime().orElse(Instant.EPOCH),
                m.lastDetachTime().orElse(Instant.EPOCH));
        l.details.put("lastAttach", m.lastAttachTime().map(Instant::toString).orElse(null));
        l.details.put("lastDetach", m.lastDetachTime().map(Instant::toString).orElse(null));
        l.details.put("changed", m.changeTime().toString());
        l.details.put("removedPendingDetach", m.removedPendingDetach());
        l.details.put("creatorUid", m.creatorUid());
        return l;
    }

    /** The FIFOs under dir (and its subdirectories, a few levels deep). */
    static List<Listed> fifos(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw CliException.usage("--fifos " + dir + ": not a directory");
        }
        List<Listed> found = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(dir, FIFO_SEARCH_DEPTH)) {
            paths.forEach(p -> fifo(p).ifPresent(found::add));
        } catch (IOException | RuntimeException e) {
            // a directory we may not read: what was found so far
        }
        return found;
    }

    /** The FIFO at path, if path is one. */
    static Optional<Listed> fifo(Path path) {
        try {
            Map<String, Object> a = Files.readAttributes(path, "unix:mode,uid,gid,lastModifiedTime",
                    LinkOption.NOFOLLOW_LINKS);
            int mode = ((Number) a.get("mode")).intValue();
            if ((mode & S_IFMT) != S_IFIFO) {
                return Optional.empty();
            }
            Listed l = new Listed(Listed.FIFO, path.toAbsolutePath().normalize().toString(), 0, -1,
                    ((Number) a.get("uid")).longValue(), ((Number) a.get("gid")).longValue(), mode & 0777);
            l.lastActivity = ((FileTime) a.get("lastModifiedTime")).toInstant();
            return Optional.of(l);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Boolean alive(long pid) {
        if (pid <= 0) {
            return null;
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Instant latest(Instant... times) {
        Instant latest = Instant.EPOCH;
        for (Instant t : times) {
            if (t.isAfter(latest)) {
                latest = t;
            }
        }
        return latest;
    }
}
