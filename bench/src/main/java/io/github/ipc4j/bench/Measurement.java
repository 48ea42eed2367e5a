package io.github.ipc4j.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One result of the suite, from JMH or from ipc4j-cbench: which mechanism, kind, implementation and size,
 * and the numbers that kind has (NaN where it has none). A skipped measurement carries a note instead.
 * Measured in rounds ({@link Settings#rounds}), it is the combination of its {@link #rounds}, each a
 * Measurement of its own.
 */
public final class Measurement {
    public final String mechanism;
    public final Kind kind;
    public final Impl impl;
    public final int size;
    /** RTT: median and 99th percentile, nanoseconds. */
    public double medianNs = Double.NaN;
    public double p99Ns = Double.NaN;
    /** RTT: 99.9th percentile, nanoseconds. */
    public double p999Ns = Double.NaN;
    /** TPUT: messages per second. */
    public double messagesPerSecond = Double.NaN;
    /** SINGLE: nanoseconds per send+receive; PLATFORM, VIRTUAL: mean nanoseconds per round trip. */
    public double nsPerOp = Double.NaN;
    /** IDLE: the waiting thread's CPU time over the wall time (1: one CPU busy all along). */
    public double cpuShare = Double.NaN;
    /** IDLE: the whole process's CPU time over the wall time. */
    public double processCpuShare = Double.NaN;
    /** JMH's gc profiler: bytes allocated per operation (Java only). */
    public double bytesPerOp = Double.NaN;
    /** Why it was not measured, or null. */
    public String skipped;
    /** Why its measurement failed (the whole chain of causes), or null. Combined: only when every round failed. */
    public String failed;
    /** Which round this is (0, 1, ...), or -1 for a measurement that is not one round of several. */
    public final int round;
    /**
     * A combined measurement's rounds, in round order (index = round), the failed ones included; empty for
     * one measured once outside the rounds (and for a round itself).
     */
    public final List<Measurement> rounds = new ArrayList<>();

    public Measurement(String mechanism, Kind kind, Impl impl, int size) {
        this(mechanism, kind, impl, size, -1);
    }

    private Measurement(String mechanism, Kind kind, Impl impl, int size, int round) {
        this.mechanism = mechanism;
        this.kind = kind;
        this.impl = impl;
        this.size = size;
        this.round = round;
    }

    /** A new, empty measurement of the same thing: its round r (0-based). */
    public Measurement round(int r) {
        return new Measurement(mechanism, kind, impl, size, r);
    }

    /**
     * The combination of rounds (each a {@link #round(int)} of one planned measurement, in round order): each
     * number is the median over the rounds that were measured, bytes per operation the largest; failed only
     * when no round was measured (then with every round's cause).
     */
    public static Measurement combine(List<Measurement> rounds) {
        Measurement first = rounds.get(0);
        Measurement c = new Measurement(first.mechanism, first.kind, first.impl, first.size);
        c.rounds.addAll(rounds);
        List<Measurement> ok = new ArrayList<>();
        for (Measurement r : rounds) {
            if (r.measured()) {
                ok.add(r);
            }
        }
        if (ok.isEmpty()) {
            StringBuilder why = new StringBuilder();
            for (Measurement r : rounds) {
                why.append(why.length() == 0 ? "" : "\n").append(rounds.size() == 1 ? "" : "round " + (r.round + 1) + ": ")
                        .append(r.failed != null ? r.failed : r.skipped != null ? "skipped: " + r.skipped : "no result");
            }
            c.failed = why.toString();
            return c;
        }
        c.medianNs = Rounds.median(ok, m -> m.medianNs);
        c.p99Ns = Rounds.median(ok, m -> m.p99Ns);
        c.p999Ns = Rounds.median(ok, m -> m.p999Ns);
        c.messagesPerSecond = Rounds.median(ok, m -> m.messagesPerSecond);
        c.nsPerOp = Rounds.median(ok, m -> m.nsPerOp);
        c.cpuShare = Rounds.median(ok, m -> m.cpuShare);
        c.processCpuShare = Rounds.median(ok, m -> m.processCpuShare);
        for (Measurement r : ok) {
            if (!Double.isNaN(r.bytesPerOp) && !(r.bytesPerOp <= c.bytesPerOp)) {
                c.bytesPerOp = r.bytesPerOp; // NaN until the first, then the largest
            }
        }
        return c;
    }

    /** The rounds that failed (each with its cause), in round order. */
    public List<Measurement> failedRounds() {
        List<Measurement> failed = new ArrayList<>();
        for (Measurement r : rounds) {
            if (r.failed != null) {
                failed.add(r);
            }
        }
        return failed;
    }

    /** The headline number: RTT median, TPUT messages/s, SINGLE, PLATFORM and VIRTUAL ns/op, IDLE CPU share. */
    public double value() {
        switch (kind) {
            case RTT:
                return medianNs;
            case TPUT:
                return messagesPerSecond;
            case IDLE:
                return cpuShare;
            default:
                return nsPerOp;
        }
    }

    public boolean measured() {
        return skipped == null && failed == null && !Double.isNaN(value());
    }

    @Override
    public String toString() {
        if (skipped != null) {
            return "skipped: " + skipped;
        }
        if (failed != null) {
            return "FAILED: " + failed;
        }
        switch (kind) {
            case RTT:
                return String.format("median %.2f us, p99 %.2f us, p99.9 %.2f us%s", medianNs / 1e3, p99Ns / 1e3,
                        p999Ns / 1e3, alloc());
            case TPUT:
                return String.format("%,.0f msg/s, %.1f MB/s%s", messagesPerSecond, messagesPerSecond * size / 1e6,
                        alloc());
            case PLATFORM:
            case VIRTUAL:
                return String.format("%.1f ns per round trip (mean)%s", nsPerOp, alloc());
            case IDLE:
                return String.format("waiting thread %.1f %% of a CPU, its process %.1f %%", 100 * cpuShare,
                        100 * processCpuShare);
            default:
                return String.format("%.1f ns per send+receive%s", nsPerOp, alloc());
        }
    }

    private String alloc() {
        return Double.isNaN(bytesPerOp) ? "" : String.format(", %.2f B/op", bytesPerOp);
    }
}
