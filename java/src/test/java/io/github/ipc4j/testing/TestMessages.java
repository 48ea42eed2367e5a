package io.github.ipc4j.testing;

import java.util.Arrays;

/**
 * The deterministic messages the C peers exchange (native/test/common/ipc4j_test.c, ipc4j_test_message):
 * index i in the first 4 bytes (big-endian), then a pattern from i; 4 to maxLength bytes long.
 */
public final class TestMessages {
    private TestMessages() {}

    public static byte[] make(int i, int maxLength) {
        long spread = (i & 0xFFFFFFFFL) * 2654435761L & 0xFFFFFFFFL;
        int length = (int) Math.min(4 + spread % (maxLength - 3), maxLength);
        byte[] m = new byte[length];
        m[0] = (byte) (i >>> 24);
        m[1] = (byte) (i >>> 16);
        m[2] = (byte) (i >>> 8);
        m[3] = (byte) i;
        for (int j = 4; j < length; j++) {
            m[j] = (byte) (i * 31 + j);
        }
        return m;
    }

    /** The index of a well-formed message, or -1. */
    public static int index(byte[] message, int length, int maxLength) {
        if (length < 4) {
            return -1;
        }
        int i = (message[0] & 0xFF) << 24 | (message[1] & 0xFF) << 16 | (message[2] & 0xFF) << 8 | message[3] & 0xFF;
        byte[] expected = make(i, maxLength);
        return Arrays.equals(expected, 0, expected.length, message, 0, length) ? i : -1;
    }
}
