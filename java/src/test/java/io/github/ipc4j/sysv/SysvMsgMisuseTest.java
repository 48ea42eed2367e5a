package io.github.ipc4j.sysv;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcRemovedException;
import io.github.ipc4j.testing.SysvQueues;
import io.github.ipc4j.testing.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.ByteBuffer;
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
 * What callers get wrong and what happens to a blocked caller: interrupt, close and removal (by this
 * object, by another handle, by another process) while blocked in receive or send; use after close and
 * after remove.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SysvMsgMisuseTest {
    private final SysvQueues queues = new SysvQueues();

    @AfterEach
    void removeQueues() throws Exception {
        queues.close();
    }

    /** A receive blocked on q on a new thread called name; the future holds its type or what it threw. */
    private static CompletableFuture<Object> blockedReceive(SysvMessageQueue q, String name, boolean direct)
            throws InterruptedException {
        CompletableFuture<Object> outcome = Threads.onThread(name, () -> q.receive(
                direct ? ByteBuffer.allocateDirect(64) : ByteBuffer.allocate(64), TypeSelector.exactly(9)));
        Threads.awaitBlockedIn(name, direct ? "receiveDirect" : "receiveArray");
        return outcome;
    }

    /** q made full (byte limit 4), and a send of one more byte blocked on a new thread. */
    private static CompletableFuture<Object> blockedSend(SysvMessageQueue q, String name) throws Exception {
        q.setMaxBytes(4);
        q.send(new byte[4], 1);
        CompletableFuture<Object> outcome = Threads.onThread(name, () -> {
            q.send(new byte[] {42}, 2);
            return "sent";
        });
        Threads.awaitBlockedIn(name, "sendArray");
        return outcome;
    }

    @Test
    void anInterruptedReceiverThrowsAndTheQueueStaysUsable() throws Exception {
        try (SysvMessageQueue q = queues.create()) {
            CompletableFuture<Object> outcome = blockedReceive(q, "sysv-interrupted", true);
            Threads.named("sysv-interrupted").interrupt();
            assertInstanceOf(InterruptedException.class, outcome.get(10, TimeUnit.SECONDS));
            q.send(new byte[] {1}, 9);
            assertEquals(9, q.receive(ByteBuffer.allocate(8), TypeSelector.exactly(9)));
        }
    }

    @Test
    void anAlreadyInterruptedCallerDoesNotWaitButPollStillAnswers() throws Exception {
        try (SysvMessageQueue q = queues.create()) {
            Thread.currentThread().interrupt();
            try {
                assertThrows(InterruptedException.class, () -> q.receive(ByteBuffer.allocate(8)));
                Thread.currentThread().interrupt();
                assertEquals(SysvMessageQueue.NO_MESSAGE, q.poll(ByteBuffer.allocate(8), TypeSelector.ANY));
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void closingWakesEveryBlockedReceiverAndSender() throws Exception {
        SysvMessageQueue q = queues.create();
        List<CompletableFuture<Object>> outcomes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            outcomes.add(blockedReceive(q, "sysv-closed-" + i, i % 2 == 0));
        }
        outcomes.add(blockedSend(q, "sysv-closed-sender"));
        long start = System.nanoTime();
        q.close();
        for (CompletableFuture<Object> outcome : outcomes) {
            IpcClosedException e = assertInstanceOf(IpcClosedException.class, outcome.get(10, TimeUnit.SECONDS));
            assertTrue(e.closedWhileBlocked());
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "promptly");
        // the queue itself is untouched: another handle finds the first message still there
        try (SysvMessageQueue again = SysvMessageQueue.ofId(q.id())) {
            assertEquals(1, again.status().messages());
        }
    }

    @Test
    void removingWakesBlockedCallersWithRemovedHereAndElsewhere() throws Exception {
        try (SysvMessageQueue q = queues.create(); SysvMessageQueue other = SysvMessageQueue.ofId(q.id())) {
            CompletableFuture<Object> receiver = blockedReceive(other, "sysv-removed-receiver", false);
            CompletableFuture<Object> sender = blockedSend(other, "sysv-removed-sender");
            q.remove();
            IpcRemovedException e = assertInstanceOf(IpcRemovedException.class, receiver.get(10, TimeUnit.SECONDS));
            assertEquals("EIDRM", e.errnoName());
            assertEquals("msgrcv", e.call());
            assertTrue(e.getMessage().contains("removed"), e.getMessage());
            assertInstanceOf(IpcRemovedException.class, sender.get(10, TimeUnit.SECONDS));
            assertTrue(other.isRemoved());
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aQueueRemovedByAnotherProcessEndsABlockedReceive() throws Exception {
        try (SysvMessageQueue q = queues.create()) {
            CompletableFuture<Object> receiver = blockedReceive(q, "sysv-ipcrm", true);
            Process ipcrm = new ProcessBuilder("ipcrm", "-q", String.valueOf(q.id())).redirectErrorStream(true).start();
            assertEquals(0, ipcrm.waitFor(), new String(ipcrm.getInputStream().readAllBytes()));
            assertInstanceOf(IpcRemovedException.class, receiver.get(10, TimeUnit.SECONDS));
            assertThrows(IpcRemovedException.class, () -> q.send(new byte[1], 1));
        }
    }

    @Test
    void aTimedReceiveIsInterruptibleAndClosableToo() throws Exception {
        try (SysvMessageQueue q = queues.create()) {
            CompletableFuture<Object> outcome = Threads.onThread("sysv-timed",
                    () -> q.poll(ByteBuffer.allocate(8), TypeSelector.ANY, Duration.ofMinutes(5)));
            Threads.awaitBlockedIn("sysv-timed", "receiveArray");
            Threads.named("sysv-timed").interrupt();
            assertInstanceOf(InterruptedException.class, outcome.get(10, TimeUnit.SECONDS));
            outcome = Threads.onThread("sysv-timed-2",
                    () -> q.poll(ByteBuffer.allocate(8), TypeSelector.ANY, Duration.ofMinutes(5)));
            Threads.awaitBlockedIn("sysv-timed-2", "receiveArray");
            q.close();
            assertInstanceOf(IpcClosedException.class, outcome.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aBlockedReceiverGetsAMessageSentLater() throws Exception {
        try (SysvMessageQueue q = queues.create()) {
            CompletableFuture<Object> outcome = blockedReceive(q, "sysv-waiting", true);
            q.send(new byte[] {1}, 8); // another type: it must keep waiting
            Thread.sleep(50);
            assertFalse(outcome.isDone());
            q.send(new byte[] {2}, 9);
            assertEquals(9L, outcome.get(10, TimeUnit.SECONDS));
            assertEquals(1, q.status().messages());
        }
    }

    @Test
    void useAfterCloseThrowsWithoutReachingTheKernel() throws Exception {
        SysvMessageQueue q = queues.create();
        q.close();
        q.close(); // idempotent
        assertTrue(q.isClosed());
        IpcClosedException e = assertThrows(IpcClosedException.class, () -> q.send(new byte[1], 1));
        assertFalse(e.closedWhileBlocked());
        assertTrue(e.getMessage().contains("System V message queue " + q.key()), e.getMessage());
        assertThrows(IpcClosedException.class, () -> q.offer(new byte[1], 1));
        assertThrows(IpcClosedException.class, () -> q.receive(ByteBuffer.allocate(8)));
        assertThrows(IpcClosedException.class, () -> q.poll(ByteBuffer.allocate(8), TypeSelector.ANY));
        assertThrows(IpcClosedException.class, q::status);
        assertThrows(IpcClosedException.class, () -> q.setMode(0600));
        assertThrows(IpcClosedException.class, () -> q.setMaxBytes(100));
        assertTrue(q.toString().contains("closed"), q.toString());
        q.remove(); // removing works after close, like unlinking a closed POSIX queue
        assertTrue(q.isRemoved());
    }

    @Test
    void useAfterRemoveThrowsRemovedWithoutReachingAReusedIdentifier() throws Exception {
        try (SysvMessageQueue q = queues.create()) {
            q.remove();
            for (SysvMsgMisuseTest.Call call : new Call[] {
                () -> q.send(new byte[1], 1), () -> q.offer(new byte[1], 1), () -> q.receive(ByteBuffer.allocate(8)),
                () -> q.poll(ByteBuffer.allocate(8), TypeSelector.ANY), q::status, () -> q.setMode(0600), q::remove}) {
                IpcRemovedException e = assertThrows(IpcRemovedException.class, call::run);
                assertTrue(e.getMessage().contains(String.valueOf(q.id())), e.getMessage());
            }
            assertTrue(q.toString().contains("removed"), q.toString());
        }
    }

    interface Call {
        void run() throws Exception;
    }
}
