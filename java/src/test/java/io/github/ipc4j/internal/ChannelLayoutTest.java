package io.github.ipc4j.internal;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The record header word: what the receiver loads is what the layout says, and never the empty slot's zero. */
class ChannelLayoutTest {
    @Test
    void aHeaderWordReadsAsTheLayoutsIntLengthThenIntCheck() {
        long position = 0x1234_5678_9a0L;
        long word = ChannelLayout.header(1000, position);
        ByteBuffer bytes = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, word);
        assertEquals(1000, bytes.getInt(0));
        assertEquals(ChannelLayout.check(position, 1000), bytes.getInt(4));
        assertEquals(1000, ChannelLayout.length(word));
        assertEquals(ChannelLayout.check(position, 1000), ChannelLayout.checkOf(word));
        assertEquals(ChannelLayout.PAD, ChannelLayout.length(ChannelLayout.header(ChannelLayout.PAD, position)));
    }

    @Test
    void anEmptyMessagesHeaderIsNeverZeroEvenWhereItsPositionCancelsTheCheckConstant() {
        long cancelling = (long) ChannelLayout.CHECK << 3; // length 0 ^ (position >>> 3) ^ CHECK == 0 without the top bit
        for (long lap = 0; lap < 4; lap++) {
            long position = cancelling + (lap << 35);
            assertNotEquals(0L, ChannelLayout.header(0, position), "position " + position);
        }
    }
}
