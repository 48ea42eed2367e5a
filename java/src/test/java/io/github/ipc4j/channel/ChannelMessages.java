package io.github.ipc4j.channel;

import java.nio.ByteBuffer;

/**
 * Test messages whose length and every byte follow from (stream, sequence number): a receiver regenerates
 * what it expects and compares, so a lost, duplicated, reordered or torn message cannot pass. The first 8
 * bytes (when there are 8) hold the sequence number, for the failure message.
 */
final class ChannelMessages {
    private ChannelMessages() {}

    static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
        x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }

    /**
     * 1 to max bytes: every 1000th message is max long, the next 1 byte; the others spread evenly over the
     * orders of magnitude between (log-uniform), so short and long messages both come often.
     */
    static int length(long stream, long seq, int max) {
        if (seq % 1000 == 0) {
            return max;
        }
        if (seq % 1000 == 1) {
            return 1;
        }
        double u = (mix(stream * 0x9E3779B97F4A7C15L + seq) >>> 11) * 0x1.0p-53;
        return (int) Math.max(1, Math.min(max, Math.round(Math.exp(u * Math.log(max)))));
    }

    /** Fills buffer [0, length) with the message, position 0, limit length. */
    static void fill(ByteBuffer buffer, long stream, long seq, int length) {
        buffer.clear().limit(length);
        long base = mix(stream ^ (seq << 20));
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            buffer.putLong(i, i == 0 ? seq : base + i * 0x9E3779B97F4A7C15L);
        }
        for (; i < length; i++) {
            buffer.put(i, (byte) (base >>> (i & 7) * 8 ^ i));
        }
    }

    /** Checks that got [0, position) is message seq of stream; expected is scratch space of max bytes. */
    static void verify(ByteBuffer got, ByteBuffer expected, long stream, long seq, int max) {
        int length = length(stream, seq, max);
        if (got.position() != length) {
            throw new AssertionError("stream " + stream + " message " + seq + ": " + got.position()
                    + " bytes, expected " + length + describe(got));
        }
        fill(expected, stream, seq, length);
        int mismatch = got.duplicate().flip().mismatch(expected);
        if (mismatch != -1) {
            throw new AssertionError("stream " + stream + " message " + seq + " (" + length
                    + " bytes) differs at byte " + mismatch + describe(got));
        }
    }

    private static String describe(ByteBuffer got) {
        return got.position() >= 8 ? " (it carries sequence number " + got.getLong(0) + ")" : "";
    }

    /** This process's CPU time (user + system) from /proc/self/stat, in clock ticks. */
    static long processCpuTicks() throws java.io.IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime: fields 14 and 15
    }
}
