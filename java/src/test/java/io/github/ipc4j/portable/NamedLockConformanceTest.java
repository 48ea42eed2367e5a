package io.github.ipc4j.portable;

import io.github.ipc4j.Feature;
import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.OwnerDiedException;
import io.github.ipc4j.Platform;
import io.github.ipc4j.SharedMemory;
import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.Threads;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
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

/**
 * The conformance suite of NamedLock, run against every backend this machine has (on Linux: the robust mutex,
 * and the fcntl lock file that macOS uses), across two JVMs: mutual exclusion, a holder killed with SIGKILL,
 * close and interrupt of blocked lockers, thread ownership, bad names, security defaults.
 */
class NamedLockConformanceTest {
    private final List<String> locks = new ArrayList<>();
    private final List<String> memories = new ArrayList<>();
    private NamedLock.Backend backendInUse;

    static List<NamedLock.Backend> backends() {
        List<NamedLock.Backend> all = new ArrayList<>();
        if (Platform.supports(Feature.ROBUST_MUTEX)) {
            all.add(NamedLock.Backend.ROBUST_MUTEX);
        }
        if (Platform.supports(Feature.WINDOWS_MUTEX)) {
            all.add(NamedLock.Backend.WINDOWS_MUTEX);
        } else {
            all.add(NamedLock.Backend.FILE_LOCK);
        }
        return all;
    }

    private String lockName(NamedLock.Backend backend) {
        backendInUse = backend;
        String name = NamedMessageQueueConformanceTest.unique();
        locks.add(name);
        return name;
    }

    @AfterEach
    void remove() throws Exception {
        for (String name : locks) {
            NamedLock.remove(name, backendInUse);
        }
        for (String name : memories) {
            NamedSharedMemory.remove(name);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void eightThreadsInEachOfTwoProcessesNeverOverlap(NamedLock.Backend backend) throws Exception {
        String lock = lockName(backend);
        String counter = NamedMessageQueueConformanceTest.unique();
        memories.add(counter);
        int threads = 8;
        int rounds = 300;
        try (SharedMemory shm = NamedSharedMemory.open(counter, NamedShmOptions.options().createNew().size(64));
             NamedLock opened = NamedLock.open(lock, backend)) {
            assertEquals(backend, opened.backend());
            ChildJvm child = ChildJvm.start(PortableChild.class, "count", backend.name(), lock, counter,
                    String.valueOf(threads), String.valueOf(rounds));
            try {
                PortableChild.count(backend, lock, counter, threads, rounds);
                child.assertSuccess(120);
            } finally {
                child.close();
            }
            assertEquals(2L * threads * rounds, shm.getLongVolatile(0), "no increment was lost");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    @Tag("kernel-robust-list") // needs a kernel feature qemu-user lacks: ci/test-aarch64-jvm.sh leaves it out
    void aHolderKilledWithSigkillIsReportedToTheNextHolder(NamedLock.Backend backend) throws Exception {
        String name = lockName(backend);
        try (NamedLock lock = NamedLock.open(name, backend)) {
            ChildJvm child = ChildJvm.start(PortableChild.class, "hold", backend.name(), name);
            try {
                child.awaitOutput("held", 60);
                assertFalse(lock.tryLock(), "the child holds it");
                child.process().destroyForcibly(); // SIGKILL on Unix, TerminateProcess on Windows
                assertTrue(child.process().waitFor(30, TimeUnit.SECONDS));
            } finally {
                child.close();
            }
            assertThrows(OwnerDiedException.class, () -> lock.tryLock(Duration.ofSeconds(30)));
            lock.markConsistent();
            lock.unlock();
            assertTrue(lock.tryLock(), "after repair the lock works normally");
            lock.unlock();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void theLockBelongsToItsThreadAndIsNotReentrant(NamedLock.Backend backend) throws Exception {
        try (NamedLock lock = NamedLock.open(lockName(backend), backend)) {
            lock.lock();
            assertThrows(IllegalMonitorStateException.class, lock::lock);
            CompletableFuture<Object> other = Threads.onThread("other-unlocker", () -> {
                lock.unlock();
                return null;
            });
            assertInstanceOf(IllegalMonitorStateException.class, other.get(30, TimeUnit.SECONDS));
            CompletableFuture<Object> tryer = Threads.onThread("other-tryer", lock::tryLock);
            assertEquals(false, tryer.get(30, TimeUnit.SECONDS));
            lock.unlock();
        }
    }

    /**
     * A thread's interrupt status is no business of calls that do not wait: tryLock takes a free lock and
     * unlock releases it on an interrupted thread (the status stays set), as java.util.concurrent's locks do.
     * tryLock used to answer false (robust mutex), or close the file channel this JVM shares for the lock file
     * (fcntl lock file), after which every lock of that name in the JVM failed with ClosedChannelException.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void tryLockAndUnlockOnAnInterruptedThreadWorkAndKeepTheStatus(NamedLock.Backend backend) throws Exception {
        String name = lockName(backend);
        try (NamedLock lock = NamedLock.open(name, backend)) {
            Thread.currentThread().interrupt();
            try {
                assertTrue(lock.tryLock(), "a free lock");
                assertTrue(Thread.currentThread().isInterrupted());
                lock.unlock();
                assertTrue(Thread.currentThread().isInterrupted());
                lock.lock(); // taken at once though interrupted, or InterruptedException: either holds nothing
                lock.unlock();
            } catch (InterruptedException allowedForAWaitingCall) {
                assertFalse(Thread.currentThread().isInterrupted());
            } finally {
                Thread.interrupted();
            }
            CompletableFuture<Object> other = Threads.onThread("after-interrupted-calls", () -> {
                try (NamedLock again = NamedLock.open(name, backend)) {
                    boolean taken = again.tryLock();
                    if (taken) {
                        again.unlock();
                    }
                    return taken;
                }
            });
            assertEquals(true, other.get(30, TimeUnit.SECONDS), "the lock works on for the rest of the JVM");
            assertTrue(lock.tryLock(Duration.ofSeconds(5)));
            lock.unlock();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void interruptAndCloseEndABlockedLockHoldingNothing(NamedLock.Backend backend) throws Exception {
        String name = lockName(backend);
        try (NamedLock holder = NamedLock.open(name, backend)) {
            holder.lock();
            NamedLock waiterLock = NamedLock.open(name, backend);
            CompletableFuture<Object> interrupted = Threads.onThread("lock-interrupted", () -> {
                waiterLock.lock();
                return "locked";
            });
            Thread.sleep(100);
            Threads.named("lock-interrupted").interrupt();
            assertInstanceOf(InterruptedException.class, interrupted.get(30, TimeUnit.SECONDS));
            CompletableFuture<Object> closed = Threads.onThread("lock-closed", () -> {
                waiterLock.lock();
                return "locked";
            });
            Thread.sleep(100);
            waiterLock.close();
            assertInstanceOf(IpcClosedException.class, closed.get(30, TimeUnit.SECONDS));
            holder.unlock();
            assertTrue(holder.tryLock(), "the cut-short lockers took nothing");
            holder.unlock();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void badNamesAreRefusedAndLocksAreForTheCurrentUserOnly(NamedLock.Backend backend) throws Exception {
        for (String bad : new String[] {"", "a.lock", "/x", "_x", "x".repeat(25)}) {
            assertThrows(IllegalArgumentException.class, () -> NamedLock.open(bad, backend));
        }
        String name = lockName(backend);
        try (NamedLock lock = NamedLock.open(name, backend)) {
            if (backend == NamedLock.Backend.ROBUST_MUTEX) {
                PortableFiles.assertOwnerOnly(PortableFiles.shm(name + ".lock"));
            } else if (backend == NamedLock.Backend.FILE_LOCK) {
                java.nio.file.Path file = FileCrashSafeLock.file(name);
                PortableFiles.assertOwnerOnly(file);
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
            }
            assertTrue(lock.tryLock());
            lock.unlock();
        }
    }
}
