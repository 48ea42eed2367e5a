package io.github.ipc4j.closed;

import io.github.ipc4j.ChannelOptions;
import io.github.ipc4j.MessageQueue;
import io.github.ipc4j.SharedMemoryChannel;
import io.github.ipc4j.portable.NamedMessageQueue;
import io.github.ipc4j.portable.NamedQueueOptions;
import io.github.ipc4j.posix.PosixMessageQueue;
import io.github.ipc4j.posix.PosixMqOptions;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.sysv.SysvMessageQueue;
import io.github.ipc4j.sysv.TypeSelector;
import io.github.ipc4j.testing.ChildJvm;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11: every message queue answers through {@link MessageQueue} the same way: a receive or poll gives the
 * message's length (dst's position advanced by it), a poll that got nothing {@link MessageQueue#NO_MESSAGE}
 * (dst untouched), whatever the timeout form (Duration, long and TimeUnit, negative meaning zero); the
 * byte[] sends, the size limit and a second process sending through the interface behave alike.
 */
@EnabledOnOs(OS.LINUX)
class MessageQueueConformanceTest {
    /** Each queue, opened twice: a sending and a receiving handle (the channel's two ends). */
    enum Kind {
        POSIX, SYSV, NAMED_POSIX_MQ, NAMED_SHARED_MEMORY, CHANNEL;

        /** Creates the queue and opens its sending end (for queues: a handle that does both). */
        MessageQueue create(String name) throws IOException {
            switch (this) {
                case POSIX:
                    return PosixMessageQueue.open("/" + name,
                            PosixMqOptions.options().createNew().maxMessages(4).messageSize(256));
                case SYSV:
                    return SysvMessageQueue.createPrivate();
                case NAMED_POSIX_MQ:
                case NAMED_SHARED_MEMORY:
                    return NamedMessageQueue.open(name, NamedQueueOptions.options().createNew().capacity(4)
                            .messageSize(256).backend(backend()));
                case CHANNEL:
                    return SharedMemoryChannel.open("/" + name,
                            ChannelOptions.options().openOrCreate().capacity(1024).sender());
                default:
                    throw new AssertionError(this);
            }
        }

        /** Opens the existing queue again (the channel's receiving end): address is a name, or a System V id. */
        MessageQueue open(String address, boolean receiving) throws IOException {
            switch (this) {
                case POSIX:
                    return PosixMessageQueue.open("/" + address);
                case SYSV:
                    return SysvMessageQueue.ofId(Integer.parseInt(address));
                case NAMED_POSIX_MQ:
                case NAMED_SHARED_MEMORY:
                    return NamedMessageQueue.open(address, NamedQueueOptions.options().backend(backend()));
                case CHANNEL:
                    ChannelOptions o = ChannelOptions.options().openOrCreate().capacity(1024);
                    return SharedMemoryChannel.open("/" + address, receiving ? o.receiver() : o.sender());
                default:
                    throw new AssertionError(this);
            }
        }

        String address(String name, MessageQueue created) {
            return this == SYSV ? Integer.toString(((SysvMessageQueue) created).id()) : name;
        }

        NamedMessageQueue.Backend backend() {
            return this == NAMED_POSIX_MQ ? NamedMessageQueue.Backend.POSIX_MQ : NamedMessageQueue.Backend.SHARED_MEMORY;
        }

        void remove(String name, MessageQueue created) throws IOException {
            switch (this) {
                case POSIX:
                    PosixMessageQueue.unlink("/" + name);
                    break;
                case SYSV:
                    ((SysvMessageQueue) created).remove();
                    break;
                case NAMED_POSIX_MQ:
                case NAMED_SHARED_MEMORY:
                    NamedMessageQueue.remove(name, backend());
                    break;
                case CHANNEL:
                    PosixSharedMemory.unlink("/" + name);
                    break;
                default:
                    throw new AssertionError(this);
            }
        }
    }

    private static String unique() {
        return String.format("ipc4j-mq-%d-%08x", ProcessHandle.current().pid() % 100000,
                ThreadLocalRandom.current().nextInt());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theSameShapesAndTheSameNothingArrivedResult(Kind kind) throws Exception {
        String name = unique();
        MessageQueue out = kind.create(name);
        try (out; MessageQueue in = kind.open(kind.address(name, out), true)) {
            assertTrue(in.maxMessageSize() >= 256, "" + in.maxMessageSize());
            ByteBuffer dst = ByteBuffer.allocate(in.maxMessageSize() + 16);
            dst.position(3);
            assertEquals(MessageQueue.NO_MESSAGE, in.poll(dst));
            assertEquals(MessageQueue.NO_MESSAGE, in.poll(dst, Duration.ofMillis(20)));
            assertEquals(MessageQueue.NO_MESSAGE, in.poll(dst, 20, TimeUnit.MILLISECONDS));
            assertEquals(MessageQueue.NO_MESSAGE, in.poll(dst, Duration.ofDays(-1)), "negative means zero");
            assertEquals(MessageQueue.NO_MESSAGE, in.poll(dst, Long.MIN_VALUE, TimeUnit.DAYS));
            assertEquals(3, dst.position(), "a poll that got nothing leaves dst untouched");

            out.send(ByteBuffer.wrap(bytes(10, 1)));
            assertEquals(10, in.receive(dst), "receive answers the length");
            assertEquals(13, dst.position());
            assertArrayEquals(bytes(10, 1), Arrays.copyOfRange(dst.array(), 3, 13));

            assertTrue(out.offer(ByteBuffer.wrap(bytes(7, 2))));
            assertTrue(out.offer(ByteBuffer.wrap(bytes(0, 3)), Duration.ofSeconds(5)), "an empty message");
            assertTrue(out.offer(ByteBuffer.wrap(bytes(200, 4)), 5, TimeUnit.SECONDS));
            assertTrue(out.offer(bytes(1, 5), Duration.ofMillis(-1)), "negative means zero: one try, room there");
            assertEquals(7, in.poll(dst.clear()));
            assertEquals(0, in.poll(dst.clear(), Duration.ofSeconds(5)), "an empty message is a message, of length 0");
            assertEquals(200, in.poll(dst.clear(), 5, TimeUnit.SECONDS));
            assertArrayEquals(bytes(200, 4), Arrays.copyOf(dst.array(), 200));
            assertEquals(1, in.receive(dst.clear()));

            out.send(bytes(5, 6));
            assertTrue(out.offer(bytes(6, 7)));
            assertTrue(out.offer(bytes(8, 8), 1, TimeUnit.SECONDS));
            assertEquals(5, in.poll(dst.clear(), -5, TimeUnit.SECONDS));
            assertEquals(6, in.poll(dst.clear()));
            assertEquals(8, in.poll(dst.clear()));
            assertEquals(MessageQueue.NO_MESSAGE, in.poll(dst.clear()));

            ByteBuffer tooLong = ByteBuffer.allocate(out.maxMessageSize() + 1);
            assertThrows(IllegalArgumentException.class, () -> out.offer(tooLong));
            assertEquals(0, tooLong.position(), "a refused message is untouched");
            assertThrows(NullPointerException.class, () -> out.offer((byte[]) null));
            assertThrows(NullPointerException.class, () -> in.poll(dst, 1, null));
            assertThrows(NullPointerException.class, () -> in.poll(dst, null));
            assertFalse(in.isClosed());
        } finally {
            kind.remove(name, out);
        }
    }

    /** Opens the queue args[0] at args[1] to send, sends args[2] messages of lengths 0, 1, 2, ... and exits. */
    public static final class Sender {
        public static void main(String[] args) throws Exception {
            Kind kind = Kind.valueOf(args[0]);
            try (MessageQueue q = kind.open(args[1], false)) {
                int count = Integer.parseInt(args[2]);
                for (int i = 0; i < count; i++) {
                    if (i % 2 == 0) {
                        q.send(bytes(i, i));
                    } else if (!q.offer(ByteBuffer.wrap(bytes(i, i)), 30, TimeUnit.SECONDS)) {
                        throw new AssertionError("no room in 30 s for message " + i);
                    }
                }
            }
            System.out.println("sent");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSecondProcessSendsThroughTheInterfaceAndLengthsArriveWhole(Kind kind) throws Exception {
        String name = unique();
        MessageQueue created = kind.create(name);
        int count = 40; // more than the queue holds: the sender waits for room
        MessageQueue in = kind.open(kind.address(name, created), true);
        if (kind == Kind.CHANNEL) {
            created.close(); // a channel has one sending end: the child's
        }
        try (created; in; ChildJvm child = ChildJvm.start(Sender.class, kind.name(), kind.address(name, created),
                     Integer.toString(count))) {
            ByteBuffer dst = ByteBuffer.allocate(in.maxMessageSize());
            for (int i = 0; i < count; i++) {
                int length = in.poll(dst.clear(), 60, TimeUnit.SECONDS);
                assertEquals(i, length, "message " + i);
                assertArrayEquals(bytes(i, i), Arrays.copyOf(dst.array(), length));
            }
            child.assertSuccess(60);
            assertEquals(MessageQueue.NO_MESSAGE, in.poll(dst.clear(), Duration.ofMillis(50)), "nothing more");
        } finally {
            kind.remove(name, created);
        }
    }

    private static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }
}
