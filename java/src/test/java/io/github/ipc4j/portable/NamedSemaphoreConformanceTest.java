package io.github.ipc4j.portable;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.Platform;
import io.github.ipc4j.SharedMemory;
import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conformance suite of NamedSemaphore and NamedSharedMemory (one backend each per OS), across two JVMs. */
class NamedSemaphoreConformanceTest {
    private final List<String> semaphores = new ArrayList<>();
    private final List<String> memories = new ArrayList<>();

    private String semName() {
        String name = NamedMessageQueueConformanceTest.unique();
        semaphores.add(name);
        return name;
    }

    @AfterEach
    void remove() throws Exception {
        for (String name : semaphores) {
            NamedSemaphore.remove(name);
        }
        for (String name : memories) {
            NamedSharedMemory.remove(name);
        }
    }

    @Test
    void permitsAreConservedUnder8ThreadsIn2Processes() throws Exception {
        String name = semName();
        try (NamedSemaphore sem = NamedSemaphore.open(name, NamedSemOptions.options().createNew().initialPermits(3))) {
            assertTrue(sem.created());
            ChildJvm child = ChildJvm.start(PortableChild.class, "permits", name, "8", "2000");
            try {
                PortableChild.permits(name, 8, 2000);
                child.assertSuccess(120);
            } finally {
                child.close();
            }
            for (int i = 0; i < 3; i++) {
                assertTrue(sem.tryAcquire(), "permit " + i + " is back");
            }
            assertFalse(sem.tryAcquire(), "and no more than were there");
            assertFalse(sem.tryAcquire(Duration.ofMillis(30)));
            sem.release(3);
        }
    }

    @Test
    void interruptAndCloseEndABlockedAcquireTakingNothing() throws Exception {
        String name = semName();
        NamedSemaphore sem = NamedSemaphore.open(name, NamedSemOptions.options().createNew());
        CompletableFuture<Object> interrupted = Threads.onThread("sem-interrupted", () -> {
            sem.acquire();
            return "acquired";
        });
        Thread.sleep(100);
        Threads.named("sem-interrupted").interrupt();
        assertInstanceOf(InterruptedException.class, interrupted.get(30, TimeUnit.SECONDS));
        CompletableFuture<Object> closed = Threads.onThread("sem-closed", () -> sem.tryAcquire(Duration.ofMinutes(5)));
        Thread.sleep(100);
        sem.close();
        assertInstanceOf(IpcClosedException.class, closed.get(30, TimeUnit.SECONDS));
        assertThrows(IpcClosedException.class, sem::release);
        try (NamedSemaphore again = NamedSemaphore.open(name, NamedSemOptions.options())) {
            again.release();
            assertTrue(again.tryAcquire());
            assertFalse(again.tryAcquire(), "the cut-short acquires took nothing");
        }
    }

    @Test
    void openModesBadNamesAndSecurityDefaults() throws Exception {
        for (String bad : new String[] {"", "a.b", "/x", "é", "x".repeat(25)}) {
            assertThrows(IllegalArgumentException.class, () -> NamedSemaphore.open(bad, NamedSemOptions.options()));
            assertThrows(IllegalArgumentException.class, () -> NamedSharedMemory.open(bad, NamedShmOptions.options()));
        }
        assertThrows(IllegalArgumentException.class, () -> NamedSemOptions.options().initialPermits(-1));
        String name = semName();
        assertThrows(NoSuchFileException.class, () -> NamedSemaphore.open(name, NamedSemOptions.options()));
        try (NamedSemaphore sem = NamedSemaphore.open(name, NamedSemOptions.options().createNew())) {
            assertThrows(FileAlreadyExistsException.class, () -> NamedSemaphore.open(name,
                    NamedSemOptions.options().createNew()));
            if (Platform.os() == OperatingSystem.MACOS) {
                assertThrows(UnsupportedOperationException.class, () -> NamedSemaphore.open(name,
                        NamedSemOptions.options().openOrCreate().requireOwner()));
            } else {
                try (NamedSemaphore other = NamedSemaphore.open(name,
                        NamedSemOptions.options().openOrCreate().requireOwner())) {
                    assertFalse(other.created());
                }
            }
            PortableFiles.assertOwnerOnly(PortableFiles.sem(name));
            PortableFiles.assertWindowsCurrentUserOnly(name + ".sem", null);
        }
    }

    @Test
    void sharedMemoryIsSeenByAnotherJvmAndChecksSizes() throws Exception {
        String name = NamedMessageQueueConformanceTest.unique();
        memories.add(name);
        assertThrows(IllegalArgumentException.class, () -> NamedShmOptions.options().size(0));
        assertThrows(IllegalArgumentException.class, () -> NamedSharedMemory.open(name,
                NamedShmOptions.options().createNew()));
        assertThrows(NoSuchFileException.class, () -> NamedSharedMemory.open(name, NamedShmOptions.options()));
        try (SharedMemory shm = NamedSharedMemory.open(name, NamedShmOptions.options().createNew().size(64))) {
            PortableFiles.assertOwnerOnly(PortableFiles.shm(name));
            PortableFiles.assertWindowsCurrentUserOnly(null, name);
            assertThrows(FileAlreadyExistsException.class, () -> NamedSharedMemory.open(name,
                    NamedShmOptions.options().createNew().size(64)));
            assertThrows(java.io.IOException.class, () -> NamedSharedMemory.open(name,
                    NamedShmOptions.options().size(1 << 20)));
            // the child counts into it under a lock; its increments land here
            String lock = NamedMessageQueueConformanceTest.unique();
            ChildJvm child = ChildJvm.start(PortableChild.class, "count", NamedLock.Backend.forThisOs().name(), lock,
                    name, "2", "50");
            try {
                child.assertSuccess(120);
            } finally {
                child.close();
                NamedLock.remove(lock);
            }
            ByteBuffer view = shm.buffer();
            assertEquals(100, view.getLong(0));
        }
    }
}
