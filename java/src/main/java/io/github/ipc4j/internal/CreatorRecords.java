package io.github.ipc4j.internal;

import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.Platform;
import io.github.ipc4j.posix.PosixCreator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which process created a POSIX object through ipc4j, so that {@code ipc4j gc} can tell an object whose creator
 * died from one in use (the kernel keeps no creator pid for POSIX objects, unlike System V's cpid). Linux only,
 * best effort: a record that cannot be written is skipped silently, and nothing here ever fails an open.
 *
 * <p>When the library creates a queue, shared memory object or named semaphore, it writes a small file to
 * {@code /dev/shm/.ipc4j-<uid>/} (a directory of the creating user, 0755, in the tmpfs where the objects live, so
 * records go when the objects go, at reboot): named {@code <kind>.<inode of the object's file>}, holding the
 * object's name, the creator's pid and the creator's start time (field 22 of /proc/pid/stat), so that a pid
 * reused by another process is not taken for the creator. {@code unlink} removes the record. A reader trusts a
 * record only when its directory belongs to the object's owner and the inode and name still match the object.
 * {@code -Dipc4j.creatorRecords=false} turns recording off. {@link PosixCreator} is what the API shows of it.
 */
public final class CreatorRecords {
    /** Where the records live: one directory per user, {@code /dev/shm/.ipc4j-<uid>}. */
    public static final String DIRECTORY_PREFIX = "/dev/shm/.ipc4j-";

    /** Set to "false" to write no records. */
    public static final String PROPERTY = "ipc4j.creatorRecords";

    /** The kinds of object recorded, and where Linux shows each one's file. */
    public enum Kind {
        MQ("mq", "/dev/mqueue/"), SEM("sem", "/dev/shm/sem."), SHM("shm", "/dev/shm/");

        private final String tag;
        private final String filePrefix;

        Kind(String tag, String filePrefix) {
            this.tag = tag;
            this.filePrefix = filePrefix;
        }

        /** The object's file: /dev/mqueue/orders for "/orders". */
        public Path file(String name) {
            return Paths.get(filePrefix + name.substring(1));
        }
    }

    private CreatorRecords() {}

    /** Records this process as the creator of the object just created. Never throws. */
    public static void created(Kind kind, String name) {
        if ("false".equals(System.getProperty(PROPERTY)) || Platform.os() != OperatingSystem.LINUX) {
            return;
        }
        try {
            long pid = ProcessHandle.current().pid();
            OptionalLong start = startTime(pid);
            Optional<Path> record = recordOf(kind, name, true);
            if (start.isPresent() && record.isPresent()) {
                Files.write(record.get(), (name + "\n" + pid + "\n" + start.getAsLong() + "\n")
                        .getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a creation never fails for want of its record
        }
    }

    /** Forgets the record of an object about to be removed (call before unlinking: it needs the file). */
    public static void removing(Kind kind, String name) {
        if (Platform.os() != OperatingSystem.LINUX) {
            return;
        }
        try {
            Optional<Path> record = recordOf(kind, name, false);
            if (record.isPresent()) {
                Files.deleteIfExists(record.get());
            }
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    /** Throws UnsupportedOperationException unless the running OS is Linux, the one where records are kept. */
    public static void requireLinux(String user) {
        Unsupported.requireLinux(DIRECTORY_PREFIX + "<uid>, where ipc4j records who created a POSIX object", user);
    }

    /**
     * The recorded creator of the object now called name, when ipc4j created it and the record is trustworthy.
     * Linux only: elsewhere UnsupportedOperationException naming user.
     */
    public static Optional<PosixCreator> find(Kind kind, String name, String user) {
        requireLinux(user);
        try {
            Optional<Path> record = recordOf(kind, name, false);
            if (record.isEmpty()) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(record.get(), StandardCharsets.UTF_8);
            if (lines.size() < 3 || !lines.get(0).equals(name)) {
                return Optional.empty();
            }
            return Optional.of(new PosixCreator(Long.parseLong(lines.get(1)), Long.parseLong(lines.get(2))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Deletes the records whose objects are gone (removed other than through ipc4j, or by a reboot's worth of
     * time): those of every user's directory this process may write to. Returns how many went.
     */
    public static int prune() {
        int pruned = 0;
        Path shm = Paths.get(DIRECTORY_PREFIX).getParent();
        String prefix = Paths.get(DIRECTORY_PREFIX).getFileName().toString();
        try (java.nio.file.DirectoryStream<Path> dirs = Files.newDirectoryStream(shm, prefix + "*")) {
            for (Path dir : dirs) {
                try (java.nio.file.DirectoryStream<Path> records = Files.newDirectoryStream(dir)) {
                    for (Path record : records) {
                        if (orphan(record) && Files.deleteIfExists(record)) {
                            pruned++;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // not ours to read or write: left alone
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /dev/shm
        }
        return pruned;
    }

    /** Whether the record's object (kind and name in it, inode in its file name) no longer exists. */
    private static boolean orphan(Path record) throws IOException {
        String file = record.getFileName().toString();
        int dot = file.indexOf('.');
        Kind kind = null;
        for (Kind k : Kind.values()) {
            if (file.substring(0, Math.max(dot, 0)).equals(k.tag)) {
                kind = k;
            }
        }
        List<String> lines = Files.readAllLines(record, StandardCharsets.UTF_8);
        if (kind == null || lines.isEmpty() || !lines.get(0).startsWith("/")) {
            return false; // not a record of ours: left alone
        }
        Path object = kind.file(lines.get(0));
        if (kind == Kind.MQ && !"mqueue".equals(Files.getFileStore(object.getParent()).type())) {
            return false; // the mqueue file system is not mounted: the queue may well exist
        }
        try {
            Object ino = Files.getAttribute(object, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            return !file.substring(dot + 1).equals(String.valueOf(ino));
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    /**
     * The start time of a running process (field 22 of /proc/pid/stat: clock ticks after boot), or empty when
     * no process has that pid.
     */
    public static OptionalLong startTime(long pid) {
        ProcStat stat = ProcStat.read("/proc/" + pid + "/stat");
        return stat == null ? OptionalLong.empty() : OptionalLong.of(stat.startTicks());
    }

    /**
     * The record file of the object called name: in its owner's directory, named by the object file's inode.
     * Empty when the object has no file, or (reading) the directory is missing or not the owner's.
     */
    private static Optional<Path> recordOf(Kind kind, String name, boolean create) throws IOException {
        Map<String, Object> object;
        try {
            object = Files.readAttributes(kind.file(name), "unix:uid,ino", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        long uid = ((Number) object.get("uid")).longValue();
        Path dir = Paths.get(DIRECTORY_PREFIX + uid);
        if (create && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rwxr-xr-x")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another process made it first: checked below like any other
            }
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                || FileOwner.uid(dir) != uid) {
            return Optional.empty(); // squatted by another user: neither written nor trusted
        }
        return Optional.of(dir.resolve(kind.tag + "." + object.get("ino")));
    }
}
