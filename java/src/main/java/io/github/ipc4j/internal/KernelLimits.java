package io.github.ipc4j.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/** Kernel limits as Linux shows them in /proc/sys, and how to name them in errors. */
public final class KernelLimits {
    private static final String PROC_SYS = "/proc/sys/";

    private KernelLimits() {}

    /** The number in a /proc/sys file, or fallback when it cannot be read (another OS, no /proc). */
    public static long read(String file, long fallback) {
        String text = text(file);
        try {
            return text == null ? fallback : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
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

    /** How to raise the limit in a /proc/sys file: "sysctl -w kernel.msgmnb=<higher> (root), or write ...". */
    public static String howToRaise(String file) {
        String key = file.startsWith(PROC_SYS) ? file.substring(PROC_SYS.length()).replace('/', '.') : file;
        return "sysctl -w " + key + "=<higher> (root), or write the value to " + file;
    }
}
