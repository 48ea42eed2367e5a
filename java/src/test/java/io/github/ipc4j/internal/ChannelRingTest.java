package io.github.ipc4j.internal;

import io.github.ipc4j.IpcException;
import io.github.ipc4j.MessageChannel;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records a sender never writes, placed in the ring with valid checks: the receiver calls them damage. */
class ChannelRingTest {
    private static final int CAPACITY = 4096;

    private static final AddressWaiter NEVER_SLEEPS = new AddressWaiter() {
        @Override
        public boolean await(long offset, int expected, long timeoutNanos) {
            return false;
        }

        @Override
        public void wake(long offset) {
        }
    };

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteBufferViewVarHandle(
            long[].class, ByteOrder.nativeOrder());

    /** A ring whose head and tail stand at position, with header words put at the given ring offsets. */
    private static ByteBuffer ringAt(long position) {
        ByteBuffer ring = ByteBuffer.allocateDirect(ChannelLayout.DATA + CAPACITY).order(ByteOrder.nativeOrder());
        ChannelLayout.initialize(ring, CAPACITY, 0, 0);
        ring.putLong(ChannelLayout.HEAD, position);
        ring.putLong(ChannelLayout.TAIL, position);
        return ring;
    }

    private static ChannelRing receiver(ByteBuffer ring) throws IpcException {
        return end(ring, false);
    }

    private static ChannelRing end(ByteBuffer ring, boolean sender) throws IpcException {
        return new ChannelRing(ring, (at, expected, value) -> LONGS.compareAndSet(ring, (int) at, expected, value),
                CAPACITY, NEVER_SLEEPS, new NativeHandle("test ring", () -> { }), sender, 0, "test ring");
    }

    /**
     * The sender writes into free space ahead of its tail (it takes the cache lines of its next record); with
     * the ring filled to the last byte again and again, at every offset and with messages of every length, no
     * byte a receiver has yet to read is touched: every message comes back whole (none of its bytes is zero,
     * the value the sender writes ahead).
     */
    @Test
    void whatTheSenderWritesAheadOfItsTailNeverReachesAMessageNotYetReceived() throws Exception {
        ByteBuffer ring = ringAt(0);
        ChannelRing sender = end(ring, true);
        ChannelRing receiver = receiver(ring);
        java.util.Random random = new java.util.Random(14);
        java.util.ArrayDeque<byte[]> inRing = new java.util.ArrayDeque<>();
        ByteBuffer dst = ByteBuffer.allocate(sender.maxMessage());
        for (int step = 0; step < 200_000; step++) {
            if (random.nextInt(3) != 0) {
                byte[] message = new byte[random.nextInt(random.nextBoolean() ? 200 : sender.maxMessage() + 1)];
                for (int i = 0; i < message.length; i++) {
                    message[i] = (byte) (1 + random.nextInt(255));
                }
                if (sender.send(ByteBuffer.wrap(message), Deadline.NOW)) {
                    inRing.add(message);
                }
            } else if (!inRing.isEmpty()) {
                byte[] expected = inRing.remove();
                assertEquals(expected.length, receiver.receive(dst.clear(), Deadline.NOW), "length at step " + step);
                assertEquals(ByteBuffer.wrap(expected), dst.flip(), "the bytes of a message at step " + step);
            }
        }
        assertTrue(ring.getLong(ChannelLayout.TAIL) > 100L * CAPACITY, "the ring went round many times");
    }

    @Test
    void aPadAtTheStartOfTheRingAfterAPadAtItsEndIsDamageNotAMessageOfLengthMinusOne() throws Exception {
        long head = CAPACITY - 16;
        ByteBuffer ring = ringAt(head);
        ring.putLong(ChannelLayout.DATA + (int) head, ChannelLayout.header(ChannelLayout.PAD, head));
        ring.putLong(ChannelLayout.DATA, ChannelLayout.header(ChannelLayout.PAD, CAPACITY));
        ring.putLong(ChannelLayout.TAIL, 2L * CAPACITY);
        ByteBuffer dst = ByteBuffer.allocate(CAPACITY);
        IpcException e = assertThrows(IpcException.class, () -> receiver(ring).receive(dst, Deadline.NOW));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        assertEquals(0, dst.position(), "nothing handed out");
    }

    @Test
    void aPadFollowedByARecordAtTheStartIsReceivedAsThatRecord() throws Exception {
        long head = CAPACITY - 16;
        ByteBuffer ring = ringAt(head);
        ring.putLong(ChannelLayout.DATA + (int) head, ChannelLayout.header(ChannelLayout.PAD, head));
        ring.putLong(ChannelLayout.DATA, ChannelLayout.header(3, CAPACITY));
        ring.put(ChannelLayout.DATA + ChannelLayout.RECORD_HEADER, (byte) 7);
        ring.putLong(ChannelLayout.TAIL, CAPACITY + 16);
        ByteBuffer dst = ByteBuffer.allocate(16);
        ChannelRing receiver = receiver(ring);
        assertEquals(3, receiver.receive(dst, Deadline.NOW));
        assertEquals(7, dst.get(0));
        assertEquals(CAPACITY + 16, ring.getLong(ChannelLayout.HEAD));
        assertEquals(MessageChannel.NO_MESSAGE, receiver.receive(dst.clear(), Deadline.NOW));
    }
}
