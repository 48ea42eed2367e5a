package io.github.ipc4j.aeron;

import java.nio.ByteBuffer;

/**
 * The second JVM of the Aeron tests: {@code AeronSender CHANNEL ACK_CHANNEL STREAM COUNT SEED AERON_DIR} sends
 * COUNT messages (see {@link #fill}) on CHANNEL through its own media driver, then waits for the receiver's
 * acknowledgement on ACK_CHANNEL.
 */
public final class AeronSender {
    /** The longest test message (1 to MAX bytes). */
    static final int MAX = 4096;

    private AeronSender() {}

    /** Message seq of a run: 1 to max bytes, seq in the first 8 when it has 8, the rest from (seed, seq, index). */
    static int fill(ByteBuffer buffer, long seed, long seq, int max) {
        long h = (seed + seq) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        int length = seq % 997 == 0 ? max : 1 + (int) Long.remainderUnsigned(h, seq % 3 == 0 ? max : 64);
        buffer.clear().limit(length);
        for (int i = 0; i < length; i++) {
            buffer.put(i, (byte) (h >>> ((i & 7) << 3) ^ i));
        }
        if (length >= 8) {
            buffer.putLong(0, seq);
        }
        return length;
    }

    public static void main(String[] args) throws Exception {
        int stream = Integer.parseInt(args[2]);
        long count = Long.parseLong(args[3]);
        long seed = Long.parseLong(args[4]);
        try (AeronChannel out = AeronChannel.open(args[0], stream,
                AeronChannelOptions.options().sender().aeronDirectory(args[5]).maxMessageSize(MAX));
             AeronChannel done = AeronChannel.open(args[1], stream,
                     AeronChannelOptions.options().receiver().aeronDirectory(args[5]))) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(out.maxMessageSize());
            for (long seq = 0; seq < count; seq++) {
                fill(buffer, seed, seq, out.maxMessageSize());
                out.send(buffer);
            }
            done.receive(ByteBuffer.allocate(16)); // the receiver has them all
        }
    }
}
