package io.github.ipc4j.posix;

import io.github.ipc4j.RobustLock;
import io.github.ipc4j.testing.PosixNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.time.Duration;

import static io.github.ipc4j.testing.Allocations.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Semaphore, shared memory atomics and the robust lock allocate nothing per operation once warm. */
@EnabledOnOs(OS.LINUX)
class PosixHotPathAllocationTest {
    private final PosixNames semaphores = new PosixNames(PosixSemaphore::unlink);
    private final PosixNames memories = new PosixNames(PosixSharedMemory::unlink);

    @AfterEach
    void cleanUp() throws Exception {
        semaphores.close();
        memories.close();
    }

    @Test
    void semaphoreOperations() throws Exception {
        try (PosixSemaphore sem = PosixSemaphore.open(semaphores.name(),
                PosixSemOptions.options().createNew().initialPermits(1))) {
            Duration timeout = Duration.ofSeconds(1);
            assertAllocatesNothing("semaphore", () -> {
                for (int i = 0; i < 20_000; i++) {
                    sem.acquire();
                    sem.release();
                    sem.tryAcquire(timeout);
                    sem.release();
                    sem.tryAcquire();
                    sem.release();
                }
            });
            assertEquals(1, sem.availablePermits());
        }
    }

    @Test
    void sharedMemoryAtomicsAndTheRobustLock() throws Exception {
        try (PosixSharedMemory shm = PosixSharedMemory.open(memories.name(),
                PosixShmOptions.options().createNew().size(4096))) {
            RobustLock lock = RobustLock.initialize(shm, 128);
            assertAllocatesNothing("atomics and lock", () -> {
                for (int i = 0; i < 20_000; i++) {
                    shm.getAndAddLong(0, 1);
                    shm.compareAndSetInt(8, 0, 0);
                    shm.setLongVolatile(16, shm.getLongVolatile(0));
                    lock.lock();
                    lock.unlock();
                }
            });
        }
    }
}
