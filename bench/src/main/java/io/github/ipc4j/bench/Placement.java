package io.github.ipc4j.bench;

import com.sun.jna.Native;

import java.util.Locale;

/**
 * Where the two processes of a measurement run, the same for C and Java (ipc4j-cbench takes the same
 * word in CBENCH_CPUS). On a virtual machine a wake-up that crosses to an idle CPU costs tens of
 * microseconds of the hypervisor's time, which would drown what the implementations differ in, and the
 * scheduler places a C pair and a JVM pair differently; so by default both measuring threads share one
 * CPU (SAME). SPREAD puts them on CPUs 0 and 1 (what the spin handshake needs); NONE leaves it to the
 * scheduler. Only the measuring threads are pinned: a JVM's compiler and GC threads run anywhere.
 */
public enum Placement {
    SAME(0, 0),
    SPREAD(0, 1),
    NONE(-1, -1);

    /** System property (and run.sh option) naming the placement. */
    public static final String PROPERTY = "ipc4j.bench.cpus";

    private final int cpuA;
    private final int cpuB;

    Placement(int cpuA, int cpuB) {
        this.cpuA = cpuA;
        this.cpuB = cpuB;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Placement current() {
        return valueOf(System.getProperty(PROPERTY, "same").toUpperCase(Locale.ROOT));
    }

    /** The placement for mechanism: SAME becomes SPREAD where the two sides must run at once (spin). */
    public static Placement of(Mechanism mechanism) {
        Placement p = current();
        return p == SAME && mechanism.needsTwoCpus() ? SPREAD : p;
    }

    /** Pins the calling thread to side's CPU (a no-op for NONE, or with fewer than two CPUs for SPREAD). */
    public void pin(Side side) {
        int cpu = side == Side.A ? cpuA : cpuB;
        if (cpu < 0 || cpu >= Runtime.getRuntime().availableProcessors()) {
            return;
        }
        long[] mask = { 1L << cpu };
        if (Affinity.sched_setaffinity(0, 8, mask) != 0) {
            throw new IllegalStateException("sched_setaffinity(cpu " + cpu + ") failed: errno " + Native.getLastError());
        }
    }

    private static final class Affinity {
        static {
            Native.register(Affinity.class, "c");
        }

        static native int sched_setaffinity(int pid, long size, long[] mask);
    }
}
