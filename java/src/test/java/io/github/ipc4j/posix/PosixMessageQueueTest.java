package io.github.ipc4j.posix;

import io.github.ipc4j.Access;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.OpenMode;
import io.github.ipc4j.testing.PosixQueues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a POSIX message queue does, in one process. */
@EnabledOnOs(OS.LINUX)
class PosixMessageQueueTest {
    private final PosixQueues queues = new PosixQueues();

    @AfterEach
    void removeQueues() throws Exception {
        queues.close();
    }

    private PosixMessageQueue create(int maxMessages, int messageSize) throws Exception {
        return PosixMessageQueue.open(queues.name(),
                PosixMqOptions.options().createNew().maxMessages(maxMessages).messageSize(messageSize));
    }

    @Test
    void receiveOrderIsByPriorityThenFifo() throws Exception {
        try (PosixMessageQueue q = create(10, 64)) {
            int[] priorities = {1, 5, 1, 0, 5, 9, 0, 1, 9, 5};
            for (int i = 0; i < priorities.length; i++) {
                q.send(("m" + i).getBytes(StandardCharsets.US_ASCII), priorities[i]);
            }
            assertFalse(q.offer(new byte[1], 0), "the queue is full");
            List<String> order = new ArrayList<>();
            ByteBuffer buf = ByteBuffer.allocateDirect(64);
            for (int i = 0; i < priorities.length; i++) {
                buf.clear();
                int priority = q.receivePriority(buf);
                buf.flip();
                order.add(priority + ":" + StandardCharsets.US_ASCII.decode(buf));
            }
            assertEquals(List.of("9:m5", "9:m8", "5:m1", "5:m4", "5:m9", "1:m0", "1:m2", "1:m7", "0:m3", "0:m6"),
                    order);
            buf.clear();
            assertEquals(PosixMessageQueue.NO_MESSAGE, q.pollPriority(buf));
        }
    }

    @Test
    void directHeapAndArrayFormsCarryTheSameBytes() throws Exception {
        try (PosixMessageQueue q = create(4, 128)) {
            byte[] payload = new byte[100];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) (i * 7);
            }
            ByteBuffer direct = ByteBuffer.allocateDirect(200);
            direct.position(50);
            direct.put(payload).flip().position(50);
            q.send(direct, 3);
            assertEquals(direct.limit(), direct.position(), "send consumes the buffer");
            q.send(ByteBuffer.wrap(payload, 10, 90).slice(), 2);
            q.send(payload, 1);
            q.send(ByteBuffer.wrap(payload).asReadOnlyBuffer(), 0);

            ByteBuffer heap = ByteBuffer.allocate(300);
            heap.position(7);
            assertEquals(3, q.receivePriority(heap));
            assertEquals(107, heap.position());
            assertArrayEquals(payload, java.util.Arrays.copyOfRange(heap.array(), 7, 107));

            ByteBuffer target = ByteBuffer.allocateDirect(128);
            assertEquals(2, q.receivePriority(target));
            target.flip();
            byte[] got = new byte[target.remaining()];
            target.get(got);
            assertArrayEquals(java.util.Arrays.copyOfRange(payload, 10, 100), got);

            PosixMqMessage m = q.receive();
            assertEquals(1, m.priority());
            assertArrayEquals(payload, m.data());
            assertArrayEquals(payload, q.poll().orElseThrow().data());
            assertTrue(q.poll().isEmpty());
        }
    }

    @Test
    void attributesAndSizesAreTheKernels() throws Exception {
        try (PosixMessageQueue q = create(3, 100)) {
            q.send(new byte[] {1}, 0);
            MqAttributes a = q.attributes();
            assertEquals(3, a.maxMessages());
            assertEquals(100, a.messageSize());
            assertEquals(1, a.currentMessages());
            assertFalse(a.nonBlocking());
            assertEquals(100, q.messageSize());
            assertEquals(3, q.maxMessages());
            assertTrue(q.created());
            assertEquals(Access.READ_WRITE, q.access());
        }
    }

    @Test
    void kernelDefaultsApplyWhenNoSizeIsGiven() throws Exception {
        try (PosixMessageQueue q = PosixMessageQueue.open(queues.name(), PosixMqOptions.options().createNew())) {
            assertTrue(q.maxMessages() > 0);
            assertTrue(q.messageSize() > 0);
        }
    }

    @Test
    void timedFormsWaitAndGiveUp() throws Exception {
        try (PosixMessageQueue q = create(1, 16)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(16);
            long start = System.nanoTime();
            assertEquals(PosixMessageQueue.NO_MESSAGE, q.pollPriority(buf, Duration.ofMillis(100)));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100), "not before the deadline");
            assertTrue(q.offer(new byte[] {1}, 0, Duration.ofMillis(100)));
            start = System.nanoTime();
            assertFalse(q.offer(new byte[] {2}, 0, Duration.ofMillis(100)));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100), "not before the deadline");
            assertEquals(0, q.pollPriority(buf, Duration.ZERO));
            buf.clear();
            assertEquals(PosixMessageQueue.NO_MESSAGE, q.pollPriority(buf, Duration.ZERO));
        }
    }

    @Test
    void aBlockedReceiveGetsAMessageSentLater() throws Exception {
        try (PosixMessageQueue q = create(2, 16)) {
            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> {
                try {
                    return q.receivePriority(ByteBuffer.allocateDirect(16));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(50);
            q.send(new byte[] {42}, 7);
            assertEquals(7, received.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void nonBlockingModeMakesTheBlockingFormsFailWithEagain() throws Exception {
        try (PosixMessageQueue q = create(1, 16)) {
            q.setBlocking(false);
            assertFalse(q.isBlocking());
            assertTrue(q.attributes().nonBlocking());
            IpcException empty = assertThrows(IpcException.class, () -> q.receivePriority(ByteBuffer.allocate(16)));
            assertEquals("EAGAIN", empty.errnoName());
            assertTrue(empty.getMessage().contains("non-blocking mode"), empty.getMessage());
            assertEquals(PosixMessageQueue.NO_MESSAGE, q.pollPriority(ByteBuffer.allocate(16)));
            assertEquals(PosixMessageQueue.NO_MESSAGE, q.pollPriority(ByteBuffer.allocate(16), Duration.ofMillis(10)));
            q.send(new byte[] {1}, 0);
            IpcException full = assertThrows(IpcException.class, () -> q.send(new byte[] {2}, 0));
            assertEquals("EAGAIN", full.errnoName());
            assertFalse(q.offer(new byte[] {2}, 0));
            q.setBlocking(true);
            assertTrue(q.isBlocking());
            assertEquals(0, q.receivePriority(ByteBuffer.allocate(16)));
        }
    }

    @Test
    void accessModesAreEnforced() throws Exception {
        String name = queues.name();
        try (PosixMessageQueue owner = PosixMessageQueue.open(name,
                PosixMqOptions.options().createNew().maxMessages(2).messageSize(16));
             PosixMessageQueue reader = PosixMessageQueue.open(name, PosixMqOptions.options().access(Access.READ_ONLY));
             PosixMessageQueue writer = PosixMessageQueue.open(name, PosixMqOptions.options().access(Access.WRITE_ONLY))) {
            assertFalse(reader.created());
            writer.send(new byte[] {5}, 1);
            assertEquals(1, reader.receivePriority(ByteBuffer.allocate(16)));
            IllegalStateException noSend = assertThrows(IllegalStateException.class, () -> reader.send(new byte[1], 0));
            assertEquals(name + " was opened READ_ONLY; sending needs WRITE_ONLY or READ_WRITE", noSend.getMessage());
            IllegalStateException noReceive = assertThrows(IllegalStateException.class,
                    () -> writer.pollPriority(ByteBuffer.allocate(16)));
            assertEquals(name + " was opened WRITE_ONLY; receiving needs READ_ONLY or READ_WRITE",
                    noReceive.getMessage());
            assertEquals(0, owner.attributes().currentMessages());
        }
    }

    @Test
    void openOrCreateCreatesOnceAndUnlinkRemoves() throws Exception {
        String name = queues.name();
        PosixMqOptions options = PosixMqOptions.options().openMode(OpenMode.OPEN_OR_CREATE).maxMessages(2)
                .messageSize(8);
        try (PosixMessageQueue first = PosixMessageQueue.open(name, options);
             PosixMessageQueue second = PosixMessageQueue.open(name, options)) {
            assertTrue(first.created());
            assertFalse(second.created());
            first.unlink();
            assertThrows(NoSuchFileException.class, () -> PosixMessageQueue.open(name));
            second.send(new byte[] {1}, 0); // an unlinked queue lives on while open
            assertEquals(0, first.receivePriority(ByteBuffer.allocate(8)));
        }
    }

    @Test
    void createUniqueGivesAFreshNameEachTime() throws Exception {
        try (PosixMessageQueue a = PosixMessageQueue.createUnique(PosixMqOptions.options().maxMessages(1).messageSize(8));
             PosixMessageQueue b = PosixMessageQueue.createUnique(PosixMqOptions.options().maxMessages(1).messageSize(8))) {
            try {
                assertTrue(a.name().matches("/ipc4j-[0-9a-f]{16}"), a.name());
                assertFalse(a.name().equals(b.name()));
                assertTrue(a.created());
            } finally {
                a.unlink();
                b.unlink();
            }
        }
    }

    @Test
    @Tag("kernel-mq-notify") // needs a kernel feature qemu-user lacks: ci/test-aarch64-jvm.sh leaves it out
    void arrivalNotificationFiresOnceAndIsExclusive() throws Exception {
        String name = queues.name();
        try (PosixMessageQueue q = PosixMessageQueue.open(name,
                PosixMqOptions.options().createNew().maxMessages(2).messageSize(8));
             PosixMessageQueue other = PosixMessageQueue.open(name)) {
            CompletableFuture<PosixMessageQueue> arrival = q.notifyOnArrival();
            assertThrows(IllegalStateException.class, q::notifyOnArrival);
            IpcException busy = assertThrows(IpcException.class, other::notifyOnArrival);
            assertEquals("EBUSY", busy.errnoName());
            assertTrue(busy.getMessage().contains("one registrant per queue"), busy.getMessage());
            other.send(new byte[] {1}, 0);
            assertEquals(q, arrival.get(10, TimeUnit.SECONDS));

            // one-shot: the registration is gone, so the other descriptor may take it now, and cancel it
            CompletableFuture<PosixMessageQueue> second = other.notifyOnArrival();
            assertTrue(second.cancel(false));
            CompletableFuture<PosixMessageQueue> third = q.notifyOnArrival();
            q.close();
            ExecutionException closed = assertThrows(ExecutionException.class, () -> third.get(10, TimeUnit.SECONDS));
            assertInstanceOf(io.github.ipc4j.IpcClosedException.class, closed.getCause());
        }
    }
}
