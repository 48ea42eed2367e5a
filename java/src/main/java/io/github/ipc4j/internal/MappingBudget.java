package io.github.ipc4j.internal;

import io.github.ipc4j.IpcException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * ipc4j's share of the process's memory mappings (native: ipc4j_map_budget.h). The kernel limits how many
 * mappings a process may have (Linux: vm.max_map_count), and the JVM ends the process when one of its own is
 * refused (a thread's stack, the heap growing): so the native layer refuses a mapping (shared memory, a System
 * V attachment, a named semaphore) that would leave the rest of the process less than a quarter of the limit,
 * answering {@link #SPENT}.
 */
public final class MappingBudget {
    /** What a native mapping call returns (as its negative result) when the budget is spent. */
    public static final int SPENT = -100006;
    private static final String LIMIT_FILE = "/proc/sys/vm/max_map_count";
    /** Waits after the collection, doubling from 10 ms: about 0.6 s in all. */
    private static final int RETRIES = 6;

    private MappingBudget() {}

    /**
     * Calls map (an address, or a negative error); when the budget is spent, asks the garbage collector to run
     * and tries again while cleaners run, for about 0.6 s: a closed object's mapping is given back only when the
     * collector finds the last buffer over it. An interrupt ends the retries (the interrupt stays set).
     */
    public static long map(LongSupplier map) {
        long address = map.getAsLong();
        for (int retry = 0; address == SPENT && retry < RETRIES; retry++) {
            if (retry == 0) {
                System.gc();
            }
            try {
                Thread.sleep(10L << retry);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            address = map.getAsLong();
        }
        return address;
    }

    /** The exception for a call refused because the budget is spent (errno: the call's negated result), or null. */
    public static IpcException refused(int errno, String call, String object) {
        if (errno != -SPENT) {
            return null;
        }
        String limit = KernelLimits.text(LIMIT_FILE);
        return Errors.limit(Errno.ENOMEM, call, object, "this process has " + mappings() + " memory mappings, "
                + "and one more would leave the rest of it (the JVM ends the process when one of its own mappings "
                + "is refused) less than a quarter of the kernel's limit: nothing was mapped. Each open shared "
                + "memory object, System V attachment and named semaphore is one; a closed object's mapping goes "
                + "when the garbage collector finds its last buffer", "vm.max_map_count (" + limit
                + " mappings per process)", KernelLimits.howToRaise(LIMIT_FILE));
    }

    private static String mappings() {
        try (Stream<String> lines = Files.lines(Paths.get("/proc/self/maps"))) {
            return Long.toString(lines.count());
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return "too many";
        }
    }
}
