package io.github.ipc4j;

import io.github.ipc4j.sysv.SysvIpc;
import io.github.ipc4j.sysv.SysvMsgQueueStatus;
import io.github.ipc4j.sysv.SysvSemStatus;
import io.github.ipc4j.sysv.SysvShmStatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IPC objects this system has now, as {@code ipcs} and {@code ls /dev/mqueue /dev/shm} show them: System V
 * message queues, semaphore sets and shared memory segments ({@link SysvIpc}, from /proc/sysvipc), and the
 * POSIX message queues and shared memory objects (the files of /dev/mqueue and /dev/shm). Linux only;
 * elsewhere {@link #take()} throws UnsupportedOperationException. Immutable snapshot.
 */
public final class IpcListing {
    /** Where Linux shows POSIX message queues (the mqueue file system, when mounted). */
    public static final String DEV_MQUEUE = "/dev/mqueue";
    /** Where Linux keeps POSIX shared memory objects (a tmpfs). */
    public static final String DEV_SHM = "/dev/shm";

    private static final Pattern QSIZE = Pattern.compile("QSIZE:(\\d+)");

    private final List<SysvMsgQueueStatus> sysvMessageQueues;
    private final List<SysvSemStatus> sysvSemaphoreSets;
    private final List<SysvShmStatus> sysvSharedMemory;
    private final List<PosixObject> posixMessageQueues;
    private final List<PosixObject> posixSharedMemory;

    private IpcListing() throws IOException {
        sysvMessageQueues = SysvIpc.messageQueues();
        sysvSemaphoreSets = SysvIpc.semaphoreSets();
        sysvSharedMemory = SysvIpc.sharedMemorySegments();
        posixMessageQueues = posix(DEV_MQUEUE, true);
        posixSharedMemory = posix(DEV_SHM, false);
    }

    /**
     * Reads every list now.
     *
     * @return the snapshot
     * @throws UnsupportedOperationException not on Linux (no /proc/sysvipc)
     * @throws IOException a list could not be read
     */
    public static IpcListing take() throws IOException {
        if (Platform.os() != OperatingSystem.LINUX) {
            throw new UnsupportedOperationException(System.getProperty("os.name") + " has no /proc/sysvipc, "
                    + DEV_MQUEUE + " or " + DEV_SHM + ", which listing IPC objects reads (Linux only)");
        }
        return new IpcListing();
    }

    /**
     * The System V message queues, as {@code ipcs -q} shows them.
     *
     * @return the queues, unmodifiable
     */
    public List<SysvMsgQueueStatus> sysvMessageQueues() {
        return sysvMessageQueues;
    }

    /**
     * The System V semaphore sets, as {@code ipcs -s} shows them.
     *
     * @return the sets, unmodifiable
     */
    public List<SysvSemStatus> sysvSemaphoreSets() {
        return sysvSemaphoreSets;
    }

    /**
     * The System V shared memory segments, as {@code ipcs -m} shows them.
     *
     * @return the segments, unmodifiable
     */
    public List<SysvShmStatus> sysvSharedMemory() {
        return sysvSharedMemory;
    }

    /**
     * The POSIX message queues; empty when the mqueue file system is not mounted at /dev/mqueue.
     *
     * @return the queues, unmodifiable
     */
    public List<PosixObject> posixMessageQueues() {
        return posixMessageQueues;
    }

    /**
     * The POSIX shared memory objects (files of /dev/shm; sem.* files there are named POSIX semaphores).
     *
     * @return the objects, unmodifiable
     */
    public List<PosixObject> posixSharedMemory() {
        return posixSharedMemory;
    }

    private static List<PosixObject> posix(String dir, boolean queues) throws IOException {
        Path path = Paths.get(dir);
        List<PosixObject> objects = new ArrayList<>();
        if (!Files.isDirectory(path)) {
            return Collections.unmodifiableList(objects);
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            for (Path entry : entries) {
                if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // not an object: a directory such as ipc4j's creator records (.ipc4j-<uid>)
                }
                try {
                    Map<String, Object> a = Files.readAttributes(entry, "unix:uid,gid,mode,size,lastModifiedTime",
                            LinkOption.NOFOLLOW_LINKS);
                    long size = queues ? queuedBytes(entry) : ((Number) a.get("size")).longValue();
                    objects.add(new PosixObject("/" + entry.getFileName(), ((Number) a.get("uid")).longValue(),
                            ((Number) a.get("gid")).longValue(), ((Number) a.get("mode")).intValue() & 0777, size,
                            ((FileTime) a.get("lastModifiedTime")).toInstant()));
                } catch (NoSuchFileException gone) {
                    // removed while we looked
                }
            }
        }
        objects.sort((x, y) -> x.name().compareTo(y.name()));
        return Collections.unmodifiableList(objects);
    }

    /** A queue file reads "QSIZE:n NOTIFY:... SIGNO:... NOTIFY_PID:...": the bytes queued now. */
    private static long queuedBytes(Path queue) throws IOException {
        Matcher m = QSIZE.matcher(new String(Files.readAllBytes(queue), StandardCharsets.US_ASCII));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * A POSIX message queue or shared memory object: its name (with the leading '/'), owner, mode, size and last
     * modification.
     */
    public static final class PosixObject {
        private final String name;
        private final long ownerUid;
        private final long ownerGid;
        private final int mode;
        private final long size;
        private final Instant lastModified;

        PosixObject(String name, long ownerUid, long ownerGid, int mode, long size, Instant lastModified) {
            this.name = name;
            this.ownerUid = ownerUid;
            this.ownerGid = ownerGid;
            this.mode = mode;
            this.size = size;
            this.lastModified = lastModified;
        }

        /**
         * The name as mq_open / shm_open take it: "/orders".
         *
         * @return the name
         */
        public String name() {
            return name;
        }

        /**
         * The owner's user id.
         *
         * @return the uid
         */
        public long ownerUid() {
            return ownerUid;
        }

        /**
         * The owner's group id.
         *
         * @return the gid
         */
        public long ownerGid() {
            return ownerGid;
        }

        /**
         * The permission bits, 0 to 0777.
         *
         * @return the mode
         */
        public int mode() {
            return mode;
        }

        /**
         * A queue: the bytes of the messages in it now (QSIZE); a shared memory object: its size.
         *
         * @return the size in bytes
         */
        public long size() {
            return size;
        }

        /**
         * When the kernel last marked the object's file modified: for a queue its last send or receive; for
         * shared memory its creation or last resize (writes through a mapping need not mark it).
         *
         * @return the file's modification time
         */
        public Instant lastModified() {
            return lastModified;
        }

        @Override
        public String toString() {
            return name + " (owner " + ownerUid + ", mode 0" + Integer.toOctalString(mode) + ", " + size + " bytes)";
        }
    }

    /** As ipcs prints the System V objects, then the POSIX ones. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("------ Message Queues --------\n")
                .append(String.format("%-10s %-10s %-10s %-10s %-12s %-12s%n", "key", "msqid", "owner", "perms",
                        "used-bytes", "messages"));
        for (SysvMsgQueueStatus q : sysvMessageQueues) {
            sb.append(String.format("%-10s %-10d %-10d %-10o %-12d %-12d%n", q.key(), q.id(), q.ownerUid(), q.mode(),
                    q.bytes(), q.messages()));
        }
        sb.append("\n------ Shared Memory Segments --------\n").append(String.format(
                "%-10s %-10s %-10s %-10s %-10s %-10s %-6s%n", "key", "shmid", "owner", "perms", "bytes", "nattch",
                "status"));
        for (SysvShmStatus m : sysvSharedMemory) {
            sb.append(String.format("%-10s %-10d %-10d %-10o %-10d %-10d %-6s%n", m.key(), m.id(), m.ownerUid(),
                    m.mode(), m.size(), m.attachments(), m.removedPendingDetach() ? "dest" : ""));
        }
        sb.append("\n------ Semaphore Arrays --------\n").append(String.format("%-10s %-10s %-10s %-10s %-10s%n",
                "key", "semid", "owner", "perms", "nsems"));
        for (SysvSemStatus s : sysvSemaphoreSets) {
            sb.append(String.format("%-10s %-10d %-10d %-10o %-10d%n", s.key(), s.id(), s.ownerUid(), s.mode(),
                    s.semaphores()));
        }
        sb.append("\n------ POSIX Message Queues (").append(DEV_MQUEUE).append(") --------\n");
        posixMessageQueues.forEach(o -> sb.append(o).append('\n'));
        sb.append("\n------ POSIX Shared Memory (").append(DEV_SHM).append(") --------\n");
        posixSharedMemory.forEach(o -> sb.append(o).append('\n'));
        return sb.toString();
    }
}
