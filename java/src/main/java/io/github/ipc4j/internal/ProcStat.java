package io.github.ipc4j.internal;

import java.io.FileInputStream;
import java.io.IOException;

/**
 * The fields ipc4j reads of a Linux stat file ({@code /proc/PID/stat}, {@code /proc/PID/task/TID/stat}): the
 * state (field 3), the process's thread count (field 20) and the start time in clock ticks after boot (field
 * 22). One read of the file; a channel end that waits reads its peer's ten times a second.
 */
record ProcStat(char state, long threads, long startTicks) {
    /** The stat file at path, or null when it cannot be read (no such process) or is not a stat line. */
    static ProcStat read(String path) {
        byte[] stat;
        try (FileInputStream in = new FileInputStream(path)) {
            stat = in.readAllBytes();
        } catch (IOException | SecurityException e) {
            return null;
        }
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so count from the last ')'. Scanned
        // by hand: String.split's copies cost a waiting channel end a tenth more CPU (interpreted at ten a second)
        int at = stat.length - 1;
        while (at >= 0 && stat[at] != ')') {
            at--;
        }
        at += 2;
        if (at < 2 || at >= stat.length) {
            return null;
        }
        char state = (char) stat[at];
        long threads = -1;
        for (int field = 3; field < 22 && at < stat.length; field++) {
            while (at < stat.length && stat[at] != ' ') {
                at++;
            }
            at++;
            if (field + 1 == 20) {
                threads = number(stat, at);
            }
        }
        long startTicks = number(stat, at);
        return threads < 0 || startTicks < 0 ? null : new ProcStat(state, threads, startTicks);
    }

    /** The decimal number at stat[at], or -1 when there is none. */
    private static long number(byte[] stat, int at) {
        long value = 0;
        int digits = 0;
        for (; at < stat.length && stat[at] >= '0' && stat[at] <= '9' && digits < 19; at++, digits++) {
            value = value * 10 + (stat[at] - '0');
        }
        return digits == 0 ? -1 : value;
    }

    /**
     * Whether the process still runs: not dead (X), and not a zombie (Z, killed and not yet reaped by its
     * parent), unless the zombie is only its main thread (which called pthread_exit) and other threads run on.
     * Meaningful for the main thread's stat, whose thread count is the process's.
     */
    boolean runs() {
        return state != 'X' && (state != 'Z' || threads > 1);
    }
}
