package io.github.ipc4j.posix;

import io.github.ipc4j.OpenOptions;
import io.github.ipc4j.testing.PosixQueues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.nio.ReadOnlyBufferException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bad input gets the exact exception, with a message naming what was wrong and what is allowed. */
@EnabledOnOs(OS.LINUX)
class PosixMqBadInputTest {
    private static final String RULE = "POSIX message queue names are '/' followed by 1 to 255 bytes (UTF-8) with no "
            + "other '/' and no NUL, and not '/.' or '/..', e.g. \"/orders\"";

    private final PosixQueues queues = new PosixQueues();

    @AfterEach
    void removeQueues() throws Exception {
        queues.close();
    }

    private static void assertBadName(String name, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PosixMessageQueue.open(name));
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertTrue(e.getMessage().endsWith(RULE), e.getMessage());
        IllegalArgumentException unlink = assertThrows(IllegalArgumentException.class,
                () -> PosixMessageQueue.unlink(name));
        assertEquals(e.getMessage(), unlink.getMessage());
    }

    @Test
    void everyNameRule() {
        assertBadName("orders", "invalid POSIX message queue name \"orders\": must start with '/'");
        assertBadName("", "invalid POSIX message queue name \"\": must start with '/'");
        assertBadName("/", "invalid POSIX message queue name \"/\": empty after the '/'");
        assertBadName("/a/b", "invalid POSIX message queue name \"/a/b\": contains a '/' after the first character");
        assertBadName("/a\0b", "invalid POSIX message queue name \"/a\\0b\": contains a NUL character");
        assertBadName("/.", "invalid POSIX message queue name \"/.\"");
        assertBadName("/..", "invalid POSIX message queue name \"/..\"");
        assertBadName("/" + "x".repeat(256), "invalid POSIX message queue name: 256 bytes after the '/', more than 255");
        assertBadName("/" + "é".repeat(128), "invalid POSIX message queue name: 256 bytes after the '/', more than 255");
        NullPointerException nul = assertThrows(NullPointerException.class, () -> PosixMessageQueue.open(null));
        assertEquals("POSIX message queue name must not be null", nul.getMessage());
    }

    @Test
    void longestNameWorks() throws Exception {
        String unique = Long.toHexString(System.nanoTime());
        String name = "/" + unique + "n".repeat(255 - unique.length());
        try (PosixMessageQueue q = PosixMessageQueue.open(name, PosixMqOptions.options().createNew())) {
            q.unlink();
        }
    }

    @Test
    void sizesAboveTheKernelLimitsNameTheFile() throws Exception {
        long msgMax = PosixMqLimits.read(PosixMqLimits.MSG_MAX, 10);
        long sizeMax = PosixMqLimits.read(PosixMqLimits.MSGSIZE_MAX, 8192);
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> PosixMessageQueue.open(
                queues.name(), PosixMqOptions.options().createNew().maxMessages(msgMax + 1)));
        assertEquals("maxMessages " + (msgMax + 1) + " exceeds the kernel limit " + msgMax
                + " in /proc/sys/fs/mqueue/msg_max; raise it with sysctl -w fs.mqueue.msg_max=<higher> (root), "
                + "or write the value to /proc/sys/fs/mqueue/msg_max", tooMany.getMessage());
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class, () -> PosixMessageQueue.open(
                queues.name(), PosixMqOptions.options().createNew().maxMessages(1).messageSize(sizeMax + 1)));
        assertTrue(tooBig.getMessage().startsWith("messageSize " + (sizeMax + 1) + " exceeds the kernel limit "
                + sizeMax + " in /proc/sys/fs/mqueue/msgsize_max"), tooBig.getMessage());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void zeroAndNegativeSizes(long size) {
        IllegalArgumentException messages = assertThrows(IllegalArgumentException.class,
                () -> PosixMqOptions.options().maxMessages(size));
        assertEquals("maxMessages must be at least 1, was " + size, messages.getMessage());
        IllegalArgumentException bytes = assertThrows(IllegalArgumentException.class,
                () -> PosixMqOptions.options().messageSize(size));
        assertEquals("messageSize must be at least 1 byte, was " + size, bytes.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 01000, 0777 + 1, Integer.MIN_VALUE})
    void badModes(int mode) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PosixMqOptions.options().mode(mode));
        assertTrue(e.getMessage().startsWith("mode must be permission bits from 0 to 0777 (octal), was 0"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PosixMqOptions.options().maxMode(mode));
    }

    @Test
    void createNewOfAnExistingQueue() throws Exception {
        String name = queues.name();
        try (PosixMessageQueue q = PosixMessageQueue.open(name, PosixMqOptions.options().createNew())) {
            FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                    () -> PosixMessageQueue.open(name, PosixMqOptions.options().createNew()));
            assertEquals(name, e.getFile());
            assertTrue(e.getMessage().contains("mq_open: EEXIST"), e.getMessage());
        }
    }

    @Test
    void openOfAMissingQueue() {
        String name = queues.name();
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> PosixMessageQueue.open(name));
        assertEquals(name, e.getFile());
        assertTrue(e.getMessage().contains("mq_open: ENOENT"), e.getMessage());
        NoSuchFileException unlink = assertThrows(NoSuchFileException.class, () -> PosixMessageQueue.unlink(name));
        assertTrue(unlink.getMessage().contains("mq_unlink: ENOENT"), unlink.getMessage());
    }

    @Test
    void badMessagesAndBuffers() throws Exception {
        String name = queues.name();
        try (PosixMessageQueue q = PosixMessageQueue.open(name,
                PosixMqOptions.options().createNew().maxMessages(2).messageSize(16))) {
            IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                    () -> q.send(new byte[17], 0));
            assertEquals("message of 17 bytes exceeds the message size of " + name
                    + ", 16 bytes (mq_msgsize, fixed when the queue was created)", tooLong.getMessage());
            assertThrows(IllegalArgumentException.class, () -> q.offer(ByteBuffer.allocateDirect(17), 0));

            q.send(new byte[] {9, 8, 7}, 4);
            IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                    () -> q.receivePriority(ByteBuffer.allocateDirect(15)));
            assertEquals("receive buffer has 15 bytes remaining, less than the message size of " + name
                    + ", 16 bytes (mq_msgsize): the kernel needs room for the largest message; nothing was received",
                    small.getMessage());
            assertEquals(1, q.attributes().currentMessages(), "the message stays in the queue");
            assertThrows(ReadOnlyBufferException.class, () -> q.pollPriority(ByteBuffer.allocate(16).asReadOnlyBuffer()));
            assertEquals(4, q.receive().priority());

            int limit = PosixMessageQueue.priorityLimit();
            for (int priority : new int[] {-1, limit, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
                IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                        () -> q.send(new byte[1], priority));
                assertEquals("priority must be from 0 to " + (limit - 1) + " (MQ_PRIO_MAX - 1), was " + priority,
                        bad.getMessage());
            }
            q.send(new byte[1], limit - 1);
            assertEquals(limit - 1, q.receive().priority());
        }
    }

    @Test
    void negativeTimeoutsAndNulls() throws Exception {
        try (PosixMessageQueue q = PosixMessageQueue.open(queues.name(),
                PosixMqOptions.options().createNew().maxMessages(1).messageSize(8))) {
            ByteBuffer buf = ByteBuffer.allocate(8);
            // a negative timeout means zero, as BlockingQueue.poll: one try, on an empty and then a full queue
            assertEquals(PosixMessageQueue.NO_MESSAGE, q.pollPriority(buf, Duration.ofMillis(-1)));
            assertEquals(PosixMessageQueue.NO_MESSAGE, q.poll(buf, -1, TimeUnit.SECONDS));
            assertEquals(0, buf.position(), "nothing was received");
            assertTrue(q.offer(new byte[1], 0, Duration.ofSeconds(-5)), "a negative timeout still tries once");
            assertFalse(q.offer(new byte[1], 0, Duration.ofSeconds(-5)), "full: false at once");
            assertFalse(q.offer(ByteBuffer.allocate(1), Long.MIN_VALUE, TimeUnit.NANOSECONDS));
            assertEquals(1, q.poll(buf, -1, TimeUnit.DAYS), "the one message that was sent");
            assertEquals("unit must not be null",
                    assertThrows(NullPointerException.class, () -> q.poll(buf, 1, null)).getMessage());
            assertEquals("timeout must not be null",
                    assertThrows(NullPointerException.class, () -> q.pollPriority(buf, null)).getMessage());
            assertEquals("receive buffer must not be null",
                    assertThrows(NullPointerException.class, () -> q.receivePriority((ByteBuffer) null)).getMessage());
            assertEquals("message buffer must not be null",
                    assertThrows(NullPointerException.class, () -> q.send((ByteBuffer) null, 0)).getMessage());
            assertEquals("message must not be null",
                    assertThrows(NullPointerException.class, () -> q.send((byte[]) null, 0)).getMessage());
            assertEquals("options must not be null", assertThrows(NullPointerException.class,
                    () -> PosixMessageQueue.open("/x", null)).getMessage());
            assertEquals("openMode must not be null", assertThrows(NullPointerException.class,
                    () -> PosixMqOptions.options().openMode(null)).getMessage());
            assertEquals("access must not be null", assertThrows(NullPointerException.class,
                    () -> PosixMqOptions.options().access(null)).getMessage());
            assertEquals(0600, OpenOptions.DEFAULT_MODE);
        }
    }
}
