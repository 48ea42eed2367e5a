package io.github.ipc4j.sysv;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcRemovedException;
import io.github.ipc4j.testing.Signals;
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
import java.util.concurrent.atomic.AtomicInteger;

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
        for (Executable call : everyCallButRemove(set)) {
            IpcClosedException e = assertThrows(IpcClosedException.class, call);
            assertFalse(e.closedWhileBlocked());
            assertEquals(set + " is closed", e.getMessage());
        }
        try (SysvSemaphoreSet again = SysvSemaphoreSet.open(key, SysvSemOptions.options())) {
            assertEquals(set.id(), again.id(), "closing left the set in place");
        }
        set.remove(); // removal acts on the id: it works after close, as for every System V object (issue 11)
        assertTrue(set.isRemoved());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> SysvSemaphoreSet.open(key));
    }

    @SuppressWarnings("removal")
    @Test
    void aStormOfSignalsChangesNeitherResultNorDeadline() throws Exception {
        AtomicInteger signals = new AtomicInteger();
        sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), s -> signals.incrementAndGet());
        try (SysvSemaphoreSet set = sets.privateSet(1)) {
            SemOperation take = set.operation().add(0, -1).build();
            // 1. a timed operation that cannot succeed ends at its deadline, not at the first signal
            CompletableFuture<Object> timed = Threads.onThread("sem-storm-timed", () -> {
                long start = System.nanoTime();
                boolean done = set.tryPerform(take, Duration.ofMillis(1000));
                return new long[] {done ? 1 : 0, System.nanoTime() - start};
            });
            awaitWaiting(set, 1);
            Process storm = Signals.storm(Signals.nativeTid("sem-storm-timed"), 400);
            long[] result = (long[]) timed.get(10, TimeUnit.SECONDS);
            storm.waitFor(10, TimeUnit.SECONDS);
            assertEquals(0, result[0]);
            assertTrue(result[1] >= TimeUnit.MILLISECONDS.toNanos(1000), "ended early: " + result[1] + " ns");
            assertTrue(result[1] < TimeUnit.MILLISECONDS.toNanos(5000), "stretched: " + result[1] + " ns");

            // 2. a blocking operation under a storm completes when the semaphore is given mid-storm
            CompletableFuture<Object> blocking = Threads.onThread("sem-storm-block", () -> set.perform(take));
            awaitWaiting(set, 1);
            storm = Signals.storm(Signals.nativeTid("sem-storm-block"), 400);
            Thread.sleep(300);
            assertFalse(blocking.isDone(), "signals alone do not end it");
            set.set(0, 1);
            assertEquals(Boolean.TRUE, blocking.get(10, TimeUnit.SECONDS));
            assertEquals(0, set.get(0), "taken exactly once");
            storm.waitFor(10, TimeUnit.SECONDS);
        } finally {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), sun.misc.SignalHandler.SIG_DFL);
        }
        assertTrue(signals.get() > 0, "the storm reached the process");
    }

    private static void awaitWaiting(SysvSemaphoreSet set, int waiters) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (set.waitingForIncrease(0) != waiters) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never " + waiters + " waiting");
            }
            Thread.sleep(2);
        }
    }

    /** Eight threads take and give a semaphore of two (as a lock for two) while one of them closes the set. */
    @Test
    void eightThreadsNeverHoldMoreThanTheValueAndLoseNothing() throws Exception {
        try (SysvSemaphoreSet set = sets.privateSet(1, 2)) {
            SemOperation take = set.operation().add(0, -1, SemFlag.UNDO).build();
            SemOperation give = set.operation().add(0, 1, SemFlag.UNDO).build();
            AtomicInteger holders = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            AtomicInteger rounds = new AtomicInteger();
            List<CompletableFuture<Object>> outcomes = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                outcomes.add(Threads.onThread("sem-worker-" + t, () -> {
                    for (int i = 0; i < 500; i++) {
                        set.perform(take);
                        int now = holders.incrementAndGet();
                        most.accumulateAndGet(now, Math::max);
                        holders.decrementAndGet();
                        set.perform(give);
                        rounds.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (CompletableFuture<Object> outcome : outcomes) {
                assertEquals(null, outcome.get(60, TimeUnit.SECONDS));
            }
            assertEquals(4000, rounds.get());
            assertTrue(most.get() <= 2, "at most two held it at once, saw " + most.get());
            assertEquals(2, set.get(0), "every take was given back");
            assertEquals(0, set.waitingForIncrease(0));
        }
    }

    private static List<Executable> everyCall(SysvSemaphoreSet set) {
        List<Executable> calls = new java.util.ArrayList<>(everyCallButRemove(set));
        calls.add(set::remove);
        return calls;
    }

    /** Every call that uses this object (remove() acts on the id, and works after close). */
    private static List<Executable> everyCallButRemove(SysvSemaphoreSet set) {
        SemOperation op = set.operation().add(0, 1).build();
        return List.of(() -> set.perform(op), () -> set.tryPerform(op), () -> set.tryPerform(op, Duration.ofSeconds(1)),
                () -> set.get(0), () -> set.set(0, 1), () -> set.getAll(), () -> set.setAll(1, 1),
                () -> set.lastPid(0), () -> set.waitingForIncrease(0), () -> set.waitingForZero(0), set::status,
                () -> set.awaitInitialized(Duration.ZERO), () -> set.setMode(0600), () -> set.setOwner(0, 0));
    }
}
