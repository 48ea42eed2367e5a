package io.github.ipc4j.bench;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The suite's one command (bench/run.sh): every mechanism this OS has, each kind of measurement, from C,
 * ipc4j, JNA and FFM (and the socket baselines), then the report in the output directory.
 *
 * <pre>BenchMain [--full | --smoke] [--rounds=N] [--only=posix-mq,fifo] [--out=DIR] [--cpus=same|spread|none]</pre>
 *
 * System properties: ipc4j.bench.cbench (the C program), ipc4j.bench.ffmJava (a JDK 22+ java for the FFM
 * part when this JVM is older), ipc4j.bench.classpath (the class path for forks and peers).
 */
public final class BenchMain {
    static final String FFM_JAVA_PROPERTY = "ipc4j.bench.ffmJava";

    private final Settings settings;
    /** How many rounds: the mode's ({@link Settings#rounds}) unless --rounds says otherwise. */
    private final int rounds;
    private final List<String> only;
    private final Path out;
    private final Placement placement;
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<RunResult> jmhResults = new ArrayList<>();
    private final List<String> cResults = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final PrintStream log;

    BenchMain(Settings settings, List<String> only, Path out, Placement placement, PrintStream log) {
        this(settings, settings.rounds, only, out, placement, log);
    }

    BenchMain(Settings settings, int rounds, List<String> only, Path out, Placement placement, PrintStream log) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1: " + rounds);
        }
        this.settings = settings;
        this.rounds = rounds;
        this.only = only;
        this.out = out;
        this.placement = placement;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.SHORT;
        List<String> only = List.of();
        int rounds = 0;
        Path out = Path.of("bench/target/report");
        for (String arg : args) {
            if (arg.equals("--full")) {
                settings = Settings.FULL;
            } else if (arg.equals("--smoke")) {
                settings = Settings.SMOKE;
            } else if (arg.matches("--rounds=[1-9][0-9]?")) {
                rounds = Integer.parseInt(arg.substring(9));
            } else if (arg.startsWith("--only=")) {
                only = List.of(arg.substring(7).split(","));
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring(6));
            } else if (arg.startsWith("--cpus=")) {
                System.setProperty(Placement.PROPERTY, arg.substring(7));
            } else {
                System.err.println("usage: BenchMain [--full | --smoke] [--rounds=1..99] [--only=MECHANISM,...] [--out=DIR]"
                        + " [--cpus=same|spread|none]\nmechanisms: " + Mechanisms.all());
                System.exit(2);
            }
        }
        BenchMain main = new BenchMain(settings, rounds > 0 ? rounds : settings.rounds, only, out, Placement.current(),
                System.out);
        List<String> failures = main.run();
        if (!failures.isEmpty()) {
            System.err.println("failed: " + failures);
            System.exit(1);
        }
    }

    /**
     * Runs everything planned, in rounds ({@link Rounds}): per group of what is compared side by side, each
     * round measures every implementation once, in an order rotated per round; each implementation's rounds are
     * then combined. Returns what failed (empty when all went well), one line per failed round.
     */
    List<String> run() throws IOException {
        Files.createDirectories(out.resolve("logs"));
        List<Measurement> plan = plan();
        List<List<Measurement>> groups = Rounds.groups(plan);
        int steps = 0;
        for (Measurement m : plan) {
            steps += m.skipped != null ? 1 : rounds;
        }
        long started = System.nanoTime();
        List<String> failures = new ArrayList<>();
        int done = 0;
        for (List<Measurement> group : groups) {
            for (Measurement m : group) {
                if (m.skipped != null) {
                    done++;
                    log.println(progress(done, steps, m) + "  skipped: " + m.skipped);
                }
            }
            List<Measurement> ran = Rounds.schedule(group, rounds);
            for (Measurement m : ran) {
                done++;
                String failure = measure(m, done, steps);
                if (failure != null) {
                    failures.add(m.mechanism + "/" + m.kind.id() + "/" + m.impl.id() + "/" + m.size
                            + (rounds > 1 ? " round " + (m.round + 1) + "/" + rounds : "") + ": " + failure);
                }
                writeRaw();
            }
            for (Measurement combined : Rounds.combined(group, ran)) {
                measurements.add(combined);
                if (rounds > 1 && combined.skipped == null) {
                    int ok = combined.rounds.size() - combined.failedRounds().size();
                    log.println(String.format("  = %-12s %-28s %-11s %5s  ", combined.mechanism, combined.kind.label(),
                            combined.impl.label(), sizeLabel(combined.size)) + (combined.measured()
                            ? "median of " + ok + " round(s): " + combined : "no round measured"));
                }
            }
        }
        log.printf("%d measurements in %.0f s%n", steps, (System.nanoTime() - started) / 1e9);
        Path report = new Report(measurements, RunInfo.collect(settings, rounds, placement, ffmJava()), notes).write(out);
        log.println("report: " + report.toAbsolutePath() + " (and index.html beside it)");
        return failures;
    }

    /** The progress line's head: "[12/80] posix-mq round trip ipc4j 8 B r2/3". */
    private String progress(int done, int steps, Measurement m) {
        return String.format("[%d/%d] %-12s %-28s %-11s %5s%s", done, steps, m.mechanism, m.kind.label(), m.impl.label(),
                sizeLabel(m.size), m.round >= 0 && rounds > 1 ? " r" + (m.round + 1) + "/" + rounds : "");
    }

    /** Measures one round of m (C or JMH), logging its progress line; returns why it failed, or null. */
    private String measure(Measurement m, int done, int steps) {
        log.print(progress(done, steps, m) + "  ");
        log.flush();
        Path jmhLog = out.resolve("logs").resolve(String.format("%03d-%s-%s-%s-%d%s.log", done, m.mechanism,
                m.kind.id(), m.impl.id(), m.size, rounds > 1 ? "-r" + (m.round + 1) : ""));
        try {
            if (m.impl == Impl.C) {
                String json = cbench.run(m, settings, placement == Placement.SAME
                        && Mechanisms.byId(m.mechanism).needsTwoCpus() ? Placement.SPREAD : placement);
                // which round, as the JMH results say it (their parameter "round")
                cResults.add(json.startsWith("{") ? "{\"round\":" + (m.round + 1) + "," + json.substring(1) : json);
            } else if (m.kind == Kind.IDLE) {
                IdleCpu.measure(m, settings);
            } else {
                runJmh(m, jmhLog);
            }
            log.println(m);
            return null;
        } catch (Exception | Error e) {
            // the whole chain (JMH hides the benchmark's exception as a suppressed one of its cause), what a
            // forked run logged, and where JMH's log is
            String cause = Failure.describe(e);
            String forked = m.impl == Impl.C ? null : Failure.fromLog(jmhLog);
            if (forked != null && !cause.contains(forked.strip().lines().findFirst().orElse("").strip())) {
                cause += "\n  JMH's log of the run says:\n" + forked;
            }
            if (m.impl != Impl.C && Files.exists(jmhLog)) {
                cause += "\n  (JMH's log: " + jmhLog.toAbsolutePath() + ")";
            }
            m.failed = cause;
            log.println("FAILED: " + cause);
            return cause;
        }
    }

    private final CBench cbench = CBench.located();

    /** Which measurements: per mechanism, per kind, C first then each Java implementation, per size. */
    List<Measurement> plan() {
        String ffmReason = ffmUnavailable();
        if (ffmReason != null) {
            notes.add("FFM not measured: " + ffmReason + ".");
        }
        String virtualReason = virtualThreadsUnavailable();
        if (virtualReason != null) {
            notes.add("Virtual threads not measured: " + virtualReason + ".");
        } else if (VirtualThreads.unavailableReason() != null) {
            notes.add("The virtual-thread rows (both thread kinds) ran in forks of " + ffmJava() + ": this JVM is "
                    + Runtime.version() + ".");
        }
        if (cbench == null) {
            notes.add("C not measured: ipc4j-cbench was not built (" + CBench.PROPERTY + " unset).");
        }
        List<Measurement> plan = new ArrayList<>();
        for (Mechanism mechanism : Mechanisms.all()) {
            if (!only.isEmpty() && !only.contains(mechanism.id())) {
                continue;
            }
            if (!mechanism.available()) {
                notes.add(mechanism.label() + " not measured: this OS lacks it.");
                continue;
            }
            for (Kind kind : Kind.values()) {
                if (!kind.appliesTo(mechanism)) {
                    continue;
                }
                List<Impl> impls = new ArrayList<>();
                if (mechanism.hasC() && kind.hasC()) {
                    impls.add(Impl.C);
                }
                impls.addAll(kind.javaImpls(mechanism));
                for (int size : mechanism.sizes(settings, kind)) {
                    for (Impl impl : impls) {
                        Measurement m = new Measurement(mechanism.id(), kind, impl, size);
                        if (impl == Impl.C && cbench == null) {
                            m.skipped = "ipc4j-cbench not built";
                        } else if (impl == Impl.FFM && ffmReason != null) {
                            m.skipped = ffmReason;
                        } else if (kind.threads() && virtualReason != null) {
                            m.skipped = virtualReason;
                        } else if (impl == Impl.CHRONICLE && settings.forks == 0
                                && !ChannelMechanism.chronicleFlagsPresent()) {
                            m.skipped = "Chronicle Queue needs JVM flags (ChannelMechanism.CHRONICLE_JVM_FLAGS) that "
                                    + "this JVM lacks, and the smoke run measures in it (no fork)";
                        }
                        plan.add(m);
                    }
                }
            }
        }
        return plan;
    }

    /** The java that runs the FFM part: this one on JDK 22+, else the configured JDK 22+ (forks only). */
    private String ffmJava() {
        if (Runtime.version().feature() >= 22) {
            return null;
        }
        String java = System.getProperty(FFM_JAVA_PROPERTY);
        return java != null && Files.isExecutable(Path.of(java)) ? java : null;
    }

    /** Null when the thread kinds can run: in this JVM (21+), or in a fork of the JDK 22+ found for FFM. */
    private String virtualThreadsUnavailable() {
        String here = VirtualThreads.unavailableReason();
        if (here == null) {
            return null;
        }
        if (settings.forks == 0) {
            return here + " (the smoke run does not fork)";
        }
        return ffmJava() != null ? null : here + ", and no JDK 22+ was found to fork (bench/run.sh: FFM_JDK=/path/to/jdk)";
    }

    private String ffmUnavailable() {
        if (Runtime.version().feature() >= 22) {
            return Ffm.unavailableReason();
        }
        if (settings.forks == 0) {
            return "this JVM is " + Runtime.version() + " and FFM needs JDK 22+ (the smoke run does not fork)";
        }
        if (ffmJava() == null) {
            return "no JDK 22+ found (bench/run.sh: FFM_JDK=/path/to/jdk; property " + FFM_JAVA_PROPERTY + "); this JVM is "
                    + Runtime.version();
        }
        try {
            Class.forName(Ffm.CLASS, false, BenchMain.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return "the FFM binding is not on the class path (built without a JDK 22+)";
        } catch (LinkageError e) {
            return null; // there, compiled for a newer JDK than this one: the JDK 22+ fork loads it
        }
        return null;
    }

    private void runJmh(Measurement m, Path jmhLog) throws Exception {
        String classPath = System.getProperty(PeerProcess.CLASS_PATH_PROPERTY, System.getProperty("java.class.path"));
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + m.kind.benchmark().getName().replace(".", "\\.") + "\\.")
                .param("mechanism", m.mechanism)
                .param("impl", m.impl.id())
                .param("size", Integer.toString(m.size))
                .param("round", Integer.toString(m.round + 1))
                .shouldFailOnError(true)
                .output(jmhLog.toString())
                .forks(settings.forks)
                .warmupIterations(settings.warmupIterations)
                .warmupTime(TimeValue.milliseconds(Math.max(1, settings.warmupMillis)))
                .measurementIterations(settings.iterations)
                .measurementTime(TimeValue.milliseconds(settings.iterationMillis))
                .jvmArgsAppend(jvmArgs(m.impl, "-D" + Placement.PROPERTY + "=" + placement.id(),
                        "-D" + PeerProcess.CLASS_PATH_PROPERTY + "=" + classPath));
        if (m.kind.threads()) {
            options.param("thread", m.kind == Kind.VIRTUAL ? "virtual" : "platform");
        }
        boolean forkIsNew = Runtime.version().feature() >= 22;
        if ((m.impl == Impl.FFM || m.kind.threads() && Runtime.version().feature() < 21) && ffmJava() != null) {
            // FFM, and virtual threads when this JVM has none, run in a fork of the JDK 22+ (both thread
            // kinds: their ratio compares one JVM with itself)
            options.jvm(ffmJava());
            forkIsNew = true;
        }
        if (forkIsNew && settings.forks > 0) {
            options.jvmArgsPrepend("--enable-native-access=ALL-UNNAMED");
        }
        if (settings.forks > 0) {
            options.addProfiler(GCProfiler.class);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        if (results.isEmpty()) {
            throw new IllegalStateException("JMH returned no result");
        }
        RunResult r = results.iterator().next();
        jmhResults.add(r);
        Result<?> primary = r.getPrimaryResult();
        switch (m.kind) {
            case RTT:
                m.medianNs = primary.getStatistics().getPercentile(50) * 1e3;
                m.p99Ns = primary.getStatistics().getPercentile(99) * 1e3;
                m.p999Ns = primary.getStatistics().getPercentile(99.9) * 1e3;
                break;
            case TPUT:
                m.messagesPerSecond = primary.getScore();
                break;
            default:
                m.nsPerOp = primary.getScore();
                break;
        }
        for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                m.bytesPerOp = e.getValue().getScore();
            }
        }
    }

    /** args, and the flags an implementation's library needs on this JVM (Chronicle Queue's on JDK 17+). */
    static String[] jvmArgs(Impl impl, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (impl == Impl.CHRONICLE) {
            all.addAll(ChannelMechanism.CHRONICLE_JVM_FLAGS);
        }
        return all.toArray(new String[0]);
    }

    /** The raw results so far, every round (1, 2, ... in each, "round"): JMH's JSON and the C program's lines. */
    private void writeRaw() throws IOException {
        try (PrintStream json = new PrintStream(Files.newOutputStream(out.resolve("jmh-results.json")), true,
                StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, json).writeOut(jmhResults);
        }
        Files.writeString(out.resolve("c-results.json"), "[\n" + String.join(",\n", cResults) + "\n]\n");
    }

    List<Measurement> measurements() {
        return measurements;
    }

    static String sizeLabel(int size) {
        return size >= 1024 ? size / 1024 + " KiB" : size + " B";
    }
}
