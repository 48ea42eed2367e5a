package io.github.ipc4j.posix;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.PosixNames;
import io.github.ipc4j.testing.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@EnabledOnOs({OS.LINUX, OS.MAC})
class PosixSemaphoreTest {
    private final PosixNames names = new PosixNames(PosixSemaphore::unlink);

    @AfterEach
    void removeSemaphores() throws Exception {
        names.close();
    }

    private PosixSemaphore create(int permits) throws Exception {
        return PosixSemaphore.open(names.name(), PosixSemOptions.options().createNew().initialPermits(permits));
    }

    @Test
    void shapedLikeJavaUtilConcurrentSemaphore() throws Exception {
        try (PosixSemaphore sem = create(2)) {
            assertTrue(sem.created());
            assertEquals(2, sem.availablePermits());
            assertTrue(sem.tryAcquire());
            sem.acquire();
            assertFalse(sem.tryAcquire());
            assertFalse(sem.tryAcquire(Duration.ofMillis(30)));
            assertFalse(sem.tryAcquire(Duration.ZERO));
            sem.release();
            assertTrue(sem.tryAcquire(Duration.ofSeconds(1)));
            sem.release(5);
            assertEquals(5, sem.availablePermits());
        }
    }

    @Test
    void openModesAndExactModeBits() throws Exception {
        String name = names.name();
        assertThrows(NoSuchFileException.class, () -> PosixSemaphore.open(name));
        try (PosixSemaphore created = PosixSemaphore.open(name,
                PosixSemOptions.options().createNew().mode(0640).initialPermits(3))) {
            assertThrows(FileAlreadyExistsException.class, () -> PosixSemaphore.open(name,
                    PosixSemOptions.options().createNew()));
            try (PosixSemaphore existing = PosixSemaphore.open(name,
                    PosixSemOptions.options().openOrCreate().initialPermits(9))) {
                assertFalse(existing.created());
                assertEquals(3, existing.availablePermits(), "open-or-create keeps the existing value");
                existing.acquire();
                assertEquals(2, created.availablePermits(), "two handles, one semaphore");
            }
            Path file = Paths.get("/dev/shm/sem." + name.substring(1));
            if (Files.exists(file)) {
                assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
        }
        PosixSemaphore.unlink(name);
        assertThrows(NoSuchFileException.class, () -> PosixSemaphore.unlink(name));
    }

    @Test
    void timedAcquireWaitsAboutItsTimeoutAndTakesAPermitReleasedMeanwhile() throws Exception {
        try (PosixSemaphore sem = create(0)) {
            long start = System.nanoTime();
            assertFalse(sem.tryAcquire(Duration.ofMillis(200)));
            long waited = System.nanoTime() - start;
            assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(200), "waited " + waited);
            CompletableFuture<Object> taken = Threads.onThread("sem-timed",
                    () -> sem.tryAcquire(Duration.ofSeconds(30)));
            Threads.awaitBlockedIn("sem-timed", "waitFor");
            sem.release();
            assertEquals(true, taken.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void blockedAcquireIsInterruptedAndTheSemaphoreStaysUsable() throws Exception {
        try (PosixSemaphore sem = create(0)) {
            CompletableFuture<Object> outcome = Threads.onThread("sem-interrupt", () -> {
                sem.acquire();
                return "acquired";
            });
            Threads.awaitBlockedIn("sem-interrupt", "waitFor");
            Threads.named("sem-interrupt").interrupt();
            assertInstanceOf(InterruptedException.class, outcome.get(5, TimeUnit.SECONDS));
            sem.release();
            assertTrue(sem.tryAcquire());
        }
    }

    @Test
    void closeWakesEveryBlockedAcquireAndLaterCallsThrow() throws Exception {
        PosixSemaphore sem = create(0);
        CompletableFuture<Object> first = Threads.onThread("sem-close-1", () -> {
            sem.acquire();
            return "acquired";
        });
        CompletableFuture<Object> second = Threads.onThread("sem-close-2",
                () -> sem.tryAcquire(Duration.ofMinutes(5)));
        Threads.awaitBlockedIn("sem-close-1", "waitFor");
        Threads.awaitBlockedIn("sem-close-2", "waitFor");
        sem.close();
        for (CompletableFuture<Object> outcome : java.util.List.of(first, second)) {
            IpcClosedException e = assertInstanceOf(IpcClosedException.class, outcome.get(5, TimeUnit.SECONDS));
            assertTrue(e.closedWhileBlocked());
        }
        sem.close(); // idempotent
        assertThrows(IpcClosedException.class, sem::acquire);
        assertThrows(IpcClosedException.class, sem::tryAcquire);
        assertThrows(IpcClosedException.class, () -> sem.tryAcquire(Duration.ofSeconds(1)));
        assertThrows(IpcClosedException.class, sem::release);
        assertThrows(IpcClosedException.class, sem::availablePermits);
    }

    @Test
    void valueOverflowIsAClearException() throws Exception {
        int max = PosixSemaphore.maxPermits();
        try (PosixSemaphore sem = create(max - 1)) {
            IpcException e = assertThrows(IpcException.class, () -> sem.release(3));
            assertTrue(e.getMessage().contains("SEM_VALUE_MAX"), e.getMessage());
            assertTrue(e.getMessage().contains("none were added"), e.getMessage());
            assertEquals(max - 1, sem.availablePermits(), "as IpcSemaphore.release promises: nothing added");
            sem.release(1);
            assertEquals(max, sem.availablePermits());
            e = assertThrows(IpcException.class, sem::release);
            assertTrue(e.getMessage().contains("none were added"), e.getMessage());
        }
        // refused before the first post, not after two billion of them
        try (PosixSemaphore sem = create(1)) {
            IpcException e = assertThrows(IpcException.class, () -> sem.release(Integer.MAX_VALUE));
            assertTrue(e.getMessage().contains("none were added"), e.getMessage());
            assertEquals(1, sem.availablePermits());
        }
        assertThrows(IllegalArgumentException.class, () -> PosixSemaphore.open(names.name(),
                PosixSemOptions.options().createNew().initialPermits(max + 1 < 0 ? -1 : max + 1)));
    }

    @Test
    void badInputIsRefusedBeforeAnyNativeCall() throws Exception {
        for (String bad : new String[] {"", "/", "noslash", "/a/b", "/.", "/..", "/nul\0", "/" + "x".repeat(300)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PosixSemaphore.open(bad));
            assertTrue(e.getMessage().contains("names are '/'"), e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> PosixSemaphore.open(null));
        assertThrows(NullPointerException.class, () -> PosixSemaphore.open("/x", null));
        assertThrows(IllegalArgumentException.class, () -> PosixSemOptions.options().initialPermits(-1));
        assertThrows(IllegalArgumentException.class, () -> PosixSemOptions.options().mode(01000));
        assertThrows(IllegalArgumentException.class, () -> PosixSemOptions.options().mode(-1));
        try (PosixSemaphore sem = create(0)) {
            assertThrows(IllegalArgumentException.class, () -> sem.release(0));
            assertThrows(IllegalArgumentException.class, () -> sem.release(-5));
            assertThrows(NullPointerException.class, () -> sem.tryAcquire(null));
            assertFalse(sem.tryAcquire(Duration.ofMillis(-1)), "a negative timeout means zero: one try");
            assertFalse(sem.tryAcquire(-1, java.util.concurrent.TimeUnit.SECONDS));
            assertThrows(NullPointerException.class, () -> sem.tryAcquire(1, null));
            assertEquals(0, sem.availablePermits(), "nothing was taken or added");
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void anEmptyFileUnderTheNameIsRefusedNotMapped() throws Exception {
        String name = names.name();
        Path file = Paths.get("/dev/shm/sem." + name.substring(1));
        Files.createFile(file);
        try {
            IpcException e = assertThrows(IpcException.class, () -> PosixSemaphore.open(name));
            assertTrue(e.getMessage().contains("is not a semaphore"), e.getMessage());
            assertThrows(IpcException.class, () -> PosixSemaphore.open(name,
                    PosixSemOptions.options().openOrCreate()));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void anOpenerCanRefuseAWideModeOrAForeignOwner() throws Exception {
        String name = names.name();
        try (PosixSemaphore wide = PosixSemaphore.open(name, PosixSemOptions.options().createNew().mode(0666))) {
            AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> PosixSemaphore.open(name,
                    PosixSemOptions.options().maxMode(0600)));
            assertTrue(e.getMessage().contains("0666"), e.getMessage());
            try (PosixSemaphore mine = PosixSemaphore.open(name, PosixSemOptions.options().requireOwner())) {
                assertFalse(mine.created());
            }
        }
    }

    /** Run in a child JVM: blocks in acquire on a semaphore nobody releases, then is interrupted or closed. */
    public static final class BlockedChild {
        public static void main(String[] args) throws Exception {
            String how = args[1];
            try (PosixSemaphore sem = PosixSemaphore.open(args[0])) {
                Thread main = Thread.currentThread();
                Thread actor = new Thread(() -> {
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (how.equals("interrupt")) {
                        main.interrupt();
                    } else {
                        sem.close();
                    }
                });
                actor.start();
                System.out.println("blocking");
                long start = System.nanoTime();
                try {
                    sem.acquire();
                    System.out.println("acquired");
                } catch (InterruptedException e) {
                    System.out.println("interrupted after " + (System.nanoTime() - start) / 1_000_000 + " ms");
                } catch (IpcClosedException e) {
                    System.out.println("closed after " + (System.nanoTime() - start) / 1_000_000 + " ms");
                }
            }
        }
    }

    @Test
    void aChildBlockedInAcquireReturnsPromptlyWhenInterruptedOrClosed() throws Exception {
        try (PosixSemaphore sem = create(0)) {
            for (String how : new String[] {"interrupt", "close"}) {
                try (ChildJvm child = ChildJvm.start(BlockedChild.class, sem.name(), how)) {
                    child.assertSuccess(30);
                    String expected = how.equals("interrupt") ? "interrupted after " : "closed after ";
                    assertTrue(child.output().contains(expected), child.output());
                    String ms = child.output().substring(child.output().indexOf(expected) + expected.length())
                            .split(" ")[0];
                    assertTrue(Long.parseLong(ms) < 5000, "returned promptly: " + child.output());
                }
            }
            assertEquals(0, sem.availablePermits(), "the children took nothing");
        }
    }
}
