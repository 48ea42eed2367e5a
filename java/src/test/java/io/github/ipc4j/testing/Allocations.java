package io.github.ipc4j.testing;

import java.lang.management.ManagementFactory;

/** The hot-path allocation check the tests share: a round of operations that allocates nothing once warm. */
public final class Allocations {
    private Allocations() {}

    /** A round of operations to measure. */
    public interface Round {
        void run() throws Exception;
    }

    /** Runs round until one pass allocates nothing on this thread (at most 5 passes: the first ones warm up). */
    public static void assertAllocatesNothing(String what, Round round) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int pass = 0; ; pass++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            round.run();
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (allocated == 0) {
                return;
            }
            if (pass == 4) {
                throw new AssertionError(what + ": " + allocated + " bytes allocated in a pass after warm-up");
            }
        }
    }

    /** The fewest bytes one pass of round allocated on this thread, over 3 passes (the first ones warm up). */
    public static long leastAllocatedBytes(Round round) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long least = Long.MAX_VALUE;
        for (int pass = 0; pass < 3; pass++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            round.run();
            least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
        }
        return least;
    }
}
