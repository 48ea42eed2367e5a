package io.github.ipc4j.posix;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/** The kernel's limits and defaults for POSIX message queues, from /proc/sys/fs/mqueue (Linux). */
final class PosixMqLimits {
    static final String DIR = "/proc/sys/fs/mqueue/";
    static final String MSG_MAX = DIR + "msg_max";
    static final String MSGSIZE_MAX = DIR + "msgsize_max";
    static final String MSG_DEFAULT = DIR + "msg_default";
    static final String MSGSIZE_DEFAULT = DIR + "msgsize_default";
    static final String QUEUES_MAX = DIR + "queues_max";

    private PosixMqLimits() {}

    /** The value in the file, or fallback when it cannot be read. */
    static long read(String file, long fallback) {
        // one read with room to spare: a sysctl file read a byte at a time ends after the first byte
        byte[] buf = new byte[64];
        try (InputStream in = Files.newInputStream(Paths.get(file))) {
            int n = in.read(buf);
            return Long.parseLong(new String(buf, 0, Math.max(n, 0), StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException | SecurityException e) {
            return fallback;
        }
    }

    /** The sysctl that sets a /proc/sys/fs/mqueue file. */
    static String sysctl(String file) {
        return "sysctl -w fs.mqueue." + file.substring(DIR.length()) + "=<higher> (root), or write the value to "
                + file;
    }

    /** Throws IllegalArgumentException when value exceeds the limit in file. */
    static void check(String what, long value, String file, long fallback) {
        long limit = read(file, fallback);
        if (value > limit) {
            throw new IllegalArgumentException(what + " " + value + " exceeds the kernel limit " + limit + " in "
                    + file + "; raise it with " + sysctl(file));
        }
    }
}
