package io.github.ipc4j.sysv;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcRemovedException;
import io.github.ipc4j.testing.SysvSemSets;
import io.github.ipc4j.testing.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.function.Executable;

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

/** A blocked operation interrupted, closed under, and its set removed; use after close and after removal. */
@EnabledOnOs(OS.LINUX)
class SysvSemMisuseTest {
    private final SysvSemSets sets = new SysvSemSets();

    @AfterEach
    void removeSets() throws Exception {
        sets.close();
    }

    /** Starts thread name blocked taking semaphore 0 (timed or not); returns once the kernel counts it waiting. */
    private CompletableFuture<Object> blockedTaking(SysvSemaphoreSet set, String name, boolean timed)
            throws Exception {
        SemOperation take = set.operation().add(0, -1).build();
        int before = set.waitingForIncrease(0);
        CompletableFuture<Object> outcome = Threads.onThread(name,
                () -> timed ? set.tryPerform(take, Duration.ofSeconds(60)) : set.perform(take));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (set.waitingForIncrease(0) == before) {
            if (System.nanoTime() > deadline || outcome.isDone()) {
                throw new AssertionError(name + " never blocked: " + (outcome.isDone() ? outcome.get() : "still running"));
            }
            Thread.sleep(2);
        }
        return outcome;
    }

    @Test
    void interruptEndsABlockedOperationAndChangesNothing() throws Exception {
        for (boolean timed : new boolean[] {false, true}) {
            try (SysvSemaphoreSet set = sets.privateSet(1)) {
                CompletableFuture<Object> outcome = blockedTaking(set, "sem-interrupted-" + timed, timed);
                Threads.named("sem-interrupted-" + timed).interrupt();
                assertInstanceOf(InterruptedException.class, outcome.get(10, TimeUnit.SECONDS));
                assertEquals(0, set.waitingForIncrease(0), "it left the kernel's wait queue");
                assertEquals(0, set.get(0));
                // still usable
                set.set(0, 1);
                assertTrue(set.tryPerform(set.operation().add(0, -1).build(), Duration.ofSeconds(1)));
            }
        }
    }

    @Test
    void anInterruptedThreadDoesNotWait() throws Exception {
        try (SysvSemaphoreSet set = sets.privateSet(1)) {
            Thread.currentThread().interrupt();
            try {
                assertThrows(InterruptedException.class, () -> set.perform(set.operation().add(0, -1).build()));
            } finally {
                Thread.interrupted();
            }
            assertFalse(Thread.currentThread().isInterrupted(), "InterruptedException cleared the flag");
        }
    }

    @Test
    void closeEndsEveryBlockedOperation() throws Exception {
        try (SysvSemaphoreSet owner = sets.privateSet(1)) {
            SysvSemaphoreSet set = SysvSemaphoreSet.ofId(owner.id());
            List<CompletableFuture<Object>> outcomes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                outcomes.add(blockedTaking(set, "sem-closed-" + i, i % 2 == 0));
            }
            set.close();
            for (CompletableFuture<Object> outcome : outcomes) {
                IpcClosedException e = assertInstanceOf(IpcClosedException.class, outcome.get(10, TimeUnit.SECONDS));
                assertTrue(e.closedWhileBlocked());
            }
            assertEquals(0, owner.waitingForIncrease(0));
            owner.set(0, 1);
            assertEquals(1, owner.get(0), "the set lives on; no closed waiter took anything");
        }
    }

    @Test
    void removalEndsABlockedOperation() throws Exception {
        try (SysvSemaphoreSet set = sets.privateSet(1)) {
            CompletableFuture<Object> outcome = blockedTaking(set, "sem-removed", false);
            // removed by another process
            Process ipcrm = new ProcessBuilder("ipcrm", "-s", String.valueOf(set.id())).inheritIO().start();
            assertEquals(0, ipcrm.waitFor());
            IpcRemovedException e = assertInstanceOf(IpcRemovedException.class, outcome.get(10, TimeUnit.SECONDS));
            assertEquals("semop", e.call());
            assertEquals("EIDRM", e.errnoName());
            assertTrue(e.getMessage().contains(set.toString()), e.getMessage());
            // every later call sees the set gone (EINVAL: its id names nothing)
            IpcRemovedException later = assertThrows(IpcRemovedException.class, () -> set.get(0));
            assertEquals("EINVAL", later.errnoName());
            assertThrows(IpcRemovedException.class, () -> set.tryPerform(set.operation().add(0, 1).build()));
        }
    }

    @Test
    void removalThroughThisObjectEndsWaitersAndLaterCalls() throws Exception {
        SysvSemaphoreSet set = sets.privateSet(2);
        CompletableFuture<Object> outcome = blockedTaking(set, "sem-removed-here", true);
        set.remove();
        assertInstanceOf(IpcRemovedException.class, outcome.get(10, TimeUnit.SECONDS));
        assertTrue(set.isRemoved());
        // no native call reaches an id the kernel may give to a new set
        for (Executable call : everyCall(set)) {
            assertThrows(IpcRemovedException.class, call);
        }
        set.close();
        assertThrows(IpcClosedException.class, () -> set.get(0), "closed wins once closed");
    }

    @Test
    void useAfterCloseThrowsWithoutReachingTheSet() throws Exception {
        IpcKey key = sets.key();
        SysvSemaphoreSet set = sets.track(SysvSemaphoreSet.open(key, SysvSemOptions.options().createNew().count(2)));
        set.close();
        set.close(); // idempotent
        assertTrue(set.isClosed());
        for (Executable call : everyCall(set)) {
            IpcClosedException e = assertThrows(IpcClosedException.class, call);
            assertFalse(e.closedWhileBlocked());
            assertEquals(set + " is closed", e.getMessage());
        }
        try (SysvSemaphoreSet again = SysvSemaphoreSet.open(key, SysvSemOptions.options())) {
            assertEquals(set.id(), again.id(), "closing left the set in place");
        }
    }

    private static List<Executable> everyCall(SysvSemaphoreSet set) {
        SemOperation op = set.operation().add(0, 1).build();
        return List.of(() -> set.perform(op), () -> set.tryPerform(op), () -> set.tryPerform(op, Duration.ofSeconds(1)),
                () -> set.get(0), () -> set.set(0, 1), () -> set.getAll(), () -> set.setAll(1, 1),
                () -> set.lastPid(0), () -> set.waitingForIncrease(0), () -> set.waitingForZero(0), set::status,
                () -> set.awaitInitialized(Duration.ZERO), () -> set.setMode(0600), () -> set.setOwner(0, 0),
                set::remove);
    }
}
