package io.github.ipc4j.channel;

import io.github.ipc4j.ChannelOptions;
import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.MessageChannel;
import io.github.ipc4j.SharedMemoryChannel;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.posix.PosixShmOptions;
import io.github.ipc4j.testing.PosixNames;
import io.github.ipc4j.testing.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.github.ipc4j.testing.Allocations.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The channel's two ends in one process (two threads where one blocks): API, bad input, close, interrupt. */
@EnabledOnOs(OS.LINUX)
class SharedMemoryChannelTest {
    private final PosixNames names = new PosixNames(SharedMemoryChannel::unlink);

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    private static ChannelOptions sender() {
        return ChannelOptions.options().openOrCreate().sender().capacity(4096);
    }

    private static ChannelOptions receiver() {
        return ChannelOptions.options().openOrCreate().receiver().capacity(4096);
    }

    @Test
    void messagesOfEverySizeArriveWholeAndInOrderAcrossManyWraps() throws Exception {
        String name = names.name();
        try (SharedMemoryChannel out = SharedMemoryChannel.open(name, sender());
             SharedMemoryChannel in = SharedMemoryChannel.open(name, receiver())) {
            assertEquals(4096, out.capacity());
            assertEquals(2040, out.maxMessageSize());
            ByteBuffer src = ByteBuffer.allocateDirect(out.maxMessageSize());
            ByteBuffer dst = ByteBuffer.allocateDirect(out.maxMessageSize());
            for (int i = 0; i < 20_000; i++) {
                int length = i % (out.maxMessageSize() + 1);
                src.clear().limit(length);
                for (int j = 0; j < length; j++) {
                    src.put(j, (byte) (i + j));
                }
                assertTrue(out.offer(src));
                assertEquals(length, src.position());
                dst.clear();
                assertEquals(length, in.poll(dst));
                assertEquals(length, dst.position());
                for (int j = 0; j < length; j++) {
                    assertEquals((byte) (i + j), dst.get(j));
                }
            }
            assertEquals(MessageChannel.NO_MESSAGE, in.poll(dst.clear()));
            assertEquals(0, in.pendingBytes());
        }
    }

    /** Short messages are copied by words: every kind of buffer, odd positions, and no byte outside the message. */
    @Test
    void shortMessagesFromAnyBufferAtAnyPositionArriveExactlyAndTouchNothingAround() throws Exception {
        String name = names.name();
        try (SharedMemoryChannel out = SharedMemoryChannel.open(name, sender());
             SharedMemoryChannel in = SharedMemoryChannel.open(name, receiver())) {
            ByteBuffer[] sources = {ByteBuffer.allocateDirect(128), ByteBuffer.allocate(128),
                ByteBuffer.allocate(128).asReadOnlyBuffer()};
            for (ByteBuffer source : sources) {
                ByteBuffer writable = source.isReadOnly() ? null : source;
                for (int length = 0; length <= 80; length++) {
                    for (int at = 0; at < 3; at++) {
                        int position = at * 5; // 0, 5, 10: unaligned too
                        ByteBuffer src = writable != null ? writable.clear() : ByteBuffer.allocate(128);
                        for (int j = 0; j < 128; j++) {
                            src.put(j, (byte) (j * 31 + length));
                        }
                        ByteBuffer from = writable != null ? src : src.asReadOnlyBuffer();
                        from.limit(position + length).position(position);
                        assertTrue(out.offer(from));
                        ByteBuffer dst = (length % 2 == 0 ? ByteBuffer.allocateDirect(128) : ByteBuffer.allocate(128));
                        for (int j = 0; j < 128; j++) {
                            dst.put(j, (byte) 0x5A);
                        }
                        dst.position(position + 3);
                        assertEquals(length, in.poll(dst));
                        for (int j = 0; j < 128; j++) {
                            int k = j - position - 3;
                            byte expected = k >= 0 && k < length ? (byte) ((position + k) * 31 + length) : 0x5A;
                            assertEquals(expected, dst.get(j), "length " + length + " at " + position + ", byte " + j);
                        }
                    }
                }
            }
        }
    }

    @Test
    void zeroLengthMessagesAreDeliveredAsMessages() throws Exception {
        String name = names.name();
        try (SharedMemoryChannel out = SharedMemoryChannel.open(name, sender());
             SharedMemoryChannel in = SharedMemoryChannel.open(name, receiver())) {
            out.send(new byte[0]);
            out.send(new byte[] {7});
            assertArrayEquals(new byte[0], in.receive());
            assertArrayEquals(new byte[] {7}, in.receive());
        }
    }

    @Test
    void aFullRingRefusesOffersUntilTheReceiverTakesSome() throws Exception {
        String name = names.name();
        try (SharedMemoryChannel out = SharedMemoryChannel.open(name, sender());
             SharedMemoryChannel in = SharedMemoryChannel.open(name, receiver())) {
            ByteBuffer src = ByteBuffer.allocate(1000);
            int sent = 0;
            while (out.offer(src.clear())) {
                sent++;
            }
            assertEquals(4, sent); // 1008-byte records in a 4096-byte ring
            assertEquals(1000, src.remaining(), "a refused offer leaves src untouched");
            assertFalse(out.offer(src, Duration.ofMillis(20)));
            assertEquals(1000, in.poll(ByteBuffer.allocate(1000)));
            // the next record wraps: the 64-byte pad at the end, its 1008 bytes and the 8-byte header slot after it
            assertFalse(out.offer(src), "1,080 bytes needed, 1,072 free");
            assertEquals(1000, in.poll(ByteBuffer.allocate(1000)));
            assertTrue(out.offer(src, Duration.ofMillis(20)));
        }
    }

    @Test
    void aBlockedSendIsWokenByTheReceiverAndABlockedReceiveByTheSender() throws Exception {
        String name = names.name();
        ChannelOptions noSpin = sender().spin(Duration.ZERO);
        try (SharedMemoryChannel out = SharedMemoryChannel.open(name, noSpin);
             SharedMemoryChannel in = SharedMemoryChannel.open(name, receiver().spin(Duration.ZERO))) {
            CompletableFuture<Object> received = Threads.onThread("channel-receive",
                    () -> in.receive(ByteBuffer.allocate(100)));
            Threads.awaitBlockedIn("channel-receive", "waitFor");
            out.send(ByteBuffer.allocate(42));
            assertEquals(42, received.get(5, TimeUnit.SECONDS));

            ByteBuffer big = ByteBuffer.allocate(2000);
            out.send(big.clear());
            out.send(big.clear());
            CompletableFuture<Object> sent = Threads.onThread("channel-send", () -> {
                out.send(ByteBuffer.allocate(2000));
                return "sent";
            });
            Threads.awaitBlockedIn("channel-send", "waitFor");
            assertEquals(2000, in.receive(ByteBuffer.allocate(2000)));
            assertEquals("sent", sent.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void pollWithATimeoutReturnsNoMessage() throws Exception {
        String name = names.name();
        try (SharedMemoryChannel in = SharedMemoryChannel.open(name, receiver())) {
            assertEquals(MessageChannel.NO_MESSAGE, in.poll(ByteBuffer.allocate(10), Duration.ofMillis(150)));
            assertEquals(MessageChannel.NO_MESSAGE, in.poll(ByteBuffer.allocate(10), Duration.ZERO));
        }
    }

    @Test
    void anInterruptEndsABlockedReceiveAndLeavesTheChannelUsable() throws Exception {
        String name = names.name();
        try (SharedMemoryChannel out = SharedMemoryChannel.open(name, sender());
             SharedMemoryChannel in = SharedMemoryChannel.open(name, receiver())) {
            CompletableFuture<Object> received = Threads.onThread("channel-interrupted",
                    () -> in.receive(ByteBuffer.allocate(100)));
            Threads.awaitBlockedIn("channel-interrupted", "waitFor");
            Threads.named("channel-interrupted").interrupt();
            assertInstanceOf(InterruptedException.class, received.get(5, TimeUnit.SECONDS));
            out.send(new byte[] {1, 2});
            assertArrayEquals(new byte[] {1, 2}, in.receive());
        }
    }

    @Test
    void closeEndsABlockedReceiveAndLaterCallsThrow() throws Exception {
        String name = names.name();
        SharedMemoryChannel in = SharedMemoryChannel.open(name, receiver());
        CompletableFuture<Object> received = Threads.onThread("channel-closed",
                () -> in.receive(ByteBuffer.allocate(100)));
        Threads.awaitBlockedIn("channel-closed", "waitFor");
        in.close();
        Object outcome = received.get(5, TimeUnit.SECONDS);
        assertInstanceOf(IpcClosedException.class, outcome);
        assertTrue(((IpcClosedException) outcome).closedWhileBlocked());
        assertThrows(IpcClosedException.class, () -> in.poll(ByteBuffer.allocate(10)));
        in.close(); // idempotent
        // the end was given back: a new receiver takes it without a takeover
        try (SharedMemoryChannel again = SharedMemoryChannel.open(name, receiver())) {
            assertEquals(0, again.tookOver());
        }
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingIsWritten() throws Exception {
        String name = names.name();
        try (SharedMemoryChannel out = SharedMemoryChannel.open(name, sender());
             SharedMemoryChannel in = SharedMemoryChannel.open(name, receiver())) {
            IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                    () -> out.offer(ByteBuffer.allocate(2041)));
            assertTrue(tooLong.getMessage().contains("maximum of 2040"), tooLong.getMessage());
            assertThrows(IllegalArgumentException.class, () -> out.send(ByteBuffer.allocate(5000)));
            assertEquals(0, in.pendingBytes());
            assertThrows(IllegalStateException.class, () -> out.poll(ByteBuffer.allocate(10)));
            assertThrows(IllegalStateException.class, () -> in.offer(ByteBuffer.allocate(10)));
            assertThrows(NullPointerException.class, () -> out.offer((ByteBuffer) null));
            out.send(new byte[100]);
            IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                    () -> in.poll(ByteBuffer.allocate(99)));
            assertTrue(small.getMessage().contains("stays in the channel"), small.getMessage());
            assertEquals(100, in.poll(ByteBuffer.allocate(100)), "the message stayed");
        }
        assertThrows(IllegalArgumentException.class, () -> ChannelOptions.options().capacity(3000));
        assertThrows(IllegalArgumentException.class, () -> ChannelOptions.options().capacity(512));
        assertThrows(IllegalArgumentException.class,
                () -> SharedMemoryChannel.open(names.name(), ChannelOptions.options().openOrCreate()));
        assertThrows(IllegalArgumentException.class,
                () -> SharedMemoryChannel.open("no-slash", ChannelOptions.options().sender()));
        assertThrows(NoSuchFileException.class, () -> SharedMemoryChannel.open(names.name(),
                ChannelOptions.options().receiver()));
    }

    @Test
    void oneProcessHoldsEachEndOnce() throws Exception {
        String name = names.name();
        try (SharedMemoryChannel out = SharedMemoryChannel.open(name, sender())) {
            IpcException busy = assertThrows(IpcException.class, () -> SharedMemoryChannel.open(name, sender()));
            assertEquals("EBUSY", busy.errnoName());
            assertThrows(FileAlreadyExistsException.class, () -> SharedMemoryChannel.open(name,
                    ChannelOptions.options().createNew().receiver()));
        }
    }

    @Test
    void objectsThatAreNotChannelsAreRefusedUntouched() throws Exception {
        // another program's object, too small for a header
        String small = names.name();
        try (PosixSharedMemory shm = PosixSharedMemory.open(small, PosixShmOptions.options().createNew().size(100))) {
            IpcException e = assertThrows(IpcException.class,
                    () -> SharedMemoryChannel.open(small, ChannelOptions.options().receiver()));
            assertTrue(e.getMessage().contains("fewer than a channel's"), e.getMessage());
            assertAllZero(shm.buffer());
        }
        // big enough, other bytes
        String foreign = names.name();
        try (PosixSharedMemory shm = PosixSharedMemory.open(foreign,
                PosixShmOptions.options().createNew().size(8192))) {
            shm.buffer().putLong(0, 0x1122334455667788L);
            byte[] before = bytes(shm.buffer());
            IpcException e = assertThrows(IpcException.class,
                    () -> SharedMemoryChannel.open(foreign, ChannelOptions.options().sender()));
            assertTrue(e.getMessage().contains("not a channel"), e.getMessage());
            assertArrayEquals(before, bytes(shm.buffer()), "nothing was written");
        }
        // a channel of another layout version
        String other = names.name();
        try (SharedMemoryChannel made = SharedMemoryChannel.open(other, sender())) {
            made.close();
            try (PosixSharedMemory shm = PosixSharedMemory.open(other)) {
                shm.buffer().putInt(8, 1); // version 1 committed records by the tail alone
                byte[] before = bytes(shm.buffer());
                IpcException e = assertThrows(IpcException.class,
                        () -> SharedMemoryChannel.open(other, ChannelOptions.options().receiver()));
                assertTrue(e.getMessage().contains("layout is version 1"), e.getMessage());
                assertArrayEquals(before, bytes(shm.buffer()), "nothing was written");
            }
        }
        // a header that says more ring than the object holds
        String truncated = names.name();
        try (SharedMemoryChannel made = SharedMemoryChannel.open(truncated, sender())) {
            made.close();
            try (PosixSharedMemory shm = PosixSharedMemory.open(truncated)) {
                shm.buffer().putLong(16, 8192);
                shm.buffer().putInt(24, 8192 / 2 - 8);
                IpcException e = assertThrows(IpcException.class,
                        () -> SharedMemoryChannel.open(truncated, ChannelOptions.options().receiver()));
                assertTrue(e.getMessage().contains("only"), e.getMessage());
            }
        }
    }

    /** ChannelOptions: "An open of an existing channel takes the capacity it was created with." */
    @Test
    void openOrCreateOfAnExistingChannelTakesItsCapacityWhateverTheOptionsSay() throws Exception {
        String name = names.name();
        try (SharedMemoryChannel out = SharedMemoryChannel.open(name, sender());
             SharedMemoryChannel in = SharedMemoryChannel.open(name, ChannelOptions.options().openOrCreate()
                     .receiver())) { // the default capacity, 1 MiB: more than the 4096 the channel has
            assertFalse(in.created());
            assertEquals(4096, in.capacity());
            assertTrue(out.offer(ByteBuffer.wrap(new byte[] {7})));
            assertEquals(1, in.poll(ByteBuffer.allocate(10)));
        }
        String bigger = names.name();
        try (SharedMemoryChannel in = SharedMemoryChannel.open(bigger, receiver().capacity(1 << 16));
             SharedMemoryChannel out = SharedMemoryChannel.open(bigger, sender())) {
            assertEquals(1 << 16, out.capacity());
        }
    }

    /**
     * A header whose capacity no channel is created with (below {@link ChannelOptions#MIN_CAPACITY}: a ring of 8
     * bytes has a maximum message of -4) is damage, refused at open, not a channel whose every send is an
     * IllegalArgumentException.
     */
    @Test
    void aHeaderWithACapacityNoChannelIsCreatedWithIsRefusedAtOpen() throws Exception {
        for (int capacity : new int[] {8, 16, 512, ChannelOptions.MIN_CAPACITY / 2}) {
            String name = names.name();
            try (PosixSharedMemory shm = PosixSharedMemory.open(name, PosixShmOptions.options().createNew()
                    .size(io.github.ipc4j.internal.ChannelLayout.size(capacity)))) {
                io.github.ipc4j.internal.ChannelLayout.initialize(shm.buffer(), capacity,
                        io.github.ipc4j.internal.ChannelLayout.WAITER_ADDRESS, 0);
                byte[] before = bytes(shm.buffer());
                for (ChannelOptions options : new ChannelOptions[] {ChannelOptions.options().sender(),
                        ChannelOptions.options().receiver()}) {
                    IpcException e = assertThrows(IpcException.class, () -> SharedMemoryChannel.open(name, options),
                            "capacity " + capacity);
                    assertTrue(e.getMessage().contains("damaged") && e.getMessage().contains("capacity " + capacity),
                            e.getMessage());
                }
                assertArrayEquals(before, bytes(shm.buffer()), "nothing was written");
            }
        }
    }

    @Test
    void sendingAndReceivingAllocateNothingOnceWarm() throws Exception {
        String name = names.name();
        try (SharedMemoryChannel out = SharedMemoryChannel.open(name, sender());
             SharedMemoryChannel in = SharedMemoryChannel.open(name, receiver())) {
            ByteBuffer src = ByteBuffer.allocateDirect(1000);
            ByteBuffer dst = ByteBuffer.allocateDirect(1000);
            ByteBuffer heap = ByteBuffer.allocate(1000);
            Duration timeout = Duration.ofSeconds(1);
            assertAllocatesNothing("channel", () -> {
                for (int i = 0; i < 20_000; i++) {
                    src.clear().limit(i % 1000);
                    out.send(src);
                    in.receive(dst.clear());
                    out.offer(heap.clear(), timeout);
                    in.poll(heap.clear(), timeout);
                    out.offer(src.clear());
                    in.poll(dst.clear());
                }
            });
        }
    }

    private static void assertAllZero(ByteBuffer buffer) {
        for (int i = 0; i < buffer.limit(); i++) {
            assertEquals(0, buffer.get(i), "byte " + i);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] all = new byte[buffer.remaining()];
        buffer.duplicate().get(all);
        return all;
    }
}
