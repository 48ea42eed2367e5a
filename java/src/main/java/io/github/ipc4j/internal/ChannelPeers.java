package io.github.ipc4j.internal;

import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.Platform;

import java.util.Optional;

/**
 * Who holds an end of a channel, as one 64-bit word in its header: the process id in the high half and a
 * stamp of its start time in the low half, so that a pid the OS reused for a later process does not pass
 * for the dead one. 0 means nobody. A process is dead when it is gone or its pid now names a process that
 * started at another time; a slow process (emulated, stopped, swapped out) is never taken for dead.
 *
 * <p>The stamp must come out the same whoever computes it, the process itself or its peer. On Linux it is
 * the start time in clock ticks since boot from {@code /proc/PID/task/PID/stat} (the main thread's entry):
 * not {@code /proc/PID/stat}, which an emulator (qemu-user) rewrites for the process reading its own, with
 * a start time of its own making, ticks later than the kernel's, so that the peer, which reads the
 * kernel's, took a live process for a dead one. Elsewhere: the start instant the OS reports
 * (ProcessHandle.Info). Reading it allocates: called at open and after a wait slice passed with nothing
 * happening, never per message.
 */
public final class ChannelPeers {
    private static final boolean PROC = Platform.os() == OperatingSystem.LINUX;
    private static final long SELF = word(ProcessHandle.current().pid());

    private ChannelPeers() {}

    /** This process's word. */
    public static long self() {
        return SELF;
    }

    public static long pid(long word) {
        return word >>> 32;
    }

    /**
     * Whether the process a word names is still running (and is the same process, not a reused pid). On Linux one
     * read of its stat file answers (gone, or a zombie: dead); a waiting end asks ten times a second, so the
     * answer is kept cheap (three reads and ProcessHandle's parsing, mostly interpreted at that rate, took a
     * waiting thread to 0.7-0.9 % of a CPU).
     */
    public static boolean alive(long word) {
        long pid = pid(word);
        int recorded = (int) word;
        if (PROC) {
            long ticks = procStartTicks(pid);
            return ticks >= 0 && (recorded == 0 || stampOf(ticks) == recorded);
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        int stamp = stamp(pid);
        return stamp == 0 || recorded == 0 || stamp == recorded;
    }

    /** The word of process pid: pid and start stamp (what {@link #alive} compares). */
    public static long word(long pid) {
        return pid << 32 | (stamp(pid) & 0xffff_ffffL);
    }

    /** The start stamp, never 0 (0: unknown, or the process is gone). */
    static int stamp(long pid) {
        if (PROC) {
            long ticks = procStartTicks(pid);
            return ticks < 0 ? 0 : stampOf(ticks);
        }
        return ProcessHandle.of(pid).flatMap(p -> p.info().startInstant())
                .map(start -> (int) (start.toEpochMilli() / 10) | 1).orElse(0);
    }

    private static int stampOf(long ticks) {
        return (int) ticks == 0 ? 1 : (int) ticks;
    }

    /**
     * The main thread's start time in clock ticks, or -1 when its stat cannot be read or the process no longer
     * runs ({@link ProcStat#runs}).
     */
    private static long procStartTicks(long pid) {
        ProcStat stat = ProcStat.read("/proc/" + pid + "/task/" + pid + "/stat");
        return stat == null || !stat.runs() ? -1 : stat.startTicks();
    }
}
