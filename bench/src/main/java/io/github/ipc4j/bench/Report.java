package io.github.ipc4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.ipc4j.bench.Table.Cell;

/**
 * The report: README.md-style Markdown (report.md) and an HTML page (index.html) with the same tables and
 * ECharts charts (echarts.min.js copied beside it, so the page opens offline). Targets are checked here:
 * ipc4j's round trip at most 1.05 x C (1.25 x for a spin handshake), ipc4j's per-call overhead above C at
 * most a fifth of JNA's and no more than FFM's, and 0 bytes allocated per operation. Measured in rounds, a
 * comparison of ipc4j with another implementation is made round by round ({@link Rounds#pair}) and judged
 * on the median.
 */
final class Report {
    static final double KERNEL_RTT_LIMIT = 1.05;
    static final double SPIN_RTT_LIMIT = 1.25;
    /** One-way throughput: ipc4j at least this fraction of C's, at every size. */
    static final double TPUT_FLOOR = 0.95;
    /** Per-call overhead above C: at most FFM's plus this many nanoseconds, and at most a fifth of JNA's. */
    static final double FFM_OVERHEAD_SLACK_NS = 10;
    /** gc.alloc.rate.norm below this counts as nothing allocated (JMH's own bookkeeping shows as fractions). */
    static final double ALLOCATION_EPSILON = 0.5;
    private static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final List<Impl> BINDINGS = List.of(Impl.C, Impl.IPC4J, Impl.JNA, Impl.FFM);

    private final List<Measurement> measurements;
    private final Map<String, String> info;
    private final List<String> notes;
    private final List<String> misses = new ArrayList<>();
    /** Every target checked, met or not, in table order: the Targets section. */
    private final List<List<Cell>> checks = new ArrayList<>();

    Report(List<Measurement> measurements, Map<String, String> info, List<String> notes) {
        this.measurements = measurements;
        this.info = info;
        this.notes = notes;
    }

    /** Writes report.md, index.html and echarts.min.js into dir; returns report.md. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Table> tables = new ArrayList<>(List.of(roundTrips(), throughput(), singleProcess(), allocation(),
                virtualThreads(), sockets()));
        if (!sizes("channel", Kind.RTT).isEmpty() || !sizes("channel", Kind.TPUT).isEmpty()) {
            tables.add(channel());
        }
        StringBuilder md = new StringBuilder("# ipc4j benchmark report\n\n");
        info.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\nMade by `./bench/run.sh` (`--full` for the full run). Raw results, every round: `jmh-results.json` "
                + "(JMH), `c-results.json` (bench/native); charts: `index.html`.\n\n");
        if (!methodText().isEmpty()) {
            md.append(methodText()).append("\n\n");
        }
        md.append(targets());
        md.append(failuresText());
        for (Table t : tables) {
            md.append(t.markdown());
        }
        md.append(findingsText());
        md.append(notesText());
        Path report = dir.resolve("report.md");
        Files.writeString(report, md.toString());
        Files.writeString(dir.resolve("index.html"), html(tables));
        try (InputStream js = Report.class.getClassLoader().getResourceAsStream(ECHARTS)) {
            if (js != null) {
                Files.copy(js, dir.resolve("echarts.min.js"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return report;
    }

    List<String> misses() {
        return misses;
    }

    // ---- tables -----------------------------------------------------------------------------------

    private Table roundTrips() {
        Table t = new Table("Round-trip latency", "Median / p99 in microseconds, a message to a peer process "
                + "and back (its peer uses the same implementation). Target: ipc4j's median at most "
                + KERNEL_RTT_LIMIT + " x C (" + SPIN_RTT_LIMIT + " x for a spin handshake).",
                List.of("mechanism", "size", "C", "ipc4j", "JNA", "FFM", "ipc4j/C", "ipc4j/JNA", "ipc4j/FFM"));
        for (String mechanism : mechanisms(true)) {
            for (int size : sizes(mechanism, Kind.RTT)) {
                List<Cell> row = new ArrayList<>(List.of(Cell.of(label(mechanism)), Cell.of(BenchMain.sizeLabel(size))));
                for (Impl impl : BINDINGS) {
                    Measurement m = find(mechanism, Kind.RTT, impl, size);
                    row.add(Cell.of(m == null || !m.measured() ? "–"
                            : String.format("%.2f / %.2f", m.medianNs / 1e3, m.p99Ns / 1e3)));
                }
                double limit = Mechanisms.byId(mechanism).kernelMediated() ? KERNEL_RTT_LIMIT : SPIN_RTT_LIMIT;
                row.add(ratio(mechanism, Kind.RTT, size, Impl.C, limit, "round trip"));
                row.add(ratio(mechanism, Kind.RTT, size, Impl.JNA, Double.NaN, null));
                row.add(ratio(mechanism, Kind.RTT, size, Impl.FFM, Double.NaN, null));
                t.add(row);
            }
        }
        return t;
    }

    private Table throughput() {
        Table t = new Table("One-way throughput", "Messages per second (MB/s) sent to a peer process that only "
                + "receives; higher is better. Target: ipc4j at least " + TPUT_FLOOR + " x C at every size.",
                List.of("mechanism", "size", "C", "ipc4j", "JNA", "FFM", "ipc4j/C", "ipc4j/JNA", "ipc4j/FFM"));
        for (String mechanism : mechanisms(true)) {
            for (int size : sizes(mechanism, Kind.TPUT)) {
                List<Cell> row = new ArrayList<>(List.of(Cell.of(label(mechanism)), Cell.of(BenchMain.sizeLabel(size))));
                for (Impl impl : BINDINGS) {
                    Measurement m = find(mechanism, Kind.TPUT, impl, size);
                    row.add(Cell.of(m == null || !m.measured() ? "–" : rate(m)));
                }
                row.add(atLeast(mechanism, Kind.TPUT, size, TPUT_FLOOR, "one-way throughput"));
                for (Impl other : List.of(Impl.JNA, Impl.FFM)) {
                    row.add(ratio(mechanism, Kind.TPUT, size, other, Double.NaN, null));
                }
                t.add(row);
            }
        }
        return t;
    }

    private Table singleProcess() {
        Table t = new Table("Single-process send+receive", "Nanoseconds for one send and one receive on one "
                + "object in one process (uncontended), and each binding's overhead above C. Target: ipc4j's "
                + "overhead at most a fifth of JNA's and at most FFM's + " + (int) FFM_OVERHEAD_SLACK_NS + " ns.",
                List.of("mechanism", "C", "ipc4j", "JNA", "FFM", "ipc4j/C", "ipc4j/JNA", "ipc4j/FFM",
                        "overhead ipc4j", "overhead JNA", "overhead FFM"));
        for (String mechanism : mechanisms(true)) {
            for (int size : sizes(mechanism, Kind.SINGLE)) {
                List<Cell> row = new ArrayList<>(List.of(Cell.of(label(mechanism))));
                for (Impl impl : BINDINGS) {
                    Measurement m = find(mechanism, Kind.SINGLE, impl, size);
                    row.add(Cell.of(m == null || !m.measured() ? "–" : String.format("%.0f", m.nsPerOp)));
                }
                for (Impl other : List.of(Impl.C, Impl.JNA, Impl.FFM)) {
                    row.add(ratio(mechanism, Kind.SINGLE, size, other, Double.NaN, null));
                }
                // each binding's overhead: the median over rounds of (binding's round r - C's round r)
                Measurement cm = find(mechanism, Kind.SINGLE, Impl.C, size);
                Rounds.Paired ipcOver = Rounds.difference(find(mechanism, Kind.SINGLE, Impl.IPC4J, size), cm);
                Rounds.Paired jnaOver = Rounds.difference(find(mechanism, Kind.SINGLE, Impl.JNA, size), cm);
                Rounds.Paired ffmOver = Rounds.difference(find(mechanism, Kind.SINGLE, Impl.FFM, size), cm);
                double ipc = ipcOver.value();
                double jna = jnaOver.value();
                double ffm = ffmOver.value();
                Boolean missed = null;
                if (!Double.isNaN(ipc) && (!Double.isNaN(jna) || !Double.isNaN(ffm))) {
                    boolean overJna = !Double.isNaN(jna) && ipc > jna / 5;
                    boolean overFfm = !Double.isNaN(ffm) && ipc > ffm + FFM_OVERHEAD_SLACK_NS;
                    missed = overJna || overFfm;
                    if (!Double.isNaN(ffm)) {
                        check("per-call overhead ≤ FFM's + " + (int) FFM_OVERHEAD_SLACK_NS + " ns", label(mechanism),
                                ns(ipcOver, true), ns(ffm + FFM_OVERHEAD_SLACK_NS), !overFfm,
                                overFfm ? "by " + ns(ipc - ffm - FFM_OVERHEAD_SLACK_NS) : ns(ffm + FFM_OVERHEAD_SLACK_NS - ipc) + " to spare");
                    }
                    if (!Double.isNaN(jna)) {
                        check("per-call overhead ≤ JNA's / 5", label(mechanism), ns(ipcOver, true), ns(jna / 5), !overJna,
                                overJna ? "by " + ns(ipc - jna / 5) : ns(jna / 5 - ipc) + " to spare");
                    }
                    if (missed) {
                        misses.add(String.format("%s: ipc4j's per-call overhead above C is %.0f ns; JNA's %.0f ns "
                                + "(a fifth: %.0f), FFM's %.0f ns (+%.0f: %.0f)", label(mechanism), ipc, jna, jna / 5, ffm,
                                FFM_OVERHEAD_SLACK_NS, ffm + FFM_OVERHEAD_SLACK_NS));
                    }
                }
                row.add(new Cell(ns(ipcOver, false), missed));
                row.add(Cell.of(ns(jnaOver, false)));
                row.add(Cell.of(ns(ffmOver, false)));
                t.add(row);
            }
        }
        return t;
    }

    private Table allocation() {
        Table t = new Table("Allocation per operation", "Bytes allocated per operation by ipc4j with direct "
                + "buffers (JMH's gc profiler, gc.alloc.rate.norm); target 0. JNA and FFM for comparison. Round trips "
                + "are left out: JMH's sample-time mode allocates its own sample storage (a few B/op whatever the code).",
                List.of("mechanism", "measurement", "size", "ipc4j B/op", "JNA B/op", "FFM B/op"));
        for (Measurement m : measurements) {
            if (m.impl != Impl.IPC4J || Double.isNaN(m.bytesPerOp) || m.kind == Kind.RTT || m.kind.threads()) {
                continue;
            }
            boolean missed = m.bytesPerOp >= ALLOCATION_EPSILON;
            check("0 B/op", label(m.mechanism) + ", " + m.kind.label() + " " + BenchMain.sizeLabel(m.size),
                    String.format("%.2f B/op", m.bytesPerOp), "< " + ALLOCATION_EPSILON + " B/op", !missed,
                    missed ? String.format("by %.2f B/op", m.bytesPerOp) : "met");
            if (missed) {
                misses.add(String.format("%s %s %s: ipc4j allocates %.1f B/op", label(m.mechanism), m.kind.label(),
                        BenchMain.sizeLabel(m.size), m.bytesPerOp));
            }
            t.add(List.of(Cell.of(label(m.mechanism)), Cell.of(m.kind.label()), Cell.of(BenchMain.sizeLabel(m.size)),
                    new Cell(String.format("%.2f", m.bytesPerOp), missed),
                    Cell.of(bytes(find(m.mechanism, m.kind, Impl.JNA, m.size))),
                    Cell.of(bytes(find(m.mechanism, m.kind, Impl.FFM, m.size)))));
        }
        return t;
    }

    private static final List<Impl> CHANNEL_IMPLS = List.of(Impl.C, Impl.IPC4J, Impl.CHRONICLE, Impl.AERON);
    /** Issue 14: the share of a CPU a waiting receiver may use ("CPU while idle ≈ 0"). */
    static final double IDLE_CPU_LIMIT = 0.01;
    /** Issue 14: one-way 8 B messages per second the channel must reach. */
    static final double CHANNEL_TPUT_TARGET = 10_000_000;

    /**
     * Issue 14's table: the shared-memory channel from C and Java against Chronicle Queue and Aeron IPC, with
     * its targets: round trip at most 1.25 x the C ring, median and p99 below both libraries', one-way 8 B at
     * least 10 million messages per second.
     */
    private Table channel() {
        Table t = new Table("Shared-memory channel against Chronicle Queue and Aeron IPC", "Round trip: median / p99 "
                + "/ p99.9 in microseconds; one-way: messages per second. Two processes on two CPUs. Targets: ipc4j's "
                + "round trip at most " + SPIN_RTT_LIMIT + " x the C ring, its median and p99 below Chronicle Queue's "
                + "and Aeron's, one-way 8 B at least 10,000,000 messages/s, a receiver waiting with nothing sent below "
                + "1 % of a CPU (each waits as in its round trips; the libraries' receivers poll). For scale, the POSIX "
                + "message queue's "
                + "round trip (C and ipc4j) where the run measured it (a run of every mechanism, or "
                + "--only=channel,posix-mq).",
                List.of("measurement", "size", "C", "ipc4j", "Chronicle Queue", "Aeron IPC", "ipc4j/C",
                        "ipc4j/Chronicle", "ipc4j/Aeron"));
        for (Kind kind : List.of(Kind.RTT, Kind.TPUT)) {
            for (int size : sizes("channel", kind)) {
                List<Cell> row = new ArrayList<>(List.of(Cell.of(kind.label()), Cell.of(BenchMain.sizeLabel(size))));
                for (Impl impl : CHANNEL_IMPLS) {
                    Measurement m = find("channel", kind, impl, size);
                    if (m == null || !m.measured()) {
                        row.add(Cell.of("–"));
                    } else if (kind == Kind.RTT) {
                        row.add(Cell.of(String.format("%.2f / %.2f / %.2f", m.medianNs / 1e3, m.p99Ns / 1e3,
                                m.p999Ns / 1e3)));
                    } else {
                        Boolean missed = impl != Impl.IPC4J || size != 8 ? null : m.messagesPerSecond < CHANNEL_TPUT_TARGET;
                        if (Boolean.TRUE.equals(missed)) {
                            misses.add(String.format("shared-memory channel one-way 8 B: %,.0f messages/s, %.0f%% of "
                                    + "the 10,000,000 target", m.messagesPerSecond,
                                    100 * m.messagesPerSecond / CHANNEL_TPUT_TARGET));
                        }
                        row.add(new Cell(rate(m), missed));
                    }
                }
                // the round trip's verdict against C is recorded once, by the round-trip table
                Cell c = ratio("channel", kind, size, Impl.C, Double.NaN, null);
                double r = paired("channel", kind, size, Impl.C).value();
                row.add(kind == Kind.RTT && !Double.isNaN(r) ? new Cell(c.text(), r > SPIN_RTT_LIMIT) : c);
                if (kind == Kind.RTT) {
                    row.add(beats(size, Impl.CHRONICLE));
                    row.add(beats(size, Impl.AERON));
                } else {
                    row.add(ratio("channel", kind, size, Impl.CHRONICLE, Double.NaN, null));
                    row.add(ratio("channel", kind, size, Impl.AERON, Double.NaN, null));
                }
                t.add(row);
            }
            if (kind == Kind.RTT) {
                for (int size : sizes("posix-mq", kind)) {
                    t.add(posixMqForScale(size));
                }
            }
        }
        if (!sizes("channel", Kind.IDLE).isEmpty()) {
            t.add(idleCpu());
        }
        return t;
    }

    /**
     * The CPU a receiver uses while nothing comes, each implementation waiting as in its round trips: ipc4j's
     * must be about none (below {@link #IDLE_CPU_LIMIT} of a CPU), where the libraries' poll.
     */
    private List<Cell> idleCpu() {
        List<Cell> row = new ArrayList<>(List.of(Cell.of(Kind.IDLE.label() + ": the receiving thread / its process, "
                + "% of a CPU"), Cell.of("–")));
        for (Impl impl : CHANNEL_IMPLS) {
            Measurement m = find("channel", Kind.IDLE, impl, 8);
            if (m == null || !m.measured()) {
                row.add(Cell.of("–"));
                continue;
            }
            String text = String.format("%.1f %% / %.1f %%", 100 * m.cpuShare, 100 * m.processCpuShare);
            if (impl != Impl.IPC4J) {
                row.add(Cell.of(text));
                continue;
            }
            boolean met = m.cpuShare < IDLE_CPU_LIMIT;
            check("CPU while waiting < " + (int) (100 * IDLE_CPU_LIMIT) + " % of a CPU", label("channel"), text,
                    "< " + (int) (100 * IDLE_CPU_LIMIT) + " %", met, met ? "met" : String.format("by %.1f %%",
                            100 * (m.cpuShare - IDLE_CPU_LIMIT)));
            if (!met) {
                misses.add(String.format("shared-memory channel: a waiting receiver used %.1f %% of a CPU (target "
                        + "below %d %%)", 100 * m.cpuShare, (int) (100 * IDLE_CPU_LIMIT)));
            }
            row.add(new Cell(text, !met));
        }
        row.addAll(List.of(Cell.of("–"), Cell.of("–"), Cell.of("–")));
        return row;
    }

    /** The POSIX message queue's round trip, C and ipc4j, beside the channel's: what a kernel queue costs. */
    private List<Cell> posixMqForScale(int size) {
        List<Cell> row = new ArrayList<>(List.of(Cell.of("round trip, POSIX mq (for scale)"),
                Cell.of(BenchMain.sizeLabel(size))));
        for (Impl impl : List.of(Impl.C, Impl.IPC4J)) {
            Measurement m = find("posix-mq", Kind.RTT, impl, size);
            row.add(Cell.of(m == null || !m.measured() ? "–" : String.format("%.2f / %.2f / %.2f", m.medianNs / 1e3,
                    m.p99Ns / 1e3, m.p999Ns / 1e3)));
        }
        row.addAll(List.of(Cell.of("–"), Cell.of("–"), ratio("posix-mq", Kind.RTT, size, Impl.C, Double.NaN, null),
                Cell.of("–"), Cell.of("–")));
        return row;
    }

    /** ipc4j's round-trip median and p99 over the other library's: both must be below 1. */
    private Cell beats(int size, Impl other) {
        Measurement ours = find("channel", Kind.RTT, Impl.IPC4J, size);
        Measurement theirs = find("channel", Kind.RTT, other, size);
        if (ours == null || theirs == null || !ours.measured() || !theirs.measured()) {
            return Cell.of("–");
        }
        double median = Rounds.pair(ours, theirs, m -> m.medianNs, (a, b) -> a / b).value();
        double p99 = Rounds.pair(ours, theirs, m -> m.p99Ns, (a, b) -> a / b).value();
        boolean missed = median >= 1 || p99 >= 1;
        if (missed) {
            misses.add(String.format("shared-memory channel round trip %s: median %.2f ×, p99 %.2f × %s's (target "
                    + "below 1 ×)", BenchMain.sizeLabel(size), median, p99, other.label()));
        }
        return new Cell(String.format("%.2f× / %.2f×", median, p99), missed);
    }

    private Table sockets() {
        Table t = new Table("Against sockets", "What a Java user would pick instead, the same ping-pong and sizes: "
                + "round trip median / p99 (µs), one-way messages per second, single-process send+receive (ns).",
                List.of("mechanism", "implementation", "round trip 8 B", "8 B msg/s", "1 KiB msg/s", "8 KiB msg/s",
                        "send+receive ns"));
        Set<String> rows = new LinkedHashSet<>();
        for (Measurement m : measurements) {
            if (m.measured()) {
                rows.add(m.mechanism + "\u0000" + m.impl.name());
            }
        }
        for (String key : rows) {
            String mechanism = key.substring(0, key.indexOf('\u0000'));
            Impl impl = Impl.valueOf(key.substring(key.indexOf('\u0000') + 1));
            if (impl != Impl.IPC4J && Mechanisms.byId(mechanism).hasC()) {
                continue; // the ipc4j rows are the comparison; sockets have no C/JNA/FFM column
            }
            Measurement rtt = find(mechanism, Kind.RTT, impl, 8);
            List<Cell> row = new ArrayList<>(List.of(Cell.of(label(mechanism)), Cell.of(impl.label()),
                    Cell.of(rtt == null || !rtt.measured() ? "–"
                            : String.format("%.2f / %.2f", rtt.medianNs / 1e3, rtt.p99Ns / 1e3))));
            for (int size : Settings.SIZES) {
                Measurement m = find(mechanism, Kind.TPUT, impl, size);
                row.add(Cell.of(m == null || !m.measured() ? "–" : String.format("%,.0f", m.messagesPerSecond)));
            }
            Measurement single = find(mechanism, Kind.SINGLE, impl, 8);
            row.add(Cell.of(single == null || !single.measured() ? "–" : String.format("%.0f", single.nsPerOp)));
            t.add(row);
        }
        return t;
    }

    private Table virtualThreads() {
        Table t = new Table("Virtual threads", "ipc4j's round trip made from a virtual thread, the peer's echo loop "
                + "on a virtual thread too, against the same round trips from platform threads: mean ns per round "
                + "trip over batches of " + ThreadRoundTrip.BATCH + ". Both go through the same driver (the benchmark "
                + "thread hands a batch to a driver thread with one park/unpark and waits), so they differ only by the "
                + "kind of thread that makes the calls, and the hand-off is spread over the batch. The carriers of the "
                + "virtual threads are started from the pinned benchmark thread and inherit its CPU. No target: measured "
                + "to show what a blocked virtual thread costs: its native wait is handed to a platform worker (so that its "
                + "carrier stays free), which adds two thread hand-offs to every call that blocks.",
                List.of("mechanism", "round trip median (platform, JMH)", "platform ns", "virtual ns", "virtual/platform"));
        for (String mechanism : mechanisms(true)) {
            double platform = value(mechanism, Kind.PLATFORM, Impl.IPC4J, 8);
            double virtual = value(mechanism, Kind.VIRTUAL, Impl.IPC4J, 8);
            Measurement skipped = find(mechanism, Kind.VIRTUAL, Impl.IPC4J, 8);
            // the two thread kinds are measured in the same rounds: their ratio is paired round by round
            Rounds.Paired ratio = Rounds.ratio(skipped, find(mechanism, Kind.PLATFORM, Impl.IPC4J, 8));
            if (skipped == null) {
                continue;
            }
            Measurement rtt = find(mechanism, Kind.RTT, Impl.IPC4J, 8);
            t.add(List.of(Cell.of(label(mechanism)),
                    Cell.of(rtt == null || !rtt.measured() ? "–" : String.format("%.0f", rtt.medianNs)),
                    Cell.of(Double.isNaN(platform) ? "–" : String.format("%.0f", platform)),
                    Cell.of(Double.isNaN(virtual) ? skipped.skipped != null ? "skipped" : "–" : String.format("%.0f", virtual)),
                    Cell.of(ratio.text("%.2f", "×", false))));
        }
        return t;
    }

    // ---- targets and notes ------------------------------------------------------------------------

    private String targets() {
        StringBuilder b = new StringBuilder("## Targets\n\n");
        b.append(targetSummary()).append("\n\n");
        if (!misses.isEmpty()) {
            b.append("Missed (in red in the tables):\n\n");
            for (String miss : misses) {
                b.append("- <span style=\"color:#c00\">").append(miss).append("</span>\n");
            }
            b.append('\n');
        }
        return b.append(targetTable().markdown()).toString();
    }

    /** One line: how many targets were checked, met and missed, and which could not be checked. */
    private String targetSummary() {
        long missed = checks.stream().filter(row -> Boolean.TRUE.equals(row.get(4).missed())).count();
        String s = checks.isEmpty() ? "No target could be checked in this run (each needs ipc4j and C, JNA or FFM)."
                : missed == 0 ? "Every target checked was met (" + checks.size() + " checks)."
                : missed + " of " + checks.size() + " checks missed.";
        long failed = failed().size();
        if (failed > 0) {
            s += " " + failed + " measurement(s) failed (see \"Failed measurements\"): a target is checked on the rounds "
                    + "both of its sides measured, and not checked when there is none.";
        }
        return s;
    }

    /** Each target of issue 10, per mechanism and size, measured side by side: met or missed, and by how much. */
    private Table targetTable() {
        Table t = new Table("Targets, one by one", "Round trip ≤ " + KERNEL_RTT_LIMIT + " × C (a spin handshake ≤ "
                + SPIN_RTT_LIMIT + " × C), one-way throughput ≥ " + TPUT_FLOOR + " × C at 8 B, 1 KiB and 8 KiB, "
                + "per-call overhead above C ≤ FFM's + " + (int) FFM_OVERHEAD_SLACK_NS + " ns and ≤ JNA's / 5, 0 B/op. "
                + "The virtual-thread round trip has no target (see its table). Measured in rounds, the value is the "
                + "median over the rounds of the per-round comparison (ipc4j's round r against the other's round r), "
                + "its range over the rounds in brackets; the verdict is the median's.",
                List.of("target", "mechanism", "ipc4j", "limit", "verdict", "margin"));
        checks.forEach(t::add);
        return t;
    }

    /** Every measurement that failed, with the whole chain of its cause. */
    private String failuresText() {
        StringBuilder b = new StringBuilder();
        for (Measurement m : failed()) {
            b.append("- ").append(label(m.mechanism)).append(", ").append(m.kind.label()).append(", ")
                    .append(m.impl.label()).append(", ").append(BenchMain.sizeLabel(m.size));
            Measurement combined = find(m.mechanism, m.kind, m.impl, m.size);
            if (m.round >= 0 && combined != null && combined.rounds.size() > 1) {
                b.append(", round ").append(m.round + 1).append(" of ").append(combined.rounds.size())
                        .append(combined.measured() ? " (the others are used)" : "");
            }
            b.append(":\n\n```\n").append(m.failed).append("\n```\n");
        }
        return b.length() == 0 ? "" : "## Failed measurements\n\n" + b + "\n";
    }

    /** What failed: each failed round of a measurement made in rounds, else each failed measurement. */
    private List<Measurement> failed() {
        List<Measurement> failed = new ArrayList<>();
        for (Measurement m : measurements) {
            if (!m.rounds.isEmpty()) {
                failed.addAll(m.failedRounds());
            } else if (m.failed != null) {
                failed.add(m);
            }
        }
        return failed;
    }

    /**
     * How the numbers and ratios are formed: per round, then the median; ratios and overheads round by round.
     * Empty when nothing was measured in more than one round.
     */
    private String methodText() {
        int rounds = measurements.stream().mapToInt(m -> m.rounds.size()).max().orElse(0);
        if (rounds < 2) {
            return "";
        }
        return "Method: every measurement ran in " + rounds + " rounds. In each round, the implementations compared "
                + "with each other (C, ipc4j, JNA, FFM, ... of one mechanism, kind and size) each ran once, one after "
                + "the other, the order rotated from round to round, so that the machine's drift over minutes hits them "
                + "alike. A number in the tables is the median over its rounds (bytes per operation: the largest). A "
                + "ratio such as ipc4j/C is the median over the rounds of the per-round ratio (ipc4j's round r against "
                + "C's round r), shown with its smallest and largest, e.g. \"1.03× (0.98–1.09)\"; a per-call overhead "
                + "is the median over the rounds of (binding's round r − C's round r). A round that failed on either "
                + "side is left out of the pairs. A target counts as met when the median meets it.";
    }

    /** Why ipc4j is slower where it is, for the mechanisms of this run: subject, then finding. */
    private Map<String, String> findings() {
        Map<String, String> found = new java.util.LinkedHashMap<>();
        List<String> measured = mechanisms(true);
        if (measured.stream().anyMatch(Findings.KERNEL_MECHANISMS::contains)) {
            found.put("Every kernel-mediated mechanism", Findings.A_JVM_PROCESS);
        }
        for (String mechanism : measured) {
            String finding = Findings.BY_MECHANISM.get(mechanism);
            if (finding != null) {
                found.put(label(mechanism), finding);
            }
        }
        return found;
    }

    private String findingsText() {
        StringBuilder b = new StringBuilder("## Why: what the investigation found\n\n");
        findings().forEach((subject, finding) -> b.append("- **").append(subject).append("**: ").append(finding)
                .append('\n'));
        return b.append('\n').toString();
    }

    private String notesText() {
        StringBuilder b = new StringBuilder("## Notes\n\n");
        for (Measurement m : measurements) {
            if (m.skipped != null && m.kind == Kind.RTT && m.size == 8 && !notes.toString().contains(m.skipped)) {
                b.append("- ").append(label(m.mechanism)).append(" / ").append(m.impl.label()).append(": not measured, ")
                        .append(m.skipped).append('\n');
            }
        }
        for (String note : notes) {
            b.append("- ").append(note).append('\n');
        }
        return b.append('\n').toString();
    }

    // ---- the page ---------------------------------------------------------------------------------

    private String html(List<Table> tables) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<title>ipc4j benchmark report</title>\n<script src=\"echarts.min.js\"></script>\n<style>\n"
                + "body{font-family:sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;margin:1em 0}"
                + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}"
                + ".miss{color:#c00;font-weight:bold}.met{color:#070}.chart{width:100%;height:380px;margin:1em 0}"
                + "li.miss{font-weight:normal}\n</style></head><body>\n<h1>ipc4j benchmark report</h1>\n<ul>\n");
        info.forEach((k, v) -> b.append("<li>").append(Table.escape(k)).append(": ").append(Table.escape(v)).append("</li>\n"));
        b.append("</ul>\n");
        if (!methodText().isEmpty()) {
            b.append("<p>").append(Table.escape(methodText())).append("</p>\n");
        }
        b.append("<h2>Targets</h2>\n<p").append(misses.isEmpty() ? " class=\"met\"" : "").append('>')
                .append(Table.escape(targetSummary())).append("</p>\n");
        if (!misses.isEmpty()) {
            b.append("<ul>\n");
            misses.forEach(m -> b.append("<li class=\"miss\">").append(Table.escape(m)).append("</li>\n"));
            b.append("</ul>\n");
        }
        b.append(targetTable().html());
        String failed = failuresText();
        if (!failed.isEmpty()) {
            b.append("<h2>Failed measurements</h2>\n<pre>").append(Table.escape(failed.substring(failed.indexOf('\n'))
                    .replace("```", "").strip())).append("</pre>\n");
        }
        b.append("<h2>Charts</h2>\n<div id=\"charts\"></div>\n");
        for (Table t : tables) {
            b.append(t.html());
        }
        b.append("<h2>Why: what the investigation found</h2>\n<ul>\n");
        findings().forEach((subject, finding) -> b.append("<li><b>").append(Table.escape(subject)).append("</b>: ")
                .append(Table.escape(finding).replace("`", "")).append("</li>\n"));
        b.append("</ul>\n<h2>Notes</h2>\n<ul>\n");
        for (String line : notesText().split("\n")) {
            if (line.startsWith("- ")) {
                b.append("<li>").append(Table.escape(line.substring(2))).append("</li>\n");
            }
        }
        b.append("</ul>\n<script>\nconst CHARTS = ").append(chartsJson()).append(";\n")
                .append("const root = document.getElementById('charts');\n"
                        + "if (typeof echarts === 'undefined') { root.textContent = 'echarts.min.js is missing beside this page.'; }\n"
                        + "else for (const c of CHARTS) {\n"
                        + "  const div = document.createElement('div'); div.className = 'chart'; root.appendChild(div);\n"
                        + "  echarts.init(div).setOption({\n"
                        + "    animation: false, title: {text: c.title}, tooltip: {trigger: 'axis'}, legend: {top: 28},\n"
                        + "    grid: {top: 70, containLabel: true},\n"
                        + "    xAxis: {type: 'category', data: c.categories, axisLabel: {interval: 0, rotate: 20}},\n"
                        + "    yAxis: {type: c.log ? 'log' : 'value', name: c.unit},\n"
                        + "    series: c.series.map(s => ({name: s.name, type: 'bar', data: s.data,\n"
                        + "      label: {show: c.categories.length * c.series.length <= 24, position: 'top',\n"
                        + "        formatter: p => p.value == null ? '' : (p.value >= 100 ? Math.round(p.value) : p.value.toFixed(2))}}))\n"
                        + "  });\n}\n</script>\n</body></html>\n");
        return b.toString();
    }

    private String chartsJson() {
        List<String> charts = new ArrayList<>();
        charts.add(chart("Round-trip latency, median (µs): lower is better", "µs", Kind.RTT, 8, m -> m.medianNs / 1e3));
        charts.add(chart("Round-trip latency, p99 (µs): lower is better", "µs", Kind.RTT, 8, m -> m.p99Ns / 1e3));
        for (int size : Settings.SIZES) {
            charts.add(chart("One-way throughput, " + BenchMain.sizeLabel(size) + " messages (msg/s): higher is better",
                    "msg/s", Kind.TPUT, size, m -> m.messagesPerSecond));
        }
        charts.add(chart("Single-process send+receive (ns): lower is better", "ns", Kind.SINGLE, 8, m -> m.nsPerOp));
        return "[" + String.join(",\n", charts) + "]";
    }

    private String chart(String title, String unit, Kind kind, int size, java.util.function.ToDoubleFunction<Measurement> f) {
        List<String> categories = new ArrayList<>();
        for (String mechanism : mechanisms(false)) {
            categories.add(mechanism);
        }
        StringBuilder series = new StringBuilder();
        for (Impl impl : Impl.values()) {
            List<String> data = new ArrayList<>();
            boolean any = false;
            for (String mechanism : categories) {
                Measurement m = find(mechanism, kind, impl, size);
                if (m != null && m.measured()) {
                    data.add(String.format(Locale.ROOT, "%.4g", f.applyAsDouble(m)));
                    any = true;
                } else {
                    data.add("null");
                }
            }
            if (any) {
                series.append(series.length() == 0 ? "" : ",").append("{\"name\":\"").append(impl.label())
                        .append("\",\"data\":[").append(String.join(",", data)).append("]}");
            }
        }
        List<String> labels = new ArrayList<>();
        categories.forEach(c -> labels.add("\"" + label(c) + "\""));
        return "{\"title\":\"" + title + "\",\"unit\":\"" + unit + "\",\"categories\":[" + String.join(",", labels)
                + "],\"series\":[" + series + "]}";
    }

    // ---- lookups ----------------------------------------------------------------------------------

    /** Mechanisms with results, in suite order; bindingsOnly: those measured from C/JNA/FFM too. */
    private List<String> mechanisms(boolean bindingsOnly) {
        Set<String> ids = new LinkedHashSet<>();
        for (Mechanism mechanism : Mechanisms.all()) {
            for (Measurement m : measurements) {
                if (m.mechanism.equals(mechanism.id()) && (!bindingsOnly || mechanism.hasC())) {
                    ids.add(m.mechanism);
                }
            }
        }
        return new ArrayList<>(ids);
    }

    private List<Integer> sizes(String mechanism, Kind kind) {
        Set<Integer> sizes = new LinkedHashSet<>();
        for (Measurement m : measurements) {
            if (m.mechanism.equals(mechanism) && m.kind == kind) {
                sizes.add(m.size);
            }
        }
        return new ArrayList<>(sizes);
    }

    private Measurement find(String mechanism, Kind kind, Impl impl, int size) {
        for (Measurement m : measurements) {
            if (m.mechanism.equals(mechanism) && m.kind == kind && m.impl == impl && m.size == size) {
                return m;
            }
        }
        return null;
    }

    private double value(String mechanism, Kind kind, Impl impl, int size) {
        Measurement m = find(mechanism, kind, impl, size);
        return m == null || !m.measured() ? Double.NaN : m.value();
    }

    /**
     * ipc4j / other, paired round by round (the median of the per-round ratios, with their range); with a
     * limit, a verdict on that median (and a recorded miss).
     */
    private Cell ratio(String mechanism, Kind kind, int size, Impl other, double limit, String what) {
        Rounds.Paired p = paired(mechanism, kind, size, other);
        double r = p.value();
        if (Double.isNaN(r)) {
            return Cell.of("–");
        }
        String text = p.text("%.2f", "×", false);
        if (Double.isNaN(limit)) {
            return Cell.of(text);
        }
        boolean missed = r > limit;
        String jvm = missed ? jvmFloor(mechanism, kind, size) : "";
        check(what + " ≤ " + limit + " × C", label(mechanism) + " " + BenchMain.sizeLabel(size),
                p.text("%.2f", " ×", true), String.format("%.2f ×", limit), !missed,
                missed ? String.format("by %.2f × (%.0f%% over)%s", r - limit, (r / limit - 1) * 100, jvm)
                        : String.format("%.2f × to spare", limit - r));
        if (missed) {
            misses.add(String.format("%s %s %s: ipc4j is %s C (target ≤ %.2f ×)%s", label(mechanism), what,
                    BenchMain.sizeLabel(size), p.text("%.2f", " ×", true), limit, jvm));
        }
        return new Cell(text, missed);
    }

    /**
     * ipc4j / C with a floor (throughput), paired round by round as {@link #ratio}: a verdict on the median, a
     * check and, when under, a recorded miss.
     */
    private Cell atLeast(String mechanism, Kind kind, int size, double floor, String what) {
        Rounds.Paired p = paired(mechanism, kind, size, Impl.C);
        double r = p.value();
        if (Double.isNaN(r)) {
            return Cell.of("–");
        }
        boolean missed = r < floor;
        String jvm = missed ? jvmFloor(mechanism, kind, size) : "";
        check(what + " ≥ " + floor + " × C", label(mechanism) + " " + BenchMain.sizeLabel(size),
                p.text("%.2f", " ×", true), String.format("%.2f ×", floor), !missed,
                missed ? String.format("by %.2f × (%.0f%% short)%s", floor - r, (1 - r / floor) * 100, jvm)
                        : String.format("%.2f × to spare", r - floor));
        if (missed) {
            misses.add(String.format("%s %s %s: ipc4j is %s C (target ≥ %.2f ×)%s", label(mechanism), what,
                    BenchMain.sizeLabel(size), p.text("%.2f", " ×", true), floor, jvm));
        }
        return new Cell(p.text("%.2f", "×", false), missed);
    }

    /**
     * Where a ratio to C misses, what the same system calls made straight from a JVM got in the same rounds:
     * FFM / C (empty when FFM was not measured). A miss that FFM shares is the cost of being a JVM process
     * (its context switches, its scheduling), not of ipc4j's binding.
     */
    private String jvmFloor(String mechanism, Kind kind, int size) {
        Rounds.Paired ffm = Rounds.ratio(find(mechanism, kind, Impl.FFM, size), find(mechanism, kind, Impl.C, size));
        return Double.isNaN(ffm.value()) ? "" : "; FFM, the bare calls from a JVM: " + ffm.text("%.2f", " ×", true)
                + " C";
    }

    /** ipc4j's headline value over other's, round by round. */
    private Rounds.Paired paired(String mechanism, Kind kind, int size, Impl other) {
        return Rounds.ratio(find(mechanism, kind, Impl.IPC4J, size), find(mechanism, kind, other, size));
    }

    private void check(String target, String subject, String measured, String limit, boolean met, String margin) {
        checks.add(List.of(Cell.of(target), Cell.of(subject), Cell.of(measured), Cell.of(limit),
                new Cell(met ? "met" : "missed", !met), Cell.of(margin)));
    }

    private static String label(String mechanism) {
        return Mechanisms.byId(mechanism).label();
    }

    private static String rate(Measurement m) {
        return String.format("%,.0f (%.0f MB/s)", m.messagesPerSecond, m.messagesPerSecond * m.size / 1e6);
    }

    private static String ns(double v) {
        return Double.isNaN(v) ? "–" : String.format("%.0f ns", Math.abs(v) < 0.5 ? 0.0 : v);
    }

    /** A paired difference in nanoseconds, with its range over the rounds ("50 ns (42–61 over 3 rounds)"). */
    private static String ns(Rounds.Paired p, boolean longForm) {
        return Math.abs(p.value()) < 0.5 && p.pairs() < 2 ? ns(p.value()) : p.text("%.0f", " ns", longForm);
    }

    private static String bytes(Measurement m) {
        return m == null || Double.isNaN(m.bytesPerOp) ? "–" : String.format("%.2f", m.bytesPerOp);
    }
}
