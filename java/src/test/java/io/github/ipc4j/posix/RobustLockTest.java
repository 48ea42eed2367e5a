package io.github.ipc4j.posix;

import io.github.ipc4j.Access;
import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.OwnerDiedException;
import io.github.ipc4j.RobustLock;
import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.PosixNames;
import io.github.ipc4j.testing.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@EnabledOnOs(OS.LINUX)
class RobustLockTest {
    private final PosixNames names = new PosixNames(PosixSharedMemory::unlink);

    @AfterEach
    void removeObjects() throws Exception {
        names.close();
    }

    private PosixSharedMemory create() throws Exception {
        return PosixSharedMemory.open(names.name(), PosixShmOptions.options().createNew().size(4096));
    }

    @Test
    void lockTryLockAndUnlockOnOneThread() throws Exception {
        try (PosixSharedMemory shm = create()) {
            RobustLock lock = RobustLock.initialize(shm, 256);
            assertEquals(256, lock.offset());
            lock.lock();
            IllegalStateException initHeld = assertThrows(IllegalStateException.class,
                    () -> RobustLock.initialize(shm, 256));
            assertTrue(initHeld.getMessage().contains("unlock it before"), initHeld.getMessage());
            IllegalMonitorStateException again = assertThrows(IllegalMonitorStateException.class, lock::lock);
            assertTrue(again.getMessage().contains("not reentrant"), again.getMessage());
            lock.unlock();
            assertThrows(IllegalMonitorStateException.class, lock::unlock);
            assertTrue(lock.tryLock());
            lock.unlock();
            assertTrue(lock.tryLock(Duration.ofMillis(10)));
            lock.unlock();
            IllegalStateException consistent = assertThrows(IllegalStateException.class, lock::markConsistent);
            assertTrue(consistent.getMessage().contains("OwnerDiedException"), consistent.getMessage());
        }
    }

    @Test
    void anotherThreadWaitsTimesOutAndCannotUnlock() throws Exception {
        try (PosixSharedMemory shm = create()) {
            RobustLock lock = RobustLock.initialize(shm, 0);
            lock.lock();
            assertEquals(false, Threads.onThread("lock-try", lock::tryLock).get(5, TimeUnit.SECONDS));
            long start = System.nanoTime();
            assertEquals(false, Threads.onThread("lock-timed", () -> lock.tryLock(Duration.ofMillis(150)))
                    .get(5, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(150));
            assertInstanceOf(IllegalMonitorStateException.class, Threads.onThread("lock-steal", () -> {
                lock.unlock();
                return "unlocked";
            }).get(5, TimeUnit.SECONDS));
            CompletableFuture<Object> waiter = Threads.onThread("lock-wait", () -> {
                RobustLock.attach(shm, 0).lock();
                return "locked";
            });
            Threads.awaitBlockedIn("lock-wait", "mutexLock");
            lock.unlock();
            assertEquals("locked", waiter.get(5, TimeUnit.SECONDS), "an unlock hands the lock over");
        }
    }

    @Test
    void aWaitingLockIsInterruptedOrEndedByClose() throws Exception {
        String name = names.name();
        PosixSharedMemory shm = PosixSharedMemory.open(name, PosixShmOptions.options().createNew().size(4096));
        RobustLock lock = RobustLock.initialize(shm, 0);
        lock.lock();
        CompletableFuture<Object> interrupted = Threads.onThread("lock-interrupt", () -> {
            lock.lock();
            return "locked";
        });
        Threads.awaitBlockedIn("lock-interrupt", "mutexLock");
        Threads.named("lock-interrupt").interrupt();
        assertInstanceOf(InterruptedException.class, interrupted.get(5, TimeUnit.SECONDS));

        CompletableFuture<Object> closed = Threads.onThread("lock-closed", () -> {
            lock.lock();
            return "locked";
        });
        Threads.awaitBlockedIn("lock-closed", "mutexLock");
        shm.close();
        assertInstanceOf(IpcClosedException.class, closed.get(5, TimeUnit.SECONDS));
        assertThrows(IpcClosedException.class, lock::tryLock);
        assertThrows(IllegalStateException.class, () -> RobustLock.attach(shm, 0));
        assertInstanceOf(IpcClosedException.class, Threads.onThread("unlock-not-mine", () -> {
            lock.unlock();
            return "unlocked by a thread that does not hold it";
        }).get(5, TimeUnit.SECONDS));
        lock.unlock(); // the holder's unlock still releases it, or other processes wait until this one dies
        try (PosixSharedMemory again = PosixSharedMemory.open(name)) {
            RobustLock other = RobustLock.attach(again, 0);
            assertEquals(true, Threads.onThread("lock-after-close", other::tryLock).get(5, TimeUnit.SECONDS));
            // (that thread ends holding it: a later lock there would be EOWNERDEAD, not this test's concern)
        }
    }

    /** Child: takes the lock and exits without unlocking. */
    public static final class DiesHolding {
        public static void main(String[] args) throws Exception {
            try (PosixSharedMemory shm = PosixSharedMemory.open(args[0])) {
                RobustLock.attach(shm, 0).lock();
            }
            System.exit(0);
        }
    }

    /** A lock at offset 0 whose holder died and whose next holder unlocked it without markConsistent. */
    private static RobustLock unrecoverable(PosixSharedMemory shm) throws Exception {
        RobustLock lock = RobustLock.initialize(shm, 0);
        try (ChildJvm child = ChildJvm.start(DiesHolding.class, shm.name())) {
            child.assertSuccess(60);
        }
        assertThrows(OwnerDiedException.class, lock::tryLock);
        lock.unlock(); // without markConsistent
        return lock;
    }

    @Test
    @Tag("kernel-robust-list") // needs a kernel feature qemu-user lacks: ci/test-aarch64-jvm.sh leaves it out
    void unlockingWithoutRepairMakesTheLockUnusableUntilInitializedAgain() throws Exception {
        try (PosixSharedMemory shm = create()) {
            RobustLock lock = unrecoverable(shm);
            IpcException lost = assertThrows(IpcException.class, lock::lock);
            assertTrue(lost.getMessage().contains("initialize it again"), lost.getMessage());
            RobustLock fresh = RobustLock.initialize(shm, 0);
            assertTrue(fresh.tryLock());
            fresh.unlock();
        }
    }

    /** Child: a tryLock on the unrecoverable lock must say so (not return false: that is "held by someone"). */
    public static final class TriesUnrecoverable {
        public static void main(String[] args) throws Exception {
            try (PosixSharedMemory shm = PosixSharedMemory.open(args[0])) {
                RobustLock lock = RobustLock.attach(shm, 0);
                try {
                    System.out.println("tryLock returned " + lock.tryLock());
                    System.exit(1);
                } catch (IpcException expected) {
                    System.exit(expected.getMessage().contains("initialize it again") ? 0 : 2);
                }
            }
        }
    }

    @Test
    @Tag("kernel-robust-list")
    void aTryLockOnAnUnrecoverableLockThrowsAndLeavesItFree() throws Exception {
        try (PosixSharedMemory shm = create()) {
            RobustLock lock = unrecoverable(shm);
            IpcException lost = assertThrows(IpcException.class, lock::tryLock);
            assertTrue(lost.getMessage().contains("initialize it again"), lost.getMessage());
            // the failed try must not have left the mutex held by this thread: this thread, another thread
            // and another process each still see it unrecoverable (glibc's trylock kept it: they saw it busy)
            IpcException again = assertThrows(IpcException.class, () -> lock.tryLock(Duration.ofMillis(10)));
            assertTrue(again.getMessage().contains("initialize it again"), again.getMessage());
            Object other = Threads.onThread("try-unrecoverable", lock::tryLock).get(30, TimeUnit.SECONDS);
            assertInstanceOf(IpcException.class, other, String.valueOf(other));
            try (ChildJvm child = ChildJvm.start(TriesUnrecoverable.class, shm.name())) {
                child.assertSuccess(60);
            }
        }
    }

    /**
     * Another process writes a mutex kind over the lock's bytes that initialize never makes (priority
     * inheritance) with an owner no thread is: glibc's lock took that kind's path to an assertion that aborted
     * the JVM. Lock and unlock refuse such bytes, with an IpcException saying they were overwritten, and the lock
     * works again once they are right. In a child JVM: before the fix it died.
     */
    @Test
    void aMutexKindWrittenOverTheLockIsRefusedNotAnAbort() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.readString(java.nio.file.Path.of(
                "/proc/self/maps")).contains("libc.so.6"), "the bytes written are glibc's mutex layout");
        try (PosixSharedMemory shm = create()) {
            RobustLock.initialize(shm, 0);
            try (ChildJvm child = ChildJvm.start(List.of(), List.of("-XX:ErrorFile=" + System.getProperty(
                    "java.io.tmpdir") + "/ipc4j-lock-kind-hs_err_%p.log"), ForeignKind.class, shm.name())) {
                assertEquals(0, child.waitFor(60), child.output());
                String out = child.output();
                for (String call : new String[] {"tryLock", "timed", "unlock"}) {
                    assertTrue(out.contains(call + ": IpcException EINVAL overwritten"), out);
                }
                assertTrue(out.contains("again: locked and unlocked"), out);
            }
        }
    }

    /** Child of {@link #aMutexKindWrittenOverTheLockIsRefusedNotAnAbort}: prints one line per call. */
    public static final class ForeignKind {
        private static final int KIND = RobustLock.MUTEX_OFFSET + 16; // glibc's __kind (x86-64, aarch64)
        private static final int PRIO_INHERIT = 32; // PTHREAD_MUTEX_PRIO_INHERIT_NP

        public static void main(String[] args) {
            io.github.ipc4j.testing.AttackedMain.exit(() -> {
                try (PosixSharedMemory shm = PosixSharedMemory.open(args[0])) {
                    RobustLock lock = RobustLock.attach(shm, 0);
                    java.nio.ByteBuffer bytes = shm.buffer(); // as another process writes them
                    int kind = bytes.getInt(KIND);
                    bytes.putInt(KIND, kind | PRIO_INHERIT);
                    bytes.putInt(RobustLock.MUTEX_OFFSET, 4_000_000); // __lock: an owner no thread is
                    attempt("tryLock", lock::tryLock);
                    attempt("timed", () -> lock.tryLock(Duration.ofMillis(50)));
                    bytes.putInt(KIND, kind);
                    bytes.putInt(RobustLock.MUTEX_OFFSET, 0);
                    lock.lock();
                    bytes.putInt(KIND, kind | PRIO_INHERIT); // while this thread holds it
                    attempt("unlock", () -> {
                        lock.unlock();
                        return null;
                    });
                    bytes.putInt(KIND, kind); // the holder still holds it: the bytes made right, it unlocks
                    lock.unlock();
                    lock.lock();
                    lock.unlock();
                    System.out.println("again: locked and unlocked");
                }
            });
        }

        private static void attempt(String call, java.util.concurrent.Callable<Object> body) throws Exception {
            try {
                System.out.println(call + ": returned " + body.call());
            } catch (IpcException e) {
                System.out.println(call + ": IpcException " + e.errnoName()
                        + (e.getMessage().contains("overwritten") ? " overwritten" : "") + " (" + e.getMessage() + ")");
            }
        }
    }

    @Test
    void badPlacesAreRefused() throws Exception {
        try (PosixSharedMemory shm = create()) {
            assertThrows(NullPointerException.class, () -> RobustLock.initialize(null, 0));
            IllegalArgumentException unaligned = assertThrows(IllegalArgumentException.class,
                    () -> RobustLock.initialize(shm, 4));
            assertTrue(unaligned.getMessage().contains("multiple of 8"), unaligned.getMessage());
            assertThrows(IllegalArgumentException.class, () -> RobustLock.initialize(shm, -8));
            IndexOutOfBoundsException past = assertThrows(IndexOutOfBoundsException.class,
                    () -> RobustLock.initialize(shm, 4096 - RobustLock.SIZE + 8));
            assertTrue(past.getMessage().contains("takes " + RobustLock.SIZE + " bytes"), past.getMessage());
            RobustLock.initialize(shm, 4096 - RobustLock.SIZE);
            IllegalStateException none = assertThrows(IllegalStateException.class, () -> RobustLock.attach(shm, 0));
            assertTrue(none.getMessage().contains("no lock was initialized"), none.getMessage());
            try (PosixSharedMemory readOnly = PosixSharedMemory.open(shm.name(),
                    PosixShmOptions.options().access(Access.READ_ONLY))) {
                assertThrows(IllegalArgumentException.class, () -> RobustLock.attach(readOnly, 0));
            }
            assertFalse(shm.isClosed());
        }
    }
}
