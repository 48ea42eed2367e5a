package io.github.ipc4j.windows;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.OwnerDiedException;
import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.Threads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Windows shared memory, semaphores, mutexes and events on real Windows, across two JVMs where it matters. */
@EnabledOnOs(OS.WINDOWS)
class WindowsSyncTest {
    private static String unique() {
        return "Local\\ipc4j-test-" + UUID.randomUUID();
    }

    /** The child JVM: "hold-mutex NAME" (takes it, prints "held", waits to be killed), "count ...". */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("hold-mutex")) {
            WindowsMutex mutex = WindowsMutex.open(args[1]);
            mutex.lock();
            System.out.println("held");
            System.out.flush();
            Thread.sleep(120_000);
        } else if (args[0].equals("count")) {
            count(args[1], args[2], args[3], Integer.parseInt(args[4]));
        }
    }

    /** rounds times: a permit, the mutex, the counter in the shared memory + 1, then both back. */
    private static void count(String semName, String mutexName, String shmName, int rounds) throws Exception {
        try (WindowsSemaphore sem = WindowsSemaphore.open(semName, WindowsSemaphoreOptions.options().requireOwner());
             WindowsMutex mutex = WindowsMutex.open(mutexName);
             WindowsSharedMemory shm = WindowsSharedMemory.open(shmName)) {
            ByteBuffer view = shm.buffer();
            for (int i = 0; i < rounds; i++) {
                sem.acquire();
                try {
                    mutex.lock();
                    try {
                        view.putLong(0, view.getLong(0) + 1);
                    } finally {
                        mutex.unlock();
                    }
                    shm.getAndAddLong(8, 1);
                } finally {
                    sem.release();
                }
            }
        }
    }

    @Test
    void openModesSecurityDefaultsAndSddl() throws Exception {
        String name = unique();
        assertThrows(NoSuchFileException.class, () -> WindowsSemaphore.open(name));
        try (WindowsSemaphore sem = WindowsSemaphore.open(name,
                WindowsSemaphoreOptions.options().createNew().initialPermits(1).maxPermits(2))) {
            assertTrue(sem.created() && sem.isCurrentUserOnly());
            assertThrows(FileAlreadyExistsException.class, () -> WindowsSemaphore.open(name,
                    WindowsSemaphoreOptions.options().createNew()));
            try (WindowsSemaphore again = WindowsSemaphore.open(name,
                    WindowsSemaphoreOptions.options().openOrCreate().requireOwner())) {
                assertFalse(again.created());
                assertTrue(again.tryAcquire());
                assertFalse(sem.tryAcquire());
            }
            IpcException kind = assertThrows(IpcException.class, () -> WindowsMutex.open(name));
            assertTrue(kind.getMessage().contains("another kind"), kind.getMessage());
        }
        try (WindowsEvent open = WindowsEvent.open(unique(),
                WindowsEventOptions.options().createNew().sddl("D:P(A;;GA;;;OW)(A;;GR;;;WD)"))) {
            assertFalse(open.isCurrentUserOnly());
        }
        assertThrows(IpcException.class, () -> WindowsEvent.open(unique(),
                WindowsEventOptions.options().createNew().sddl("not SDDL")));
    }

    @Test
    void semaphoreCountsAreConservedAcrossTwoJvmsAndAMutexGuardsSharedMemory() throws Exception {
        int rounds = 2000;
        String semName = unique();
        String mutexName = unique();
        String shmName = unique();
        try (WindowsSemaphore sem = WindowsSemaphore.open(semName,
                WindowsSemaphoreOptions.options().createNew().initialPermits(3).maxPermits(3));
             WindowsMutex mutex = WindowsMutex.open(mutexName, WindowsMutexOptions.options().createNew());
             WindowsSharedMemory shm = WindowsSharedMemory.open(shmName,
                     WindowsShmOptions.options().createNew().size(4096))) {
            assertTrue(shm.isCurrentUserOnly() && mutex.isCurrentUserOnly());
            ChildJvm child = ChildJvm.start(WindowsSyncTest.class, "count", semName, mutexName, shmName,
                    String.valueOf(rounds));
            try {
                count(semName, mutexName, shmName, rounds);
                child.assertSuccess(120);
            } finally {
                child.close();
            }
            assertEquals(2L * rounds, shm.buffer().getLong(0));
            assertEquals(2L * rounds, shm.getLongVolatile(8));
            for (int i = 0; i < 3; i++) {
                assertTrue(sem.tryAcquire());
            }
            assertFalse(sem.tryAcquire());
            IpcException full = assertThrows(IpcException.class, () -> sem.release(4));
            assertTrue(full.getMessage().contains("none were added"), full.getMessage());
            sem.release(3);
        }
    }

    @Test
    void aMutexHeldByAKilledJvmIsReportedAbandonedToTheNextHolder() throws Exception {
        String name = unique();
        try (WindowsMutex mutex = WindowsMutex.open(name, WindowsMutexOptions.options().createNew())) {
            ChildJvm child = ChildJvm.start(WindowsSyncTest.class, "hold-mutex", name);
            try {
                child.awaitOutput("held", 60);
                assertFalse(mutex.tryLock());
                child.process().destroyForcibly(); // TerminateProcess
                child.process().waitFor(30, TimeUnit.SECONDS);
            } finally {
                child.close();
            }
            assertThrows(OwnerDiedException.class, () -> mutex.tryLock(Duration.ofSeconds(10)));
            assertTrue(mutex.isHeldByCurrentThread());
            assertThrows(IllegalMonitorStateException.class, mutex::lock);
            mutex.unlock();
            assertTrue(mutex.tryLock()); // abandonment is reported once
            CompletableFuture<Object> other = Threads.onThread("unlocker", () -> {
                mutex.unlock();
                return null;
            });
            assertInstanceOf(IllegalMonitorStateException.class, other.get(30, TimeUnit.SECONDS));
            mutex.unlock();
        }
    }

    @Test
    void closeAndInterruptCutBlockedWaitsShortTakingNothing() throws Exception {
        String name = unique();
        try (WindowsSemaphore sem = WindowsSemaphore.open(name, WindowsSemaphoreOptions.options().createNew())) {
            CompletableFuture<Object> interrupted = Threads.onThread("sem-waiter", () -> {
                sem.acquire();
                return "acquired";
            });
            Threads.awaitBlockedIn("sem-waiter", "await");
            Threads.named("sem-waiter").interrupt();
            assertInstanceOf(InterruptedException.class, interrupted.get(30, TimeUnit.SECONDS));
            sem.release();
            assertTrue(sem.tryAcquire(), "the interrupted wait took nothing");
        }
        WindowsEvent event = WindowsEvent.open(unique(), WindowsEventOptions.options().createNew().manualReset(true));
        CompletableFuture<Object> closed = Threads.onThread("event-waiter", () -> {
            event.await();
            return "set";
        });
        Threads.awaitBlockedIn("event-waiter", "await");
        event.close();
        assertInstanceOf(IpcClosedException.class, closed.get(30, TimeUnit.SECONDS));
        assertThrows(IpcClosedException.class, event::set);
    }

    @Test
    void eventsManualAndAutoReset() throws Exception {
        try (WindowsEvent manual = WindowsEvent.open(unique(),
                WindowsEventOptions.options().createNew().manualReset(true));
             WindowsEvent auto = WindowsEvent.open(unique(),
                     WindowsEventOptions.options().createNew().initiallySet(true))) {
            assertFalse(manual.await(Duration.ofMillis(10)));
            manual.set();
            assertTrue(manual.poll() && manual.poll(), "a manual-reset event stays set");
            manual.reset();
            assertFalse(manual.poll());
            assertTrue(auto.poll());
            assertFalse(auto.poll(), "an auto-reset event lets one waiter through per set");
        }
    }

    @Test
    void sharedMemoryViewsOutliveCloseAndAnOpenerChecksTheSize() throws Exception {
        String name = unique();
        WindowsSharedMemory shm = WindowsSharedMemory.open(name, WindowsShmOptions.options().createNew().size(10_000));
        assertEquals(10_000, shm.size());
        ByteBuffer view = shm.buffer();
        view.putInt(9996, 42);
        try (WindowsSharedMemory opened = WindowsSharedMemory.open(name, WindowsShmOptions.options().size(10_000))) {
            assertEquals(12288, opened.size(), "an opened mapping is sized in whole pages");
            assertEquals(42, opened.buffer().getInt(9996));
            assertThrows(IpcException.class, () -> WindowsSharedMemory.open(name,
                    WindowsShmOptions.options().size(1 << 20)));
        }
        shm.close();
        assertEquals(42, view.getInt(9996), "a view keeps its memory mapped after close");
        assertThrows(IllegalStateException.class, shm::buffer);
    }
}
