package io.github.ipc4j.blocking;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.sysv.SysvMessageQueue;
import io.github.ipc4j.sysv.TypeSelector;
import io.github.ipc4j.testing.SysvQueues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * interrupt() and close() aimed at one blocked call at the same instant (issue 10, defect 5: the second
 * waker used to spin for ever on a wake left for a call that never came, holding the thread's
 * blockerLock, so every later interrupt() of that thread blocked too). Every round must end: the blocked
 * thread returns with one of the two exceptions, both wakers return, and the thread can be interrupted
 * again afterwards.
 */
@EnabledOnOs(OS.LINUX)
class InterruptCloseRaceTest {
    private static final int ROUNDS = 400;
    private final SysvQueues queues = new SysvQueues();

    @AfterEach
    void removeQueues() throws Exception {
        queues.close();
    }

    @Test
    void interruptAndCloseAtOnceNeverHang() throws Exception {
        ByteBuffer in = ByteBuffer.allocateDirect(64);
        for (int round = 0; round < ROUNDS; round++) {
            SysvMessageQueue q = queues.create();
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread blocked = new Thread(() -> {
                started.countDown();
                try {
                    q.receive(in, TypeSelector.ANY);
                    outcome.set(new AssertionError("received from an empty queue"));
                } catch (Throwable e) {
                    outcome.set(e);
                }
            }, "race-receiver-" + round);
            blocked.setDaemon(true);
            blocked.start();
            started.await();
            if (round % 2 == 0) {
                Thread.sleep(1); // half the rounds inside msgrcv, half racing its start
            }
            CyclicBarrier go = new CyclicBarrier(2);
            Thread closer = new Thread(() -> {
                await(go);
                q.close();
            }, "race-closer");
            closer.start();
            await(go);
            blocked.interrupt();
            closer.join(TimeUnit.SECONDS.toMillis(20));
            assertFalse(closer.isAlive(), "close() hung in round " + round);
            blocked.join(TimeUnit.SECONDS.toMillis(20));
            assertFalse(blocked.isAlive(), "the receiver never returned in round " + round);
            Throwable e = outcome.get();
            if (!(e instanceof InterruptedException) && !(e instanceof IpcClosedException)) {
                fail("round " + round + ": expected InterruptedException or IpcClosedException", e);
            }
            q.remove();
        }
    }

    @Test
    void aThreadInterruptedDuringAWakeCanBeInterruptedAgain() throws Exception {
        SysvMessageQueue q = queues.create();
        ByteBuffer in = ByteBuffer.allocateDirect(64);
        CountDownLatch secondRound = new CountDownLatch(1);
        AtomicReference<Throwable> first = new AtomicReference<>();
        AtomicReference<Throwable> second = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                q.receive(in, TypeSelector.ANY);
            } catch (Throwable e) {
                first.set(e);
            }
            secondRound.countDown();
            try {
                Thread.sleep(60_000);
            } catch (Throwable e) {
                second.set(e);
            }
        }, "interrupted-twice");
        t.setDaemon(true);
        t.start();
        for (int i = 0; i < 200 && t.getState() != Thread.State.RUNNABLE; i++) {
            Thread.sleep(5);
        }
        Thread.sleep(20);
        t.interrupt();
        assertTrue(secondRound.await(20, TimeUnit.SECONDS), "the blocked receive did not end");
        Thread.sleep(20);
        Thread interrupter = new Thread(t::interrupt);
        interrupter.start();
        interrupter.join(TimeUnit.SECONDS.toMillis(20));
        assertFalse(interrupter.isAlive(), "the second interrupt() blocked");
        t.join(TimeUnit.SECONDS.toMillis(20));
        assertTrue(first.get() instanceof InterruptedException, String.valueOf(first.get()));
        assertTrue(second.get() instanceof InterruptedException, String.valueOf(second.get()));
        q.close();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
