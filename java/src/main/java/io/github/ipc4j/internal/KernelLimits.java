package io.github.ipc4j.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/** Kernel limits as Linux shows them in /proc/sys, and how to name them in errors. */
public final class KernelLimits {
    private static final String PROC_SYS = "/proc/sys/";
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private KernelLimits() {}

    /** The number in a /proc/sys file, or fallback when it cannot be read (another OS, no /proc). */
    public static long read(String file, long fallback) {
        long[] numbers = numbers(file);
        return numbers == null || numbers.length != 1 ? fallback : numbers[0];
    }

    /**
     * The numbers in a /proc/sys file (kernel.sem holds four), each clamped to Long.MAX_VALUE (kernel.shmmax and
     * kernel.shmall default to nearly 2^64); null when it cannot be read or holds anything else.
     */
    public static long[] numbers(String file) {
        String text = text(file);
        if (text == null || text.isEmpty()) {
            return null;
        }
        String[] fields = text.split("\\s+");
        long[] numbers = new long[fields.length];
        try {
            for (int i = 0; i < fields.length; i++) {
                numbers[i] = new BigInteger(fields[i]).min(LONG_MAX).longValue();
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return numbers;
    }

    /** The trimmed text of a /proc/sys file (kernel.sem holds four numbers), or null when it cannot be read. */
    public static String text(String file) {
        // one read with room to spare: a sysctl file read a byte at a time ends after the first byte
        byte[] buf = new byte[256];
        try (InputStream in = Files.newInputStream(Paths.get(file))) {
            int n = in.read(buf);
            return new String(buf, 0, Math.max(n, 0), StandardCharsets.US_ASCII).trim();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** The sysctl name of a /proc/sys file: kernel.msgmnb for /proc/sys/kernel/msgmnb. */
    public static String sysctlName(String file) {
        return file.startsWith(PROC_SYS) ? file.substring(PROC_SYS.length()).replace('/', '.') : file;
    }

    /** How to raise the limit in a /proc/sys file: "sysctl -w kernel.msgmnb=<higher> (root), or write ...". */
    public static String howToRaise(String file) {
        return "sysctl -w " + sysctlName(file) + "=<higher> (root), or write the value to " + file;
    }

    /** The /proc/sys file of a sysctl name: /proc/sys/kernel/msgmnb for kernel.msgmnb. */
    public static String file(String sysctlName) {
        return PROC_SYS + sysctlName.replace('.', '/');
    }
}
