package io.github.ipc4j.sysv;

import io.github.ipc4j.Access;
import io.github.ipc4j.Feature;
import io.github.ipc4j.Platform;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.IpcRemovedException;
import io.github.ipc4j.testing.PosixQueues;
import io.github.ipc4j.testing.SysvQueues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** One process, the real kernel: open modes, every type rule, every buffer form, timed forms, status, remove. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SysvMessageQueueTest {
    private final SysvQueues queues = new SysvQueues();

    @AfterEach
    void removeQueues() throws Exception {
        queues.close();
    }

    private static byte[] text(String s) {
        return s.getBytes(US_ASCII);
    }

    private static String text(SysvMessage m) {
        return new String(m.data(), US_ASCII);
    }

    @Test
    void openModesCreateExclusivelyOpenExistingAndOpenOrCreate() throws Exception {
        IpcKey key = SysvQueues.randomKey();
        assertThrows(NoSuchFileException.class, () -> SysvMessageQueue.open(key));
        try (SysvMessageQueue created = queues.track(SysvMessageQueue.open(key,
                SysvMqOptions.options().createNew().mode(0640)))) {
            assertTrue(created.created());
            assertEquals(key, created.key());
            FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                    () -> SysvMessageQueue.open(key, SysvMqOptions.options().createNew()));
            assertTrue(e.getFile().contains(key.toString()), e.getFile());
            try (SysvMessageQueue again = SysvMessageQueue.open(key, SysvMqOptions.options().openOrCreate());
                 SysvMessageQueue existing = SysvMessageQueue.open(key);
                 SysvMessageQueue byId = SysvMessageQueue.ofId(created.id())) {
                assertFalse(again.created());
                assertEquals(created.id(), again.id());
                assertEquals(created.id(), existing.id());
                assertEquals(key, byId.key());
                SysvMsgQueueStatus status = existing.status();
                assertEquals(0640, status.mode(), "exactly the mode asked: System V ignores the umask");
                assertEquals(key, status.key());
            }
        }
        IpcKey other = SysvQueues.randomKey();
        try (SysvMessageQueue q = queues.track(SysvMessageQueue.open(other, SysvMqOptions.options().openOrCreate()))) {
            assertTrue(q.created());
            assertEquals(0600, q.status().mode(), "0600 by default");
        }
    }

    @Test
    void privateQueuesAreAlwaysNewAndReachedById() throws Exception {
        try (SysvMessageQueue a = queues.track(SysvMessageQueue.createPrivate());
             SysvMessageQueue b = queues.track(SysvMessageQueue.open(IpcKey.PRIVATE,
                     SysvMqOptions.options().openOrCreate()))) {
            assertNotEquals(a.id(), b.id());
            assertTrue(a.key().isPrivate());
            assertTrue(a.toString().contains("private"), a.toString());
            a.send(text("to a"), 1);
            try (SysvMessageQueue same = SysvMessageQueue.ofId(a.id())) {
                assertEquals("to a", text(same.poll(TypeSelector.ANY).orElseThrow()));
            }
        }
    }

    @Test
    void ownerAndModeChecksRefuseAnExistingQueue() throws Exception {
        try (SysvMessageQueue q = queues.create(SysvMqOptions.options().mode(0644))) {
            AccessDeniedException e = assertThrows(AccessDeniedException.class,
                    () -> SysvMessageQueue.open(q.key(), SysvMqOptions.options().maxMode(0600)));
            assertTrue(e.getMessage().contains("0644") && e.getMessage().contains("maxMode"), e.getMessage());
            SysvMessageQueue.open(q.key(), SysvMqOptions.options().requireOwner().maxMode(0644)).close();
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void anotherUsersQueueIsRefusedWhenTheOpenerRequiresOwnership() throws Exception {
        assumeTrue(PosixQueues.isRoot(), "giving a queue away needs root");
        try (SysvMessageQueue q = queues.create()) {
            q.setOwner(65534, 65534); // nobody: the creator (this uid) may still remove it
            AccessDeniedException e = assertThrows(AccessDeniedException.class,
                    () -> SysvMessageQueue.open(q.key(), SysvMqOptions.options().requireOwner()));
            assertTrue(e.getMessage().contains("uid 65534") && e.getMessage().contains("requireOwner"),
                    e.getMessage());
            SysvMessageQueue.open(q.key()).close(); // accepted when not asked
            assertEquals(65534, q.status().ownerUid());
        }
    }

    @Test
    void everyTypeRuleTakesTheRightMessageFifoWithinAType() throws Exception {
        try (SysvMessageQueue q = queues.create()) {
            String[][] sent = {{"3", "c1"}, {"1", "a1"}, {"2", "b1"}, {"3", "c2"}, {"1", "a2"}, {"5", "e1"}};
            for (String[] m : sent) {
                q.send(text(m[1]), Long.parseLong(m[0]));
            }
            SysvMessage m = q.poll(TypeSelector.exactly(3)).orElseThrow();
            assertEquals(3, m.type());
            assertEquals("c1", text(m));
            m = q.poll(TypeSelector.atMost(2)).orElseThrow();
            assertEquals("a1", text(m), "the lowest type up to 2 first");
            assertEquals(Optional.empty(), q.poll(TypeSelector.exactly(4)));
            if (OS.LINUX.isCurrentOs()) {
                m = q.poll(TypeSelector.except(1)).orElseThrow();
                assertEquals("b1", text(m), "the oldest message not of type 1");
            } else {
                assertThrows(UnsupportedOperationException.class, () -> TypeSelector.except(1));
                assertEquals("b1", text(q.poll(TypeSelector.exactly(2)).orElseThrow()));
            }
            assertEquals("c2", text(q.poll(TypeSelector.ANY).orElseThrow()));
            assertEquals("a2", text(q.poll(TypeSelector.atMost(4)).orElseThrow()));
            assertEquals(Optional.empty(), q.poll(TypeSelector.atMost(4)));
            assertEquals("e1", text(q.receive(TypeSelector.ANY)));
            assertEquals(Optional.empty(), q.poll(TypeSelector.ANY));
        }
    }

    @Test
    void everyBufferFormCarriesTheBytesAndTheTypeComesBackWithoutAllocation() throws Exception {
        try (SysvMessageQueue q = queues.create()) {
            ByteBuffer direct = ByteBuffer.allocateDirect(64);
            direct.put(text("xxdirect")).flip().position(2);
            q.send(direct, 11);
            assertEquals(direct.limit(), direct.position());
            ByteBuffer heap = ByteBuffer.allocate(64);
            heap.put(text("yyheap")).flip().position(2);
            q.send(heap.slice(), 12);
            q.send(ByteBuffer.wrap(text("read-only")).asReadOnlyBuffer(), 13);
            q.send(text("array"), 14);
            q.send(new byte[0], 15);
            assertTrue(q.offer(text("offered"), 16));
            assertTrue(q.offer(ByteBuffer.wrap(text("offered timed")), 17, Duration.ofSeconds(1)));

            ByteBuffer in = ByteBuffer.allocateDirect(100);
            in.position(10);
            assertEquals(11, q.receive(in, TypeSelector.ANY));
            assertEquals(16, in.position());
            in.flip().position(10);
            assertEquals("direct", US_ASCII.decode(in).toString());
            ByteBuffer heapIn = ByteBuffer.allocate(100);
            assertEquals(12, q.receive(heapIn, TypeSelector.ANY));
            assertEquals("heap", new String(heapIn.array(), 0, heapIn.position(), US_ASCII));
            ByteBuffer sliced = ByteBuffer.allocate(100).position(50).slice();
            assertEquals(13, q.poll(sliced, TypeSelector.ANY));
            assertEquals("read-only", new String(sliced.array(), sliced.arrayOffset(), sliced.position(), US_ASCII));
            assertEquals(new SysvMessage(14, text("array")), q.receive(TypeSelector.ANY));
            SysvMessage empty = q.receive(TypeSelector.ANY);
            assertEquals(15, empty.type());
            assertEquals(0, empty.data().length);
            assertEquals("offered", text(q.poll(TypeSelector.ANY, Duration.ofSeconds(1)).orElseThrow()));
            heapIn.clear();
            assertEquals(17, q.poll(heapIn, TypeSelector.ANY, Duration.ofSeconds(1)));
        }
    }

    @Test
    void timedFormsWaitAboutAsLongAsAskedAndGiveUpQuietly() throws Exception {
        try (SysvMessageQueue q = queues.create()) {
            ByteBuffer in = ByteBuffer.allocate(16);
            long start = System.nanoTime();
            assertEquals(SysvMessageQueue.NO_MESSAGE, q.poll(in, TypeSelector.ANY, Duration.ofMillis(100)));
            assertTrue(System.nanoTime() - start >= 100_000_000L);
            assertEquals(0, in.position(), "the buffer untouched");
            assertEquals(SysvMessageQueue.NO_MESSAGE, q.poll(in, TypeSelector.ANY));
            assertEquals(SysvMessageQueue.NO_MESSAGE, q.poll(in, TypeSelector.ANY, Duration.ZERO));

            q.setMaxBytes(8);
            assertTrue(q.offer(new byte[8], 1));
            ByteBuffer one = ByteBuffer.wrap(new byte[1]);
            assertFalse(q.offer(one, 1), "full");
            start = System.nanoTime();
            assertFalse(q.offer(one, 1, Duration.ofMillis(100)));
            assertTrue(System.nanoTime() - start >= 100_000_000L);
            assertEquals(0, one.position(), "the buffer untouched");
            assertEquals(1, q.status().messages());
        }
    }

    @Test
    void aTooLongMessageFailsAndStaysUnlessTruncationIsAsked() throws Exception {
        try (SysvMessageQueue q = queues.create()) {
            q.send(text("0123456789"), 7);
            ByteBuffer small = ByteBuffer.allocate(4);
            IpcException e = assertThrows(IpcException.class, () -> q.receive(small));
            assertEquals("E2BIG", e.errnoName());
            assertTrue(e.getMessage().contains("stays in the queue") && e.getMessage().contains("truncating"),
                    e.getMessage());
            assertEquals(0, small.position());
            assertEquals(1, q.status().messages(), "the message stayed");
            assertEquals(7, q.receive(small, TypeSelector.ANY.truncating()));
            assertEquals("0123", new String(small.array(), US_ASCII));
            assertEquals(0, q.status().messages(), "the rest is gone");
            assertTrue(TypeSelector.exactly(3).truncating().isTruncating());
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void peekCopiesWithoutRemovingWhereTheKernelCan() throws Exception {
        try (SysvMessageQueue q = queues.create()) {
            q.send(text("first"), 4);
            q.send(text("second"), 9);
            ByteBuffer in = ByteBuffer.allocate(32);
            long type;
            try {
                type = q.peek(in, 1);
            } catch (UnsupportedOperationException e) {
                assertTrue(e.getMessage().contains("CONFIG_CHECKPOINT_RESTORE"), e.getMessage());
                return;
            }
            assertEquals(9, type);
            assertEquals("second", new String(in.array(), 0, in.position(), US_ASCII));
            assertEquals(SysvMessageQueue.NO_MESSAGE, q.peek(in, 2));
            assertEquals(2, q.status().messages(), "nothing removed");
        }
    }

    @Test
    @Tag("kernel-msg-pids") // needs a kernel feature qemu-user lacks: ci/test-aarch64-jvm.sh leaves it out
    void statusTellsCountsPidsTimesAndOwnerAndControlChangesThem() throws Exception {
        Instant before = Instant.now().minusSeconds(2);
        try (SysvMessageQueue q = queues.create()) {
            SysvMsgQueueStatus fresh = q.status();
            assertEquals(0, fresh.messages());
            assertEquals(0, fresh.bytes());
            assertEquals(SysvMsgLimits.defaultMaxBytes(), fresh.maxBytes());
            assertEquals(0, fresh.lastSenderPid());
            assertEquals(Optional.empty(), fresh.lastSendTime());
            assertTrue(!fresh.changeTime().isBefore(before));
            q.send(text("abc"), 1);
            q.send(text("defgh"), 2);
            SysvMsgQueueStatus s = q.status();
            assertEquals(2, s.messages());
            assertEquals(8, s.bytes());
            assertEquals(ProcessHandle.current().pid(), s.lastSenderPid());
            assertTrue(s.lastSendTime().isPresent());
            q.receive(TypeSelector.ANY);
            s = q.status();
            assertEquals(ProcessHandle.current().pid(), s.lastReceiverPid());
            assertTrue(s.lastReceiveTime().isPresent());
            assertEquals(q.id(), s.id());
            assertEquals(s.ownerUid(), s.creatorUid());
            assertTrue(s.toString().contains("1 messages"), s.toString());

            q.setMode(0620);
            assertEquals(0620, q.status().mode());
            q.setMaxBytes(100);
            assertEquals(100, q.status().maxBytes());
            q.setOwner(s.ownerUid(), s.ownerGid());
            assertEquals(s.ownerUid(), q.status().ownerUid());
        }
    }

    @Test
    void accessModesAreCheckedByTheKernelAtOpenAndByTheObject() throws Exception {
        try (SysvMessageQueue q = queues.create();
             SysvMessageQueue reader = SysvMessageQueue.open(q.key(), SysvMqOptions.options().access(Access.READ_ONLY));
             SysvMessageQueue writer = SysvMessageQueue.ofId(q.id(), Access.WRITE_ONLY)) {
            assertThrows(IllegalStateException.class, () -> reader.send(text("x"), 1));
            assertThrows(IllegalStateException.class, () -> writer.receive(ByteBuffer.allocate(8)));
            writer.send(text("x"), 1);
            assertEquals(1, reader.receive(ByteBuffer.allocate(8), TypeSelector.ANY));
        }
    }

    @Test
    void removeDestroysTheQueueForEveryHandle() throws Exception {
        try (SysvMessageQueue q = queues.create(); SysvMessageQueue other = SysvMessageQueue.ofId(q.id())) {
            q.send(text("lost"), 1);
            q.remove();
            assertTrue(q.isRemoved());
            assertThrows(IpcRemovedException.class, () -> q.send(text("x"), 1));
            assertThrows(IpcRemovedException.class, q::status);
            assertThrows(IpcRemovedException.class, q::remove);
            IpcRemovedException e = assertThrows(IpcRemovedException.class, () -> other.receive(ByteBuffer.allocate(8)));
            assertTrue(e.getMessage().contains("removed"), e.getMessage());
            assertTrue(other.isRemoved());
            assertThrows(NoSuchFileException.class, () -> SysvMessageQueue.ofId(q.id()));
            assertThrows(NoSuchFileException.class, () -> SysvMessageQueue.open(q.key()));
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void limitsAreReadFromTheKernel() throws Exception {
        assertEquals(cat(SysvMsgLimits.MSGMAX), SysvMsgLimits.maxMessageSize());
        assertEquals(cat(SysvMsgLimits.MSGMNB), SysvMsgLimits.defaultMaxBytes());
        assertEquals(cat(SysvMsgLimits.MSGMNI), SysvMsgLimits.maxQueues());
    }

    /** The number in a /proc/sys file as cat prints it (a read of a byte or two would stop short). */
    private static long cat(String file) throws Exception {
        Process cat = new ProcessBuilder("cat", file).start();
        String out = new String(cat.getInputStream().readAllBytes(), US_ASCII).trim();
        assertEquals(0, cat.waitFor());
        return Long.parseLong(out);
    }

    /** A receive returns length and type in one value when the type fits 31 bits; larger ones take a second read. */
    @Test
    void everyTypeComesBackWhole() throws Exception {
        long[] types = {1, 0x7fff_fffeL, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL, 0x1_0000_0001L, Long.MAX_VALUE};
        try (SysvMessageQueue q = queues.track(SysvMessageQueue.createPrivate())) {
            ByteBuffer direct = ByteBuffer.allocateDirect(64);
            ByteBuffer heap = ByteBuffer.allocate(64);
            for (long type : types) {
                for (ByteBuffer dst : new ByteBuffer[] {direct, heap}) {
                    q.send(text("t" + type), type);
                    q.send(text("u" + type), type);
                    if (Platform.supports(Feature.SYSV_MESSAGE_COPY)) {
                        dst.clear();
                        try {
                            assertEquals(type, q.peek(dst, 0), "peeked type");
                        } catch (UnsupportedOperationException kernelWithoutMsgCopy) {
                            // CONFIG_CHECKPOINT_RESTORE off: the receives below still check the type
                        }
                    }
                    dst.clear();
                    assertEquals(type, q.receive(dst, TypeSelector.ANY), "received type");
                    assertEquals("t" + type, US_ASCII.decode(dst.flip()).toString());
                    dst.clear();
                    assertEquals(type, q.poll(dst, TypeSelector.exactly(type)), "polled type");
                    assertEquals("u" + type, US_ASCII.decode(dst.flip()).toString());
                }
            }
        }
    }
}
