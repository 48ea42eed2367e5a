package io.github.ipc4j.posix;

import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.PosixQueues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The creators the library records for POSIX objects it creates (what ipc4j gc reads), through the public API:
 * who created each, whether that process still runs (a second JVM that exited is dead), gone with unlink, pruned
 * when the object was removed behind the library's back, and not written when turned off.
 */
@EnabledOnOs(OS.LINUX)
class PosixCreatorTest {
    /** Creates a semaphore named args[0] and exits without removing it. */
    public static final class CreateAndExit {
        public static void main(String[] args) throws Exception {
            PosixSemaphore.open(args[0], PosixSemOptions.options().createNew()).close();
            System.out.println("created");
        }
    }

    private static String name(String what) {
        return "/ipc4j-records-" + what + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    private static Path recordDir() throws Exception {
        return Paths.get("/dev/shm/.ipc4j-" + Files.getAttribute(Paths.get("/proc/self"), "unix:uid"));
    }

    @Test
    void anObjectThisProcessCreatedNamesItUntilUnlinked() throws Exception {
        String shm = name("shm");
        try (PosixSharedMemory m = PosixSharedMemory.open(shm, PosixShmOptions.options().createNew().size(64))) {
            PosixCreator c = PosixSharedMemory.creator(shm).orElseThrow();
            assertEquals(ProcessHandle.current().pid(), c.pid());
            assertTrue(c.isAlive());
            Object ino = Files.getAttribute(Paths.get("/dev/shm" + shm), "unix:ino");
            assertTrue(Files.exists(recordDir().resolve("shm." + ino)));
            m.unlink();
            assertFalse(Files.exists(recordDir().resolve("shm." + ino)), "unlink removes the record");
        } finally {
            Files.deleteIfExists(Paths.get("/dev/shm" + shm));
        }
        try (PosixSharedMemory m = PosixSharedMemory.open(shm, PosixShmOptions.options().createNew().size(64))) {
            assertTrue(PosixSharedMemory.creator(shm).isPresent(), "a new object, a new record");
            PosixSharedMemory.unlink(shm);
        }
        assertEquals(Optional.empty(), PosixSharedMemory.creator(shm));
    }

    @Test
    void aQueueOpenedButNotCreatedKeepsItsCreator() throws Exception {
        String mq = name("mq");
        try (PosixMessageQueue q = PosixMessageQueue.open(mq, PosixMqOptions.options().createNew())) {
            if (PosixQueues.mqueueMount() == null) {
                assertEquals(Optional.empty(), PosixMessageQueue.creator(mq), "no file, no record");
                return;
            }
            try (PosixMessageQueue again = PosixMessageQueue.open(mq, PosixMqOptions.options().openOrCreate())) {
                assertFalse(again.created());
            }
            assertEquals(ProcessHandle.current().pid(),
                    PosixMessageQueue.creator(mq).orElseThrow().pid());
        } finally {
            PosixMessageQueue.unlink(mq);
        }
        assertEquals(Optional.empty(), PosixMessageQueue.creator(mq));
    }

    @Test
    void aCreatorThatExitedIsDeadAndARemovedObjectsRecordIsPruned() throws Exception {
        String sem = name("sem");
        long childPid;
        try (ChildJvm child = ChildJvm.start(CreateAndExit.class, sem)) {
            child.assertSuccess(60);
            childPid = child.pid();
        }
        try {
            PosixCreator c = PosixSemaphore.creator(sem).orElseThrow();
            assertEquals(childPid, c.pid());
            assertFalse(c.isAlive(), "the creating JVM has exited");
            assertFalse(new PosixCreator(ProcessHandle.current().pid(), c.startTime()).isAlive(),
                    "a live pid with another start time is not the creator (a reused pid)");

            Path file = Paths.get("/dev/shm/sem." + sem.substring(1));
            Path record = recordDir().resolve("sem." + Files.getAttribute(file, "unix:ino"));
            Files.delete(file); // removed without the library: the record is left behind
            assertTrue(Files.exists(record));
            assertTrue(PosixCreator.pruneRecords() >= 1);
            assertFalse(Files.exists(record), "pruned");
        } finally {
            Files.deleteIfExists(Paths.get("/dev/shm/sem." + sem.substring(1)));
        }
    }

    @Test
    void noRecordWhenTurnedOff() throws Exception {
        String sem = name("off");
        try (ChildJvm child = ChildJvm.start(List.of(), List.of("-D" + PosixCreator.RECORDING_PROPERTY + "=false"),
                CreateAndExit.class, sem)) {
            child.assertSuccess(60);
        }
        try {
            assertTrue(Files.exists(Paths.get("/dev/shm/sem." + sem.substring(1))));
            assertEquals(Optional.empty(), PosixSemaphore.creator(sem));
        } finally {
            PosixSemaphore.unlink(sem);
        }
    }

    @Test
    void noRecordOfWhatNoOneCreatedAndNamesAreChecked() {
        assertEquals(Optional.empty(), PosixSharedMemory.creator(name("none")));
        assertEquals(Optional.empty(), PosixSemaphore.creator(name("none")));
        assertEquals(Optional.empty(), PosixMessageQueue.creator(name("none")));
        assertThrows(IllegalArgumentException.class, () -> PosixSharedMemory.creator("no-slash"));
        assertThrows(IllegalArgumentException.class, () -> PosixSemaphore.creator("/a/b"));
        assertThrows(NullPointerException.class, () -> PosixMessageQueue.creator(null));
    }

    @Test
    void aCreatorIsAValue() {
        assertEquals(new PosixCreator(7, 42), new PosixCreator(7, 42));
        assertThrows(IllegalArgumentException.class, () -> new PosixCreator(0, 42));
        assertThrows(IllegalArgumentException.class, () -> new PosixCreator(7, -1));
    }
}
