package io.github.ipc4j.sysv;

import io.github.ipc4j.KernelLimit;
import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.Platform;

import io.github.ipc4j.internal.KernelLimits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;

/**
 * The kernel's limits on System V semaphores. Linux keeps four in /proc/sys/kernel/sem (SEMMSL SEMMNS
 * SEMOPM SEMMNI, set together with sysctl kernel.sem); macOS has them as sysctl kern.sysv.*. SEMVMX, the
 * largest value, is fixed at 32767 on both.
 */
final class SysvSemLimits {
    /** The largest value a semaphore holds (SEMVMX), and the largest change one operation makes. */
    static final int SEMVMX = 32767;

    static final String LINUX_FILE = "/proc/sys/kernel/sem";

    /** The four limits, in /proc/sys/kernel/sem's order. */
    enum Limit {
        SEMMSL("semaphores in one set", "semmsl"),
        SEMMNS("semaphores in all sets of the system", "semmns"),
        SEMOPM("operations in one semop call", "semopm"),
        SEMMNI("semaphore sets in the system", "semmni");

        final String meaning;
        final String macName;

        Limit(String meaning, String macName) {
            this.meaning = meaning;
            this.macName = macName;
        }

        /** The limit now, or -1 where it cannot be read (macOS: the kernel's error names it). */
        long value() {
            long[] all = read();
            return all == null ? -1 : all[ordinal()];
        }

        /** "SEMMSL (semaphores in one set, 32000; the 1st field of /proc/sys/kernel/sem)". */
        String describe() {
            long value = value();
            String now = value >= 0 ? ", " + value : "";
            if (Platform.os() == OperatingSystem.MACOS) {
                return name() + " (" + meaning + now + "; sysctl kern.sysv." + macName + ")";
            }
            return name() + " (" + meaning + now + "; field " + (ordinal() + 1) + " of " + LINUX_FILE + ")";
        }

        /** The command that raises it, with the other three limits kept as they are. */
        String howToRaise() {
            if (Platform.os() == OperatingSystem.MACOS) {
                return "sysctl -w kern.sysv." + macName + "=<higher> (root; on recent macOS in a boot-time setting)";
            }
            return KernelLimit.valueOf(name()).howToRaise();
        }

        /** Throws IllegalArgumentException when value exceeds the limit (where it can be read). */
        void check(String what, long value) {
            long limit = value();
            if (limit >= 0 && value > limit) {
                throw new IllegalArgumentException(what + " " + value + " exceeds the kernel limit " + describe()
                        + "; to raise it: " + howToRaise());
            }
        }
    }

    private SysvSemLimits() {}

    /**
     * After semget's ENOSPC for a set of count semaphores: which of SEMMNI and SEMMNS the sets that exist
     * (/proc/sysvipc/sem) have reached, or null where that cannot be told.
     */
    static Limit exhausted(int count) {
        long[] limits = read();
        List<String> lines;
        try {
            lines = Files.readAllLines(Paths.get("/proc/sysvipc/sem"), StandardCharsets.US_ASCII);
        } catch (IOException | SecurityException e) {
            return null;
        }
        if (limits == null || lines.isEmpty()) {
            return null;
        }
        long sets = lines.size() - 1;
        long semaphores = 0;
        try {
            for (String line : lines.subList(1, lines.size())) {
                semaphores += Long.parseLong(line.trim().split("\\s+")[3]);
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
        if (sets >= limits[Limit.SEMMNI.ordinal()]) {
            return Limit.SEMMNI;
        }
        return semaphores + count > limits[Limit.SEMMNS.ordinal()] ? Limit.SEMMNS : null;
    }

    /** The four values of /proc/sys/kernel/sem, or null where there is no such file. */
    static long[] read() {
        long[] values = KernelLimits.numbers(LINUX_FILE);
        return values != null && values.length == Limit.values().length ? values : null;
    }
}
