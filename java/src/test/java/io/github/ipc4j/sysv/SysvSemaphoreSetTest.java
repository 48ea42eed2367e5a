package io.github.ipc4j.sysv;

import io.github.ipc4j.Feature;
import io.github.ipc4j.Platform;
import io.github.ipc4j.testing.Allocations;
import io.github.ipc4j.testing.SysvSemSets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One process: open modes, values, operations and their flags, status, owner and mode. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SysvSemaphoreSetTest {
    private final SysvSemSets sets = new SysvSemSets();

    @AfterEach
    void removeSets() throws Exception {
        sets.close();
    }

    @Test
    void openModesByKey() throws Exception {
        IpcKey key = sets.key();
        assertThrows(NoSuchFileException.class, () -> SysvSemaphoreSet.open(key, SysvSemOptions.options()));
        try (SysvSemaphoreSet created = SysvSemaphoreSet.open(key, SysvSemOptions.options().createNew().count(3))) {
            assertTrue(created.created());
            assertEquals(3, created.size());
            assertEquals(key, created.key());
            assertArrayEquals(new int[] {0, 0, 0}, created.getAll(), "a new set is all zero");
            assertThrows(FileAlreadyExistsException.class,
                    () -> SysvSemaphoreSet.open(key, SysvSemOptions.options().createNew().count(3)));
            try (SysvSemaphoreSet existing = SysvSemaphoreSet.open(key, SysvSemOptions.options());
                 SysvSemaphoreSet either = SysvSemaphoreSet.open(key, SysvSemOptions.options().openOrCreate().count(2));
                 SysvSemaphoreSet byId = SysvSemaphoreSet.ofId(created.id())) {
                assertFalse(existing.created());
                assertFalse(either.created());
                assertEquals(created.id(), existing.id());
                assertEquals(created.id(), either.id());
                assertEquals(3, existing.size());
                assertEquals(3, either.size(), "the set's own size, not the count asked for");
                assertEquals(key, byId.key());
                existing.set(1, 7);
                assertEquals(7, byId.get(1));
            }
            created.remove();
            assertTrue(created.isRemoved());
        }
        try (SysvSemaphoreSet again = SysvSemaphoreSet.open(key, SysvSemOptions.options().openOrCreate().count(1))) {
            assertTrue(again.created(), "open-or-create makes a new set once the old one is gone");
        }
    }

    @Test
    void initialValuesAreSetAndMarkTheSetInitialised() throws Exception {
        IpcKey key = sets.key();
        try (SysvSemaphoreSet set = SysvSemaphoreSet.open(key,
                SysvSemOptions.options().createNew().initialValues(2, 0, 32767))) {
            assertEquals(3, set.size());
            assertArrayEquals(new int[] {2, 0, 32767}, set.getAll());
            assertTrue(set.status().lastOperationTime().isPresent(), "the no-op operation set sem_otime");
            assertTrue(set.awaitInitialized(Duration.ZERO));
            // an opener of the existing set leaves it as it is
            try (SysvSemaphoreSet other = SysvSemaphoreSet.open(key,
                    SysvSemOptions.options().openOrCreate().initialValues(5, 5, 5))) {
                assertFalse(other.created());
                assertArrayEquals(new int[] {2, 0, 32767}, other.getAll());
            }
        }
        try (SysvSemaphoreSet plain = sets.privateSet(2)) {
            assertFalse(plain.status().lastOperationTime().isPresent(), "no operation yet: not initialised");
            assertFalse(plain.awaitInitialized(Duration.ofMillis(30)));
        }
    }

    @Test
    void valuesOneAndAll() throws Exception {
        try (SysvSemaphoreSet set = sets.privateSet(4)) {
            set.setAll(1, 2, 3, 32767);
            assertArrayEquals(new int[] {1, 2, 3, 32767}, set.getAll());
            set.set(0, 9);
            assertEquals(9, set.get(0));
            set.perform(set.operation().add(0, -1).build());
            assertEquals(ProcessHandle.current().pid(), set.lastPid(0));
            assertEquals(0, set.waitingForIncrease(0));
            assertEquals(0, set.waitingForZero(0));
        }
    }

    @Test
    void operationsApplyInOrderAllOrNothing() throws Exception {
        try (SysvSemaphoreSet set = sets.privateSet(3, 1, 0, 5)) {
            SemOperation takeBoth = set.operation().add(0, -1).add(1, -1).build();
            assertFalse(set.tryPerform(takeBoth), "semaphore 1 is 0: nothing may change");
            assertArrayEquals(new int[] {1, 0, 5}, set.getAll());
            set.perform(set.operation().add(1, 1).build());
            assertTrue(set.tryPerform(takeBoth));
            assertArrayEquals(new int[] {0, 0, 5}, set.getAll());
            // the same semaphore twice in one call: applied in order
            SemOperation giveAndTake = set.operation().add(2, 3).add(2, -8).build();
            assertTrue(set.tryPerform(giveAndTake));
            assertEquals(0, set.get(2));
            // wait-for-zero
            SemOperation zero = set.operation().waitForZero(0).waitForZero(2).build();
            assertTrue(set.tryPerform(zero));
            set.set(2, 1);
            assertFalse(set.tryPerform(zero));
            assertEquals("[#0 wait-for-zero, #2 wait-for-zero]", zero.toString());
        }
    }

    @Test
    void perOperationNoWaitMakesPerformReturnFalse() throws Exception {
        try (SysvSemaphoreSet set = sets.privateSet(2, 0, 1)) {
            SemOperation op = set.operation().add(1, -1).add(0, -1, SemFlag.NO_WAIT).build();
            assertTrue(op.hasFlag(1, SemFlag.NO_WAIT));
            assertFalse(op.hasFlag(0, SemFlag.NO_WAIT));
            assertFalse(set.perform(op), "the NO_WAIT operation would wait: false at once, nothing changed");
            assertArrayEquals(new int[] {0, 1}, set.getAll());
            assertEquals("[#1 -1, #0 -1 NO_WAIT]", op.toString());
        }
    }

    @Test
    void undoIsReversedWhenSetByValue() throws Exception {
        try (SysvSemaphoreSet set = sets.privateSet(1, 3)) {
            SemOperation take = set.operation().add(0, -1, SemFlag.UNDO).build();
            assertTrue(take.hasFlag(0, SemFlag.UNDO));
            assertTrue(set.tryPerform(take));
            assertEquals(2, set.get(0));
            assertEquals("[#0 -1 UNDO]", take.toString());
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void timedFormWaitsAtMostTheTimeout() throws Exception {
        try (SysvSemaphoreSet set = sets.privateSet(1)) {
            SemOperation take = set.operation().add(0, -1).build();
            long start = System.nanoTime();
            assertFalse(set.tryPerform(take, Duration.ofMillis(80)));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis >= 70, "waited " + elapsedMillis + " ms");
            assertFalse(set.tryPerform(take, Duration.ZERO));
            set.set(0, 1);
            assertTrue(set.tryPerform(take, Duration.ofSeconds(5)));
            assertEquals(0, set.get(0));
        }
    }

    /** Where the OS lacks semtimedop (macOS) a timed wait is refused by name, never emulated; zero still tries. */
    @Test
    void timedFormWhereTheOsLacksSemtimedop() throws Exception {
        try (SysvSemaphoreSet set = sets.privateSet(1, 1)) {
            SemOperation take = set.operation().add(0, -1).build();
            if (Platform.supports(Feature.SYSV_SEMAPHORE_TIMED)) {
                assertTrue(set.tryPerform(take, Duration.ofMillis(10)));
            } else {
                UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                        () -> set.tryPerform(take, Duration.ofMillis(10)));
                assertTrue(e.getMessage().contains("semtimedop"), e.getMessage());
                assertEquals(1, set.get(0), "refused before any call");
                assertTrue(set.tryPerform(take, Duration.ZERO));
            }
            assertEquals(0, set.get(0));
            // a timeout beyond what nanoseconds hold (~292 years) is a plain wait: taken on every OS
            set.set(0, 1);
            assertTrue(set.tryPerform(take, Duration.ofDays(365L * 1_000_000)));
            assertEquals(0, set.get(0));
        }
    }

    @Test
    void statusOwnerAndMode() throws Exception {
        IpcKey key = sets.key();
        Instant before = Instant.now().minusSeconds(2);
        try (SysvSemaphoreSet set = SysvSemaphoreSet.open(key, SysvSemOptions.options().createNew().count(2)
                .mode(0640))) {
            SysvSemStatus status = set.status();
            assertEquals(set.id(), status.id());
            assertEquals(key, status.key());
            assertEquals(2, status.semaphores());
            assertEquals(0640, status.mode());
            assertEquals(status.ownerUid(), status.creatorUid());
            assertFalse(status.lastOperationTime().isPresent());
            assertFalse(status.changeTime().isBefore(before));
            set.setMode(0600);
            assertEquals(0600, set.status().mode());
            set.setOwner(status.ownerUid(), status.ownerGid());
            assertEquals(status.ownerUid(), set.status().ownerUid());
            assertTrue(set.status().toString().contains("mode 0600"), set.status().toString());
        }
    }

    /** Performing a built operation allocates nothing: blocking, trying and timed forms, after warm-up. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void performingAllocatesNothing() throws Exception {
        try (SysvSemaphoreSet set = sets.privateSet(2, 1, 1)) {
            SemOperation take = set.operation().add(0, -1, SemFlag.UNDO).add(1, -1).build();
            SemOperation give = set.operation().add(0, 1, SemFlag.UNDO).add(1, 1).build();
            Duration timeout = Duration.ofSeconds(1);
            Allocations.assertAllocatesNothing("80,000 semaphore operations", () -> {
                for (int i = 0; i < 20_000; i++) {
                    set.perform(take);
                    set.tryPerform(give);
                    set.tryPerform(take, timeout);
                    set.perform(give);
                }
            });
            assertArrayEquals(new int[] {1, 1}, set.getAll());
        }
    }

    @Test
    void anOperationThatOnlyAddsNeverWaitsSoItIsDoneOnAnInterruptedThreadEveryTime() throws Exception {
        try (SysvSemaphoreSet set = sets.privateSet(2)) {
            SemOperation take = set.operation().add(0, -1).build();
            SemOperation give = set.operation().add(0, 1).add(1, 2).build();
            SemOperation tooMuch = set.operation().add(1, -1000).build();
            for (int i = 0; i < 50; i++) {
                set.perform(give);
                // a failed try: the calls after it go straight to the blocking call, whose machinery sees interrupts
                assertFalse(set.tryPerform(tooMuch, java.time.Duration.ofMillis(1)));
                Thread.currentThread().interrupt();
                try {
                    assertTrue(set.perform(give), "an add on an interrupted thread, call " + i);
                } finally {
                    assertTrue(Thread.interrupted(), "its interrupt status is left as it was");
                }
                set.perform(take);
                set.perform(take);
            }
            assertArrayEquals(new int[] {0, 200}, set.getAll());
        }
    }
}
