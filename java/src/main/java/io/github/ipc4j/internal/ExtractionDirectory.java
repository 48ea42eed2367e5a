package io.github.ipc4j.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private directory (0700) that an extracted library lives in, with a lock file its JVM holds while
 * the directory is in use. Unix deletes the directory right after loading (the mapping outlives the
 * file); Windows cannot delete a loaded DLL, so there the JVM keeps the lock until it exits and a later
 * start removes every directory whose lock nobody holds any more ({@link #deleteStale}).
 */
final class ExtractionDirectory {
    static final String PREFIX = "ipc4j-";
    static final String LOCK_FILE = ".lock";
    /**
     * This process's directories are named ipc4j-PID-...: deleteStale never opens their lock file, since
     * closing any descriptor of a file releases every POSIX lock the process holds on it (another class
     * loader's copy of this class included), which would hand the directory to other JVMs. (One left by a
     * dead process whose pid this one reuses waits for a later start.)
     */
    private static final String OWN_PREFIX = PREFIX + ProcessHandle.current().pid() + "-";
    /** A directory without a lock file (a crash mid-creation) is stale after this long. */
    private static final Duration UNLOCKED_GRACE = Duration.ofHours(1);
    /** Locks held until the JVM exits (Windows): referenced here so nothing closes them early. */
    private static final List<FileChannel> HELD_UNTIL_EXIT = new ArrayList<>();

    private final Path dir;
    private final FileChannel lockChannel;

    private ExtractionDirectory(Path dir, FileChannel lockChannel) {
        this.dir = dir;
        this.lockChannel = lockChannel;
    }

    static ExtractionDirectory create(Path base) throws IOException {
        Files.createDirectories(base);
        Path dir;
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("unix")) {
            dir = Files.createTempDirectory(base, OWN_PREFIX,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            try {
                requireNoOtherWriter(base, FileOwner.uid(dir)); // a directory just made tells this process's user
            } catch (IOException | RuntimeException e) {
                deleteTree(dir);
                throw e;
            }
        } else {
            dir = Files.createTempDirectory(base, OWN_PREFIX); // Windows: the user's temp directory is private
        }
        // The lock file appears under its name already locked: it is created and locked under another name,
        // then renamed (the lock belongs to the open file, which the rename keeps). Created as .lock and
        // locked after, another JVM's deleteStale could take the lock in between and delete the directory.
        Path unlocked = dir.resolve(LOCK_FILE + ".new");
        FileChannel channel = FileChannel.open(unlocked, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            channel.lock();
            Files.move(unlocked, dir.resolve(LOCK_FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            channel.close();
            deleteTree(dir);
            throw e;
        }
        return new ExtractionDirectory(dir, channel);
    }

    /**
     * Refuses a base where another user could move the private directory away and put their own, with their
     * library, in its place: base and every directory above it must belong to this user or root and be writable
     * by no one else, unless sticky (as /tmp is: there only a file's owner may rename it).
     */
    private static void requireNoOtherWriter(Path base, long me) throws IOException {
        for (Path p = base.toRealPath(); p != null; p = p.getParent()) {
            long owner = FileOwner.uid(p);
            int mode = (Integer) Files.getAttribute(p, "unix:mode");
            String refused = "refusing " + base + " for the native library: ";
            if (owner != me && owner != 0) {
                throw new IOException(refused + p + " belongs to uid " + owner + ", neither this user (uid " + me
                        + ") nor root");
            }
            if ((mode & 022) != 0 && (mode & 01000) == 0) {
                throw new IOException(refused + p + " is writable by other users (mode 0"
                        + Integer.toOctalString(mode & 07777) + ", no sticky bit)");
            }
        }
    }

    Path path() {
        return dir;
    }

    /** The user this directory belongs to, which is this process's; -1 where files have no uid (Windows). */
    long owner() throws IOException {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("unix") ? FileOwner.uid(dir) : -1;
    }

    /** Keeps the directory (and its lock) until the JVM exits. */
    void keepUntilExit() {
        synchronized (HELD_UNTIL_EXIT) {
            HELD_UNTIL_EXIT.add(lockChannel);
        }
    }

    /**
     * Deletes the directory (what it can of it): its files, then the lock file, while the lock is held, so that
     * no other JVM finds it unlocked with files in it; then releases the lock and removes the directory.
     */
    void delete() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (!file.getFileName().toString().equals(LOCK_FILE)) {
                    deleteTree(file);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // deleting is what matters: deleteTree below takes what is left
        }
        try {
            Files.deleteIfExists(dir.resolve(LOCK_FILE));
        } catch (IOException ignored) {
            // in use (Windows): deleteTree below tries again once the lock is released
        }
        try {
            lockChannel.close();
        } catch (IOException ignored) {
            // deleting is what matters
        }
        deleteTree(dir);
    }

    /**
     * Deletes the ipc4j directories under base that no running JVM holds and that belong to user me (-1: any,
     * where files have no uid). Another user's are theirs to clean: in one they control a subdirectory can become
     * a symbolic link while the walk is inside it, and the deletes would follow it. Returns how many.
     */
    static int deleteStale(Path base, long me) {
        int deleted = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path dir : dirs) {
                boolean own = dir.getFileName().toString().startsWith(OWN_PREFIX);
                if (!own && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && (me < 0 || FileOwner.uid(dir) == me)
                        && isStale(dir) && deleteTree(dir)) {
                    deleted++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // a base we cannot list has nothing of ours to clean
        }
        return deleted;
    }

    private static boolean isStale(Path dir) throws IOException {
        Path lockFile = dir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            FileTime modified = Files.getLastModifiedTime(dir);
            return modified.toInstant().isBefore(Instant.now().minus(UNLOCKED_GRACE));
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock != null;
        } catch (OverlappingFileLockException heldByThisJvm) {
            return false;
        } catch (IOException cannotOpen) {
            return false; // another user's, or in use (Windows)
        }
    }

    /** True when the whole tree is gone. */
    private static boolean deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a file in use (a loaded DLL on Windows) stays for a later start
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // already gone, or unreadable, or another JVM deleting the same stale directory
        }
        return !Files.exists(dir);
    }
}
