package io.github.ipc4j.sysv;

import io.github.ipc4j.IpcException;
import io.github.ipc4j.OpenMode;
import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.PosixQueues;
import io.github.ipc4j.testing.SysvQueues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.function.Executable;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.nio.ReadOnlyBufferException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input for every parameter: a clear exception naming what was wrong and what is allowed, and no message
 * sent or taken. Kernel limits are named with how to raise them.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SysvMsgBadInputTest {
    private final SysvQueues queues = new SysvQueues();

    @AfterEach
    void removeQueues() throws Exception {
        queues.close();
    }

    private static void assertRefused(Class<? extends Throwable> type, Executable call, String... words) {
        Throwable e = assertThrows(type, call);
        for (String word : words) {
            assertTrue(String.valueOf(e.getMessage()).contains(word), "'" + word + "' in: " + e.getMessage());
        }
    }

    @Test
    void typesBelowOneAreRefusedEverywhere() throws Exception {
        try (SysvMessageQueue q = queues.create()) {
            for (long bad : new long[] {0, -1, Long.MIN_VALUE}) {
                assertRefused(IllegalArgumentException.class, () -> q.send(new byte[1], bad), "at least 1", "" + bad);
                assertRefused(IllegalArgumentException.class, () -> q.offer(ByteBuffer.allocate(1), bad), "at least 1");
                assertRefused(IllegalArgumentException.class,
                        () -> q.offer(new byte[1], bad, Duration.ofMillis(1)), "at least 1");
                assertRefused(IllegalArgumentException.class, () -> TypeSelector.exactly(bad), "at least 1");
                assertRefused(IllegalArgumentException.class, () -> TypeSelector.atMost(bad), "at least 1");
                if (OS.LINUX.isCurrentOs()) {
                    assertRefused(IllegalArgumentException.class, () -> TypeSelector.except(bad), "at least 1");
                }
            }
            assertEquals(0, q.status().messages(), "nothing was sent");
            assertEquals(0, q.status().lastSenderPid(), "no msgsnd was made");
        }
    }

    @Test
    void nullsAreRefusedByName() throws Exception {
        try (SysvMessageQueue q = queues.create()) {
            assertRefused(NullPointerException.class, () -> q.send((byte[]) null, 1), "message");
            assertRefused(NullPointerException.class, () -> q.send((ByteBuffer) null, 1), "message buffer");
            assertRefused(NullPointerException.class, () -> q.receive((ByteBuffer) null), "receive buffer");
            assertRefused(NullPointerException.class, () -> q.receive(ByteBuffer.allocate(8), null), "selector");
            assertRefused(NullPointerException.class, () -> q.poll(ByteBuffer.allocate(8), TypeSelector.ANY, null),
                    "timeout");
            assertRefused(NullPointerException.class, () -> SysvMessageQueue.open(null), "key");
            assertRefused(NullPointerException.class, () -> SysvMessageQueue.open(q.key(), null), "options");
            assertRefused(NullPointerException.class, () -> SysvMqOptions.options().access(null), "access");
            assertRefused(NullPointerException.class, () -> SysvMqOptions.options().openMode(null), "openMode");
        }
    }

    @Test
    void negativeTimeoutsMeanZero() throws Exception {
        try (SysvMessageQueue q = queues.create()) {
            ByteBuffer in = ByteBuffer.allocate(8);
            assertEquals(SysvMessageQueue.NO_MESSAGE, q.poll(in, TypeSelector.ANY, Duration.ofMillis(-1)));
            assertEquals(SysvMessageQueue.NO_MESSAGE, q.poll(in, TypeSelector.ANY, -1, TimeUnit.SECONDS));
            assertEquals(SysvMessageQueue.NO_MESSAGE, q.poll(in, -1, TimeUnit.SECONDS));
            assertEquals(0, in.position(), "nothing was received");
            assertTrue(q.offer(new byte[1], 7, Duration.ofMillis(-1)), "a negative timeout still tries once");
            assertTrue(q.offer(new byte[2], 8, -1, TimeUnit.MILLISECONDS));
            assertEquals(7, q.poll(in, TypeSelector.ANY, Duration.ofMillis(-1)));
            assertEquals(2, q.poll(in.clear(), Duration.ofMillis(-1)), "the length, through the MessageQueue form");
            assertRefused(NullPointerException.class, () -> q.poll(in, TypeSelector.ANY, 1, null), "unit");
        }
    }

    @Test
    void messagesLongerThanMsgmaxAreRefusedNamingTheLimitAndHowToRaiseIt() throws Exception {
        try (SysvMessageQueue q = queues.create()) {
            int tooLong = (int) SysvMsgLimits.maxMessageSize() + 1;
            assertRefused(IllegalArgumentException.class, () -> q.send(new byte[tooLong], 1), "msgmax",
                    String.valueOf(tooLong));
            if (OS.LINUX.isCurrentOs()) {
                assertRefused(IllegalArgumentException.class, () -> q.offer(ByteBuffer.allocateDirect(tooLong), 1),
                        SysvMsgLimits.MSGMAX, "sysctl -w kernel.msgmax=");
            }
            assertEquals(0, q.status().messages());
        }
    }

    @Test
    void messagesLongerThanTheQueuesByteLimitAreRefused() throws Exception {
        try (SysvMessageQueue q = queues.create()) {
            q.setMaxBytes(10);
            assertRefused(IllegalArgumentException.class, () -> q.send(new byte[11], 1), "msg_qbytes", "10 bytes",
                    "setMaxBytes");
            q.send(new byte[10], 1); // exactly the limit fits
            assertEquals(1, q.status().messages());
        }
    }

    @Test
    void identifiersKeysModesAndLimitsAreChecked() throws Exception {
        assertRefused(IllegalArgumentException.class, () -> SysvMessageQueue.ofId(-1), "at least 0");
        assertRefused(NoSuchFileException.class, () -> SysvMessageQueue.ofId(Integer.MAX_VALUE), "no queue");
        assertRefused(IllegalArgumentException.class, () -> SysvMessageQueue.open(IpcKey.PRIVATE), "PRIVATE",
                "OPEN_EXISTING", "ofId");
        assertRefused(IllegalArgumentException.class,
                () -> SysvMessageQueue.open(IpcKey.PRIVATE, SysvMqOptions.options().openMode(OpenMode.OPEN_EXISTING)),
                "PRIVATE");
        assertRefused(IllegalArgumentException.class, () -> SysvMqOptions.options().mode(01000), "0 to 0777");
        assertRefused(IllegalArgumentException.class, () -> SysvMqOptions.options().maxMode(-1), "0 to 0777");
        try (SysvMessageQueue q = queues.create()) {
            assertRefused(IllegalArgumentException.class, () -> q.setMode(01600), "0 to 0777", "01600");
            assertRefused(IllegalArgumentException.class, () -> q.setMode(-1), "0 to 0777");
            assertRefused(IllegalArgumentException.class, () -> q.setMaxBytes(0), "from 1");
            assertRefused(IllegalArgumentException.class, () -> q.setMaxBytes(1L << 31), "from 1");
            assertRefused(IllegalArgumentException.class, () -> q.setOwner(-1, 0), "uid");
            assertRefused(IllegalArgumentException.class, () -> q.setOwner(0, 1L << 32), "gid");
            assertEquals(0600, q.status().mode(), "nothing changed");
        }
    }

    @Test
    void receiveBuffersMustBeWritableAndPeekIndexesNotNegative() throws Exception {
        try (SysvMessageQueue q = queues.create()) {
            q.send(new byte[] {1}, 1);
            assertThrows(ReadOnlyBufferException.class, () -> q.receive(ByteBuffer.allocate(8).asReadOnlyBuffer()));
            if (OS.LINUX.isCurrentOs()) {
                assertRefused(IllegalArgumentException.class, () -> q.peek(ByteBuffer.allocate(8), -1), "at least 0");
            } else {
                assertThrows(UnsupportedOperationException.class, () -> q.peek(ByteBuffer.allocate(8), 0));
            }
            assertEquals(1, q.status().messages(), "the message stayed");
        }
    }

    /** Opens queue args[0] by id and tries to raise its byte limit above kernel.msgmnb; prints what it got. */
    public static final class Raiser {
        public static void main(String[] args) throws Exception {
            try (SysvMessageQueue q = SysvMessageQueue.ofId(Integer.parseInt(args[0]))) {
                q.setMaxBytes(SysvMsgLimits.defaultMaxBytes() + 1);
                System.out.println("raised");
            } catch (IpcException e) {
                System.out.println("refused: " + e.limit() + " | " + e.getMessage());
            }
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void raisingTheByteLimitAboveMsgmnbWithoutCapSysResourceNamesTheLimit() throws Exception {
        try (SysvMessageQueue q = queues.create()) {
            // as root, the child runs without CAP_SYS_RESOURCE (dropped from its bounding set); a user lacks it anyway
            List<String> prefix = PosixQueues.isRoot() ? List.of("setpriv", "--bounding-set=-sys_resource") : List.of();
            try (ChildJvm child = ChildJvm.start(prefix, List.of(), Raiser.class, String.valueOf(q.id()))) {
                child.assertSuccess(60);
                String out = child.output();
                assertTrue(out.contains("refused: " + SysvMsgLimits.MSGMNB), out);
                assertTrue(out.contains("kernel.msgmnb") && out.contains("CAP_SYS_RESOURCE")
                        && out.contains("sysctl -w kernel.msgmnb="), out);
            }
            assertEquals(SysvMsgLimits.defaultMaxBytes(), q.status().maxBytes(), "unchanged");
        }
    }
}
