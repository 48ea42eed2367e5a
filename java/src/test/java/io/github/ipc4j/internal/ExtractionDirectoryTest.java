package io.github.ipc4j.internal;

import io.github.ipc4j.testing.ChildJvm;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Extraction directories: what Windows leaves behind is removed at a later start, never what is in use. */
class ExtractionDirectoryTest {
    @TempDir
    Path base;

    @Test
    void aDirectoryInUseByThisJvmIsKeptAndDeletedWhenReleased() throws Exception {
        ExtractionDirectory dir = ExtractionDirectory.create(base);
        Files.write(dir.path().resolve("libipc4j-x.so"), new byte[] {1});
        dir.keepUntilExit();
        assertEquals(0, ExtractionDirectory.deleteStale(base, owner(base)));
        assertTrue(Files.exists(dir.path()));
        dir.delete();
        assertFalse(Files.exists(dir.path()));
    }

    /** A base other users may write to (no sticky bit) would let one of them swap the library before it loads. */
    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aBaseOtherUsersMayWriteToIsRefusedAndLeftEmpty() throws Exception {
        Path loose = Files.createDirectory(base.resolve("loose"));
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rwxrwxrwx"));
        IOException e = assertThrows(IOException.class, () -> ExtractionDirectory.create(loose));
        assertTrue(e.getMessage().contains(loose.toRealPath() + " is writable by other users (mode 0777"),
                e.getMessage());
        try (Stream<Path> left = Files.list(loose)) {
            assertEquals(0, left.count());
        }
        Path child = Files.createDirectory(loose.resolve("child"));
        assertThrows(IOException.class, () -> ExtractionDirectory.create(child)); // an ancestor counts too
        assertEquals(0, run("chmod", "1777", loose.toString()));           // /tmp's way: the sticky bit
        ExtractionDirectory dir = ExtractionDirectory.create(loose);
        dir.delete();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aBaseOfAnotherUserIsRefused() throws Exception {
        Path theirs = Files.createDirectory(base.resolve("theirs"));
        Assumptions.assumeTrue(run("chown", "65534", theirs.toString()) == 0, "giving a directory away needs root");
        IOException e = assertThrows(IOException.class, () -> ExtractionDirectory.create(theirs));
        assertTrue(e.getMessage().contains(theirs.toRealPath() + " belongs to uid 65534"), e.getMessage());
    }

    /**
     * Another user's directory is theirs to clean: one they control could have a subdirectory swapped for a
     * symbolic link while root's walk is inside it, and root would delete through it.
     */
    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aStaleDirectoryOfAnotherUserIsNotTouched() throws Exception {
        Path theirs = Files.createDirectory(base.resolve(ExtractionDirectory.PREFIX + "theirs"));
        Files.write(theirs.resolve("kept"), new byte[] {1});
        Files.setLastModifiedTime(theirs, FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS)));
        Assumptions.assumeTrue(run("chown", "-R", "65534", theirs.toString()) == 0, "giving a directory away needs root");
        assertEquals(0, ExtractionDirectory.deleteStale(base, owner(base)));
        assertTrue(Files.exists(theirs.resolve("kept")));
    }

    /** Who made path (this process's user, for a directory the test made); -1 where files have no uid. */
    static long owner(Path path) throws IOException {
        return path.getFileSystem().supportedFileAttributeViews().contains("unix")
                ? ((Number) Files.getAttribute(path, "unix:uid")).longValue() : -1;
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    @Test
    void aDirectoryWhoseJvmIsGoneIsDeletedAtTheNextStart() throws Exception {
        Path left = Files.createDirectory(base.resolve(ExtractionDirectory.PREFIX + "left"));
        Files.createFile(left.resolve(ExtractionDirectory.LOCK_FILE)); // nobody holds it
        Files.write(left.resolve("ipc4j-x.dll"), new byte[] {1});
        Path unrelated = Files.createDirectory(base.resolve("other-app"));
        assertEquals(1, ExtractionDirectory.deleteStale(base, owner(base)));
        assertFalse(Files.exists(left));
        assertTrue(Files.exists(unrelated));
    }

    @Test
    void aDirectoryWithoutLockIsKeptForAnHourThenDeleted() throws Exception {
        Path fresh = Files.createDirectory(base.resolve(ExtractionDirectory.PREFIX + "fresh"));
        Path old = Files.createDirectory(base.resolve(ExtractionDirectory.PREFIX + "old"));
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS)));
        assertEquals(1, ExtractionDirectory.deleteStale(base, owner(base)));
        assertTrue(Files.exists(fresh));
        assertFalse(Files.exists(old));
    }

    @Test
    void aDirectoryHeldByAnotherProcessIsKept() throws Exception {
        Path held = Files.createDirectory(base.resolve(ExtractionDirectory.PREFIX + "held"));
        Path lock = Files.createFile(held.resolve(ExtractionDirectory.LOCK_FILE));
        Process holder = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), lock.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("locked", out.readLine());
            assertEquals(0, ExtractionDirectory.deleteStale(base, owner(base)));
            assertTrue(Files.exists(held));
            holder.getOutputStream().close(); // the holder exits, its lock goes with it
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        } finally {
            holder.destroyForcibly();
        }
        assertEquals(1, ExtractionDirectory.deleteStale(base, owner(base)));
        assertFalse(Files.exists(held));
    }

    /** Another JVM's start: deletes the stale directories under args[0]. */
    public static final class StaleDeleter {
        public static void main(String[] args) throws IOException {
            ExtractionDirectory.deleteStale(Paths.get(args[0]), owner(Paths.get(args[0])));
        }
    }

    @Test
    void cleaningUpInThisJvmKeepsItsOwnLockForOtherJvmsToSee() throws Exception {
        ExtractionDirectory dir = ExtractionDirectory.create(base);
        try {
            Files.write(dir.path().resolve("libipc4j-x.so"), new byte[] {1});
            // opening and closing our own lock file here would release the lock (POSIX: any close does)
            assertEquals(0, ExtractionDirectory.deleteStale(base, owner(base)));
            try (ChildJvm other = ChildJvm.start(StaleDeleter.class, base.toString())) {
                other.assertSuccess(60);
            }
            assertTrue(Files.exists(dir.path().resolve("libipc4j-x.so")));
        } finally {
            dir.delete();
        }
        assertFalse(Files.exists(dir.path()));
    }

    /**
     * A JVM starting as the loader does, over and over: deletes stale directories, creates its own, writes the
     * library into it, and checks that nobody deleted it under it. Prints each loss; exits 1 if any.
     */
    public static final class Starter {
        public static void main(String[] args) throws Exception {
            Path base = Paths.get(args[0]);
            int rounds = Integer.parseInt(args[1]);
            int lost = 0;
            for (int i = 0; i < rounds; i++) {
                ExtractionDirectory.deleteStale(base, owner(base));
                ExtractionDirectory dir = ExtractionDirectory.create(base);
                try {
                    Files.write(dir.path().resolve("libipc4j-x.so"), new byte[] {1});
                    ExtractionDirectory.deleteStale(base, owner(base));
                    if (!Files.exists(dir.path().resolve("libipc4j-x.so"))) {
                        throw new java.io.IOException("gone after a deleteStale");
                    }
                } catch (java.io.IOException e) {
                    System.out.println("round " + i + ": another JVM deleted " + dir.path() + ": " + e);
                    lost++;
                }
                dir.delete();
            }
            System.exit(lost == 0 ? 0 : 1);
        }
    }

    @Test
    void jvmsStartingAtOnceNeverDeleteEachOthersDirectory() throws Exception {
        List<ChildJvm> starters = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                starters.add(ChildJvm.start(Starter.class, base.toString(), "400"));
            }
            for (ChildJvm starter : starters) {
                starter.assertSuccess(300);
            }
        } finally {
            starters.forEach(ChildJvm::close);
        }
    }

    /** A second process that holds a lock file until its standard input closes. */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            try (FileChannel channel = FileChannel.open(Paths.get(args[0]), StandardOpenOption.WRITE)) {
                channel.lock();
                System.out.println("locked");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // hold until the parent closes our input
                }
            }
        }
    }
}
