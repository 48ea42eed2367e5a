package io.github.ipc4j.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's verdicts: each target of issue 10 met or missed, by how much; failures with their cause. */
class ReportTest {
    private final List<Measurement> measurements = new ArrayList<>();

    private Measurement add(Kind kind, Impl impl, int size, double value) {
        Measurement m = new Measurement("posix-mq", kind, impl, size);
        set(m, value);
        measurements.add(m);
        return m;
    }

    /** The headline number of m's kind (and an RTT's p99: twice the median). */
    private static void set(Measurement m, double value) {
        switch (m.kind) {
            case RTT:
                m.medianNs = value;
                m.p99Ns = value * 2;
                break;
            case TPUT:
                m.messagesPerSecond = value;
                break;
            default:
                m.nsPerOp = value;
                break;
        }
    }

    /** kind's rounds of impl, one value per round (NaN: the round failed), combined as BenchMain does. */
    private Measurement addRounds(Kind kind, Impl impl, double... values) {
        List<Measurement> rounds = new ArrayList<>();
        for (int r = 0; r < values.length; r++) {
            Measurement m = new Measurement("posix-mq", kind, impl, 8).round(r);
            if (Double.isNaN(values[r])) {
                m.failed = "java.io.IOException: peer JVM pid 2 exited with status 1 in round " + (r + 1);
            } else {
                set(m, values[r]);
            }
            rounds.add(m);
        }
        Measurement combined = Measurement.combine(rounds);
        measurements.add(combined);
        return combined;
    }

    /**
     * Measured in rounds, a target is judged on the median of the per-round comparisons (the machine ran 30 %
     * slower in round 2 and 30 % faster in round 3, for every implementation alike), shown with its range; a
     * failed round is reported with its cause and left out.
     */
    @Test
    void inRoundsEachTargetIsTheMedianOfThePairedRoundsWithItsRange(@TempDir Path dir) throws Exception {
        addRounds(Kind.RTT, Impl.C, 2000, 2600, 1400);
        addRounds(Kind.RTT, Impl.IPC4J, 2080, 2704, Double.NaN);       // 1.04 x C in both paired rounds
        addRounds(Kind.RTT, Impl.JNA, 2200, 2860, 1610);               // ipc4j/JNA 0.945 in the paired rounds
        addRounds(Kind.TPUT, Impl.C, 100_000, 130_000, 70_000);
        addRounds(Kind.TPUT, Impl.IPC4J, 96_000, 117_000, 67_200);     // 0.96, 0.90, 0.96
        addRounds(Kind.SINGLE, Impl.C, 100, 130, 70);
        addRounds(Kind.SINGLE, Impl.IPC4J, 150, 175, 125);             // overhead 50, 45, 55
        addRounds(Kind.SINGLE, Impl.JNA, 400, 430, 370);               // 300 each: a fifth 60
        addRounds(Kind.SINGLE, Impl.FFM, 130, 160, 100);               // 30 each: + 10 = 40

        new Report(measurements, Map.of("mode", "test"), List.of()).write(dir);
        String md = Files.readString(dir.resolve("report.md"));

        assertTrue(md.contains("round trip ≤ 1.05 × C | POSIX message queue 8 B | 1.04 × (1.04–1.04 over 2 rounds) | "
                + "1.05 × | met ✓ | 0.01 × to spare"), md);
        assertTrue(md.contains("| 1.04× (1.04–1.04) ✓ | 0.95× (0.95–0.95) |"), md);
        assertTrue(md.contains("one-way throughput ≥ 0.95 × C | POSIX message queue 8 B | 0.96 × (0.90–0.96 over 3 "
                + "rounds) | 0.95 × | met ✓ | 0.01 × to spare"), md);
        assertTrue(md.contains("per-call overhead ≤ FFM's + 10 ns | POSIX message queue | 50 ns (45–55 over 3 rounds) | "
                + "40 ns | <span style=\"color:#c00\">**missed ✗**</span> | by 10 ns"), md);
        assertTrue(md.contains("per-call overhead ≤ JNA's / 5 | POSIX message queue | 50 ns (45–55 over 3 rounds) | "
                + "60 ns | met ✓ | 10 ns to spare"), md);
        assertTrue(md.contains("POSIX message queue, round trip, ipc4j, 8 B, round 3 of 3 (the others are used):\n\n```\n"
                + "java.io.IOException: peer JVM pid 2 exited with status 1 in round 3"), md);
        assertTrue(md.contains("1 of 4 checks missed. 1 measurement(s) failed"), md);
        assertTrue(md.contains("median over the rounds of the per-round ratio"), md);
        assertTrue(Files.readString(dir.resolve("index.html")).contains("median over the rounds of the per-round ratio"));
    }

    @Test
    void everyTargetIsMetOrMissedByHowMuch(@TempDir Path dir) throws Exception {
        add(Kind.RTT, Impl.C, 8, 5000);
        add(Kind.RTT, Impl.IPC4J, 8, 5500);                  // 1.10 x C: missed by 0.05 x
        add(Kind.TPUT, Impl.C, 8, 100_000);
        add(Kind.TPUT, Impl.IPC4J, 8, 96_000).bytesPerOp = 0;  // 0.96 x C: met
        add(Kind.RTT, Impl.FFM, 8, 5400);                    // a JVM's bare calls: 1.08 x C
        add(Kind.TPUT, Impl.C, 1024, 100_000);
        add(Kind.TPUT, Impl.IPC4J, 1024, 50_000);             // 0.50 x C: missed by 0.45 x
        add(Kind.SINGLE, Impl.C, 8, 100);
        add(Kind.SINGLE, Impl.IPC4J, 8, 150).bytesPerOp = 24;  // overhead 50 ns; allocates: missed
        add(Kind.SINGLE, Impl.JNA, 8, 400);                   // JNA's 300 ns, a fifth 60: met by 10 ns
        add(Kind.SINGLE, Impl.FFM, 8, 130);                   // FFM's 30 ns + 10 = 40: missed by 10 ns
        add(Kind.PLATFORM, Impl.IPC4J, 8, 6000);
        add(Kind.VIRTUAL, Impl.IPC4J, 8, 9000);
        Measurement failed = new Measurement("posix-mq", Kind.RTT, Impl.JNA, 8);
        failed.failed = "java.io.IOException: the peer process did not become ready: peer JVM pid 1 exited with status 1";
        measurements.add(failed);

        new Report(measurements, Map.of("mode", "test"), List.of()).write(dir);
        String md = Files.readString(dir.resolve("report.md"));

        assertTrue(md.contains("round trip ≤ 1.05 × C | POSIX message queue 8 B | 1.10 × | 1.05 × | "
                + "<span style=\"color:#c00\">**missed ✗**</span> | by 0.05 × (5% over); FFM, the bare calls from a "
                + "JVM: 1.08 × C"), md);
        assertTrue(md.contains("round trip 8 B: ipc4j is 1.10 × C (target ≤ 1.05 ×); FFM, the bare calls from a JVM: "
                + "1.08 × C"), md);
        assertTrue(md.contains("one-way throughput ≥ 0.95 × C | POSIX message queue 8 B | 0.96 × | 0.95 × | met ✓ | "
                + "0.01 × to spare"), md);
        assertTrue(md.contains("one-way throughput ≥ 0.95 × C | POSIX message queue 1 KiB | 0.50 × | 0.95 × | "
                + "<span style=\"color:#c00\">**missed ✗**</span> | by 0.45 × (47% short)"), md); // no FFM there
        assertTrue(md.contains("per-call overhead ≤ FFM's + 10 ns | POSIX message queue | 50 ns | 40 ns | "
                + "<span style=\"color:#c00\">**missed ✗**</span> | by 10 ns"), md);
        assertTrue(md.contains("per-call overhead ≤ JNA's / 5 | POSIX message queue | 50 ns | 60 ns | met ✓ | "
                + "10 ns to spare"), md);
        assertTrue(md.contains("0 B/op | POSIX message queue, single-process send+receive 8 B | 24.00 B/op"), md);
        assertTrue(md.contains("0 B/op | POSIX message queue, one-way throughput 8 B | 0.00 B/op | < 0.5 B/op | met"), md);
        assertTrue(md.contains("4 of 7 checks missed. 1 measurement(s) failed"), md);
        assertTrue(md.contains("| POSIX message queue | 5500 | 6000 | 9000 | 1.50× |"), md);
        assertTrue(md.contains("## Failed measurements") && md.contains(failed.failed), md);
        assertTrue(md.contains("- **Every kernel-mediated mechanism**: What is left of the round-trip gap"), md);
        assertTrue(md.indexOf("**Every kernel-mediated mechanism**") < md.indexOf("**POSIX message queue**: "), md);
        assertTrue(Files.readString(dir.resolve("index.html")).contains("Targets, one by one"));
    }
}
