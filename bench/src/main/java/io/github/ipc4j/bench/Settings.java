package io.github.ipc4j.bench;

import java.util.List;

/** How long and how often each measurement runs, per mode. */
public enum Settings {
    /** One tiny iteration of everything, in the test JVM: proves each benchmark works (CI). */
    SMOKE(0, 0, 0, 1, 40, List.of(8), 0, 40),
    /** The default: a few minutes for everything. */
    SHORT(1, 1, 400, 2, 500, List.of(8), 300, 1000),
    /** On request: more forks and iterations, round trips at every size. */
    FULL(2, 3, 1000, 5, 1000, List.of(8, 1024, 8192), 1000, 5000);

    /** The message sizes of the throughput runs: 8 B, 1 KiB, 8 KiB (POSIX mq's default msgsize_max). */
    public static final List<Integer> SIZES = List.of(8, 1024, 8192);

    public final int forks;
    public final int warmupIterations;
    public final int warmupMillis;
    public final int iterations;
    public final int iterationMillis;
    public final List<Integer> rttSizes;
    public final int cWarmupMillis;
    public final int cMeasureMillis;

    Settings(int forks, int warmupIterations, int warmupMillis, int iterations, int iterationMillis,
             List<Integer> rttSizes, int cWarmupMillis, int cMeasureMillis) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.iterations = iterations;
        this.iterationMillis = iterationMillis;
        this.rttSizes = rttSizes;
        this.cWarmupMillis = cWarmupMillis;
        this.cMeasureMillis = cMeasureMillis;
    }

    public List<Integer> sizes(Kind kind) {
        switch (kind) {
            case RTT:
                return rttSizes;
            case TPUT:
                return SIZES;
            default:
                return List.of(8);
        }
    }
}
