package io.github.ipc4j.internal;

import java.util.Optional;

/**
 * Who holds an end of a channel, as one 64-bit word in its header: the process id in the high half and a
 * stamp of its start time in the low half, so that a pid the OS reused for a later process does not pass
 * for the dead one. 0 means nobody. Reading a process's start time allocates: called only after a wait
 * slice passed with nothing happening, never per message.
 */
public final class ChannelPeers {
    private static final long SELF = word(ProcessHandle.current());

    private ChannelPeers() {}

    /** This process's word. */
    public static long self() {
        return SELF;
    }

    public static long pid(long word) {
        return word >>> 32;
    }

    /** Whether the process a word names is still running (and is the same process, not a reused pid). */
    public static boolean alive(long word) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid(word));
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        int stamp = stamp(process.get());
        int recorded = (int) word;
        return stamp == 0 || recorded == 0 || stamp == recorded;
    }

    private static long word(ProcessHandle process) {
        return process.pid() << 32 | (stamp(process) & 0xffff_ffffL);
    }

    /** The start time in 10 ms units, never 0 (0: unknown). */
    private static int stamp(ProcessHandle process) {
        return process.info().startInstant().map(start -> (int) (start.toEpochMilli() / 10) | 1).orElse(0);
    }
}
