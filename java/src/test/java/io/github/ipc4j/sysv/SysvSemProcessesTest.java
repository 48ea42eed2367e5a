package io.github.ipc4j.sysv;

import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.SysvSemSets;
import io.github.ipc4j.testing.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two processes: SEM_UNDO when the holder is killed, and an atomic operation seen from outside. */
@EnabledOnOs(OS.LINUX)
class SysvSemProcessesTest {
    private final SysvSemSets sets = new SysvSemSets();

    @AfterEach
    void removeSets() throws Exception {
        sets.close();
    }

    /** The child takes semaphore 0 (value 1), is killed with SIGKILL; returns the value after its death. */
    private int valueAfterHolderIsKilled(String undo) throws Exception {
        try (SysvSemaphoreSet set = sets.privateSet(1, 1);
             ChildJvm child = ChildJvm.start(SemChild.class, "take", String.valueOf(set.id()), undo)) {
            child.awaitOutput("taken", 30);
            assertEquals(0, set.get(0), "the child holds it");
            assertEquals(child.pid(), set.lastPid(0));
            child.process().destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            assertEquals(137, child.waitFor(30), "killed by SIGKILL (128 + 9)");
            return set.get(0);
        }
    }

    @Test
    void semUndoGivesBackWhatAKilledProcessTook() throws Exception {
        assertEquals(1, valueAfterHolderIsKilled("undo"), "the kernel reversed the SIGKILLed child's operation");
    }

    @Test
    void withoutSemUndoAKilledProcessKeepsItTaken() throws Exception {
        assertEquals(0, valueAfterHolderIsKilled("plain"), "nothing reverses an operation without SEM_UNDO");
    }

    /**
     * The child asks for semaphores 0 and 1 at once while only 0 is free. A partial application would take
     * 0 and wake this process's thread that waits for 0 to be zero; it stays blocked, and every look from
     * here (GETALL, GETVAL, GETNCNT, GETZCNT) shows 0 untouched, until 1 is given: then both go at once.
     */
    @Test
    void anAtomicOperationNeverAppliesPartially() throws Exception {
        try (SysvSemaphoreSet set = sets.privateSet(2, 1, 0);
             ChildJvm child = ChildJvm.start(SemChild.class, "both", String.valueOf(set.id()))) {
            child.awaitOutput("waiting", 30);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (set.waitingForIncrease(1) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the child never blocked; output:\n" + child.output());
                }
                Thread.sleep(5);
            }
            CompletableFuture<Object> zeroSeen = Threads.onThread("sem-zero-watcher",
                    () -> set.perform(set.operation().waitForZero(0).build()));
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (set.waitingForZero(0) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(1, set.waitingForZero(0), "the watcher waits for semaphore 0 to be zero");
            for (int i = 0; i < 60; i++) {
                assertArrayEquals(new int[] {1, 0}, set.getAll(), "no partial state, look " + i);
                assertEquals(1, set.waitingForIncrease(1), "the child still waits on semaphore 1");
                assertEquals(0, set.waitingForIncrease(0), "nobody waits on semaphore 0: it was never taken");
                assertFalse(zeroSeen.isDone(), "semaphore 0 never reached zero");
                Thread.sleep(5);
            }
            assertNotEquals(child.pid(), set.lastPid(0), "the child has not changed semaphore 0");
            set.set(1, 1);
            child.assertSuccess(30);
            assertEquals("done", child.output().trim().split("\\R")[1]);
            assertArrayEquals(new int[] {0, 0}, set.getAll(), "both taken at once");
            assertEquals(child.pid(), set.lastPid(1)); // (0's may be the watcher's: wait-for-zero counts too)
            assertEquals(Boolean.TRUE, zeroSeen.get(10, TimeUnit.SECONDS), "the watcher saw zero only now");
        }
    }

    /**
     * The initialisation idiom across processes: this process opens the set as soon as it exists (possibly
     * before the creator has given it its values) and waits until its last-operation time is set.
     */
    @Test
    void anOpenerWaitsUntilTheCreatorHasInitialisedTheSet() throws Exception {
        IpcKey key = sets.key();
        try (ChildJvm child = ChildJvm.start(SemChild.class, "create", String.valueOf(key.value()), "3", "1", "4")) {
            SysvSemaphoreSet set = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (set == null) {
                try {
                    set = sets.track(SysvSemaphoreSet.open(key, SysvSemOptions.options()));
                } catch (NoSuchFileException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the child never created the set; output:\n" + child.output());
                    }
                    Thread.sleep(1);
                }
            }
            assertTrue(set.awaitInitialized(Duration.ofSeconds(30)), "the creator's no-op operation set sem_otime");
            assertArrayEquals(new int[] {3, 1, 4}, set.getAll());
            assertEquals(3, set.size());
            child.assertSuccess(30);
            assertEquals("created " + set.id(), child.output().trim());
        }
    }
}
