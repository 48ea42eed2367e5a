package io.github.ipc4j.bench;

import java.util.List;

/** How long and how often each measurement runs, per mode. */
public enum Settings {
    /** One tiny iteration of everything, in the test JVM: proves each benchmark works (CI). */
    SMOKE(1, 0, 0, 0, 1, 40, List.of(8), 0, 40),
    /**
     * The default: a few minutes for everything. Three rounds, each shorter than the single run it replaced
     * (was 1 x 400 ms warm-up + 2 x 500 ms, C 300 + 1000 ms): a fork, a peer JVM and the JIT's warm-up cost
     * the same per round, so the measured time is what is cut. 1.5 s of warm-up: with 300 ms, ipc4j's
     * single-process System V send+receive measured 2,774 and 2,804 ns where 1.5 s (or 3 x 1 s) gave
     * 2,281-2,400, level with FFM's 2,210-2,553 (JMH, one fork each, 2026-12-01): its call chain is deeper
     * than an FFM downcall, and C2 had not finished it, so a short warm-up measured the JIT, not the call.
     * 500 ms measured is still 60,000+ round trips of a few microseconds. The fixed cost is paid three
     * times: a short run takes about 3 x as long as the single run it replaced; {@code --rounds=2} 2 x.
     */
    SHORT(3, 1, 1, 1500, 1, 500, List.of(8), 200, 600),
    /**
     * On request: five rounds, round trips at every size. A round is one fork of 2 x 1 s warm-up + 3 x 1 s
     * measured (C 1 + 3 s): the rounds are the repeated forks (the single run it replaced was 2 forks of
     * 3 x 1 s + 5 x 1 s, C 1 + 5 s), so a measurement takes about 1.6 x as long as before.
     */
    FULL(5, 1, 2, 1000, 3, 1000, List.of(8, 1024, 8192), 1000, 3000);

    /** The message sizes of the throughput runs: 8 B, 1 KiB, 8 KiB (POSIX mq's default msgsize_max). */
    public static final List<Integer> SIZES = List.of(8, 1024, 8192);

    /**
     * How often each measurement is repeated: each round measures every implementation of a (mechanism, kind,
     * size) once, in an order rotated per round, and the report pairs the implementations' rounds.
     */
    public final int rounds;
    public final int forks;
    public final int warmupIterations;
    public final int warmupMillis;
    public final int iterations;
    public final int iterationMillis;
    public final List<Integer> rttSizes;
    public final int cWarmupMillis;
    public final int cMeasureMillis;

    Settings(int rounds, int forks, int warmupIterations, int warmupMillis, int iterations, int iterationMillis,
             List<Integer> rttSizes, int cWarmupMillis, int cMeasureMillis) {
        this.rounds = rounds;
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
