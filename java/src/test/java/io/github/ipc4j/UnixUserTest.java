package io.github.ipc4j;

import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.posix.PosixShmOptions;
import io.github.ipc4j.sysv.SysvMessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Users as the system's user database knows them: this process's uid is the owner of what it creates, names
 * agree with the JDK's own lookup of a file's owner (which asks the same database), root is uid 0 both ways, and
 * what no user has is empty. Windows has no uids.
 */
class UnixUserTest {
    /** The name the JDK gives a file's owner: getpwuid's, or the uid's digits when the database has none. */
    private static String jdkName(Path file) throws Exception {
        return Files.getOwner(file).getName();
    }

    private static String nameOrNumber(long uid) throws Exception {
        return UnixUser.ofUid(uid).map(UnixUser::name).orElse(Long.toString(uid));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void thisProcessOwnsWhatItCreatesAndIsNamedAsTheJdkNamesIt(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("mine"));
        long uid = UnixUser.effectiveUid();
        assertEquals(((Number) Files.getAttribute(file, "unix:uid")).longValue(), uid);
        assertEquals(jdkName(file), nameOrNumber(uid));
        Optional<UnixUser> me = UnixUser.ofUid(uid);
        if (me.isPresent()) {
            assertEquals(me, UnixUser.ofName(me.get().name()), "a name leads back to its uid");
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theOwnersOfRealObjectsAreNamed() throws Exception {
        String name = "/ipc4j-user-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (PosixSharedMemory shm = PosixSharedMemory.open(name, PosixShmOptions.options().createNew().size(64))) {
            try {
                Path file = Paths.get("/dev/shm" + name);
                long owner = ((Number) Files.getAttribute(file, "unix:uid")).longValue();
                assertEquals(jdkName(file), nameOrNumber(owner));
            } finally {
                shm.unlink();
            }
        }
        try (SysvMessageQueue q = SysvMessageQueue.createPrivate()) {
            try {
                assertEquals(UnixUser.effectiveUid(), q.status().ownerUid());
                assertEquals(nameOrNumber(UnixUser.effectiveUid()), nameOrNumber(q.status().ownerUid()));
            } finally {
                q.remove();
            }
        }
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void rootIsUidZeroBothWays() throws Exception {
        assertEquals(Optional.of(new UnixUser(0, "root")), UnixUser.ofUid(0));
        assertEquals(Optional.of(new UnixUser(0, "root")), UnixUser.ofName("root"));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void whatNoUserHasIsEmptyAndBadInputIsRefused() throws Exception {
        assertEquals(Optional.empty(), UnixUser.ofName("no-such-user-of-ipc4j"));
        assertEquals(Optional.empty(), UnixUser.ofName(""));
        assertEquals(Optional.empty(), UnixUser.ofName("ro\0ot"));
        assertEquals(Optional.empty(), UnixUser.ofName("x".repeat(5000)));
        assertEquals(Optional.empty(), UnixUser.ofUid(4294967294L));
        assertThrows(NullPointerException.class, () -> UnixUser.ofName(null));
        for (long bad : new long[] {-1, 4294967295L, Long.MAX_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnixUser.ofUid(bad));
            assertTrue(e.getMessage().contains("0 to 4294967294"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new UnixUser(0, ""));
        assertThrows(IllegalArgumentException.class, () -> new UnixUser(-1, "root"));
        assertThrows(NullPointerException.class, () -> new UnixUser(0, null));
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void windowsHasNoUids() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, UnixUser::effectiveUid);
        assertTrue(e.getMessage().startsWith(System.getProperty("os.name")), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> UnixUser.ofUid(0));
        assertThrows(UnsupportedOperationException.class, () -> UnixUser.ofName("root"));
    }
}
