package io.github.ipc4j.bench;

/**
 * One result of the suite, from JMH or from ipc4j-cbench: which mechanism, kind, implementation and size,
 * and the numbers that kind has (NaN where it has none). A skipped measurement carries a note instead.
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
    /** JMH's gc profiler: bytes allocated per operation (Java only). */
    public double bytesPerOp = Double.NaN;
    /** Why it was not measured, or null. */
    public String skipped;
    /** Why its measurement failed (the whole chain of causes), or null. */
    public String failed;

    public Measurement(String mechanism, Kind kind, Impl impl, int size) {
        this.mechanism = mechanism;
        this.kind = kind;
        this.impl = impl;
        this.size = size;
    }

    /** The headline number: RTT median, TPUT messages/s, SINGLE, PLATFORM and VIRTUAL ns/op. */
    public double value() {
        switch (kind) {
            case RTT:
                return medianNs;
            case TPUT:
                return messagesPerSecond;
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
            default:
                return String.format("%.1f ns per send+receive%s", nsPerOp, alloc());
        }
    }

    private String alloc() {
        return Double.isNaN(bytesPerOp) ? "" : String.format(", %.2f B/op", bytesPerOp);
    }
}
