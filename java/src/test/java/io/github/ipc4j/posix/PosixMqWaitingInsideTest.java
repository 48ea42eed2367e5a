package io.github.ipc4j.posix;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.testing.PosixQueues;
import io.github.ipc4j.testing.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 * A receive into a direct buffer that has to wait waits inside mq_receive (one system call per message),
 * and a send from one waits inside mq_send, cut short by the thread's blocker: the same guarantees as the
 * descriptor wait of the other forms, checked on that path (the threads are seen blocked in
 * receiveDirectWaiting / sendDirectWaiting). PosixMqMisuseTest's signal storm runs on both paths.
 */
@EnabledOnOs(OS.LINUX)
class PosixMqWaitingInsideTest {
    private final PosixQueues queues = new PosixQueues();

    @AfterEach
    void removeQueues() throws Exception {
        queues.close();
    }

    private PosixMessageQueue create(int maxMessages) throws IOException {
        return PosixMessageQueue.open(queues.name(), PosixMqOptions.options().createNew().maxMessages(maxMessages)
                .messageSize(64));
    }

    private static void awaitWaiting(String thread) throws InterruptedException {
        Threads.awaitBlockedIn(thread, "receiveDirectWaiting");
    }

    @Test
    void closeWakesEveryReceiverBlockedInTheCall() throws Exception {
        PosixMessageQueue q = create(2);
        List<CompletableFuture<Object>> outcomes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String thread = "mq-wait-close-" + i;
            outcomes.add(Threads.onThread(thread, () -> q.receivePriority(ByteBuffer.allocateDirect(64))));
            awaitWaiting(thread);
        }
        q.close();
        for (CompletableFuture<Object> o : outcomes) {
            IpcClosedException e = assertInstanceOf(IpcClosedException.class, o.get(5, TimeUnit.SECONDS));
            assertTrue(e.closedWhileBlocked());
        }
    }

    @Test
    void interruptEndsTheWaitAndTheQueueStaysUsable() throws Exception {
        try (PosixMessageQueue q = create(2)) {
            CompletableFuture<Object> receive = Threads.onThread("mq-wait-intr",
                    () -> q.receivePriority(ByteBuffer.allocateDirect(64)));
            awaitWaiting("mq-wait-intr");
            Threads.named("mq-wait-intr").interrupt();
            assertInstanceOf(InterruptedException.class, receive.get(5, TimeUnit.SECONDS));

            CompletableFuture<Object> next = Threads.onThread("mq-wait-next", () -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(64);
                int priority = q.receivePriority(buf);
                buf.flip();
                return priority + ":" + StandardCharsets.US_ASCII.decode(buf);
            });
            awaitWaiting("mq-wait-next");
            q.send("after".getBytes(StandardCharsets.US_ASCII), 3);
            assertEquals("3:after", next.get(5, TimeUnit.SECONDS));
            assertEquals(0, q.attributes().currentMessages());
        }
    }

    @Test
    void anInterruptedCallerTakesAMessageThatIsThereAndDoesNotWaitForOneThatIsNot() throws Exception {
        try (PosixMessageQueue q = create(2)) {
            q.send(new byte[] {7}, 1);
            Thread.currentThread().interrupt();
            assertEquals(1, q.receivePriority(ByteBuffer.allocateDirect(64)));
            assertTrue(Thread.interrupted());
            Thread.currentThread().interrupt();
            long start = System.nanoTime();
            assertThrows(InterruptedException.class, () -> q.pollPriority(ByteBuffer.allocateDirect(64), Duration.ofSeconds(30)));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "did not wait");
            assertFalse(Thread.interrupted());
        }
    }

    @Test
    void nonBlockingModeAnswersEmptyAtOnce() throws Exception {
        try (PosixMessageQueue q = create(2)) {
            q.setBlocking(false);
            assertEquals(PosixMessageQueue.NO_MESSAGE, q.pollPriority(ByteBuffer.allocateDirect(64), Duration.ofSeconds(30)));
            IpcException e = assertThrows(IpcException.class, () -> q.receivePriority(ByteBuffer.allocateDirect(64)));
            assertTrue(e.getMessage().contains("non-blocking mode"), e.getMessage());
        }
    }

    private static ByteBuffer directMessage(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    private static PosixMessageQueue full(PosixMessageQueue q) throws IOException {
        while (q.offer(new byte[] {1}, 0)) {
            // until full
        }
        return q;
    }

    @Test
    void closeWakesEverySenderBlockedInTheCall() throws Exception {
        PosixMessageQueue q = full(create(1));
        List<CompletableFuture<Object>> outcomes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String thread = "mq-send-close-" + i;
            outcomes.add(Threads.onThread(thread, () -> {
                q.send(directMessage("x"), 0);
                return "sent";
            }));
            Threads.awaitBlockedIn(thread, "sendDirectWaiting");
        }
        q.close();
        for (CompletableFuture<Object> o : outcomes) {
            IpcClosedException e = assertInstanceOf(IpcClosedException.class, o.get(5, TimeUnit.SECONDS));
            assertTrue(e.closedWhileBlocked());
        }
    }

    @Test
    void aSenderWaitsForRoomInsideTheCallAndAnInterruptEndsItLeavingTheMessageUnsent() throws Exception {
        try (PosixMessageQueue q = full(create(1))) {
            ByteBuffer interrupted = directMessage("lost");
            CompletableFuture<Object> send = Threads.onThread("mq-send-intr", () -> {
                q.send(interrupted, 0);
                return "sent";
            });
            Threads.awaitBlockedIn("mq-send-intr", "sendDirectWaiting");
            Threads.named("mq-send-intr").interrupt();
            assertInstanceOf(InterruptedException.class, send.get(5, TimeUnit.SECONDS));
            assertEquals(0, interrupted.position(), "an interrupted send leaves its buffer untouched");

            CompletableFuture<Object> next = Threads.onThread("mq-send-next", () -> {
                q.send(directMessage("room"), 5);
                return "sent";
            });
            Threads.awaitBlockedIn("mq-send-next", "sendDirectWaiting");
            ByteBuffer buf = ByteBuffer.allocate(64);
            assertEquals(0, q.receivePriority(buf)); // the one that filled it
            assertEquals("sent", next.get(5, TimeUnit.SECONDS));
            buf.clear();
            assertEquals(5, q.receivePriority(buf));
            assertEquals("room", StandardCharsets.US_ASCII.decode(buf.flip()).toString());
            assertEquals(0, q.attributes().currentMessages());
        }
    }

    @Test
    void aTimedSendGivesUpAndNonBlockingModeAnswersFullAtOnce() throws Exception {
        try (PosixMessageQueue q = full(create(1))) {
            ByteBuffer src = directMessage("late");
            assertFalse(q.offer(src, 0, Duration.ofMillis(50)));
            assertEquals(0, src.position());
            q.setBlocking(false);
            long start = System.nanoTime();
            assertFalse(q.offer(src, 0, Duration.ofSeconds(30)));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "did not wait");
            IpcException e = assertThrows(IpcException.class, () -> q.send(src, 0));
            assertTrue(e.getMessage().contains("non-blocking mode"), e.getMessage());
        }
    }

    @Test
    void aTimeoutShorterThanTheCallStillTakesTheMessageOrRoomThatIsThere() throws Exception {
        try (PosixMessageQueue q = create(1)) {
            ByteBuffer dst = ByteBuffer.allocateDirect(64);
            // a wait that found nothing: later timed calls go straight to waiting (WaitPredictor)
            assertEquals(PosixMessageQueue.NO_MESSAGE, q.pollPriority(dst, Duration.ofMillis(1)));
            for (int i = 0; i < 100; i++) {
                q.send(new byte[] {(byte) i}, 3);
                dst.clear();
                assertEquals(3, q.pollPriority(dst, Duration.ofNanos(1)), "a message that is there is taken");
                assertEquals(1, dst.position());
                assertEquals((byte) i, dst.get(0));
            }
            assertEquals(0, q.attributes().currentMessages());

            ByteBuffer src = directMessage("x");
            q.send(new byte[] {1}, 0);
            assertFalse(q.offer(src, 0, Duration.ofMillis(1))); // full: later timed sends go straight to waiting
            q.receivePriority(ByteBuffer.allocate(64));
            for (int i = 0; i < 100; i++) {
                src.rewind();
                assertTrue(q.offer(src, 0, Duration.ofNanos(1)), "room that is there is used");
                assertEquals(0, q.receivePriority(dst.clear()));
            }
            assertEquals(0, q.attributes().currentMessages());
        }
    }
}
