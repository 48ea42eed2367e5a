package io.github.ipc4j.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every benchmark of the suite, once, for one tiny iteration (JMH in this JVM, each two-process one with
 * its real peer JVM; the C program with a few milliseconds): a broken benchmark fails the build. No
 * number is checked: speed is the report's business, not a test's.
 */
class SmokeTest {
    @Test
    // generous: on a busy machine each peer JVM may take tens of seconds to start (every wait on one is bounded)
    @Timeout(value = 30, unit = java.util.concurrent.TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyBenchmarkRunsOnceAndTheReportIsWritten(@TempDir Path out) throws Exception {
        // JMH takes a machine-wide lock (/tmp/jmh.lock) so that two measurements do not disturb each other; a
        // smoke run measures nothing, and must not fail because another build on the machine runs JMH
        System.setProperty("jmh.ignoreLock", "true");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BenchMain main = new BenchMain(Settings.SMOKE, List.of(), out, Placement.current(),
                new PrintStream(progress, true, StandardCharsets.UTF_8));
        List<String> failures = main.run();
        String log = progress.toString(StandardCharsets.UTF_8);
        System.out.println(log);
        assertEquals(List.of(), failures, log);

        List<Measurement> done = main.measurements();
        for (Mechanism mechanism : Mechanisms.all()) {
            if (!mechanism.available()) {
                continue;
            }
            for (Kind kind : Kind.values()) {
                if (!kind.appliesTo(mechanism)) {
                    continue;
                }
                for (Impl impl : kind.javaImpls(mechanism)) {
                    boolean mayBeSkipped = impl == Impl.FFM || kind.threads() && VirtualThreads.unavailableReason() != null;
                    assertTrue(done.stream().anyMatch(m -> m.mechanism.equals(mechanism.id()) && m.kind == kind
                                    && m.impl == impl && (m.measured() || (mayBeSkipped && m.skipped != null))),
                            mechanism + " " + kind + " " + impl + " measured\n" + log);
                }
                if (mechanism.hasC() && kind.hasC()) {
                    assertTrue(done.stream().anyMatch(m -> m.mechanism.equals(mechanism.id()) && m.kind == kind
                            && m.impl == Impl.C && m.measured()), mechanism + " " + kind + " C measured\n" + log);
                }
            }
        }
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("## Round-trip latency"), report);
        assertTrue(report.contains("## Targets, one by one"), report);
        assertTrue(report.contains("## Virtual threads"), report);
        assertTrue(Files.readString(out.resolve("index.html")).contains("echarts.init"));
        assertTrue(Files.size(out.resolve("echarts.min.js")) > 100_000, "echarts copied beside the page");
        assertTrue(Files.readString(out.resolve("jmh-results.json")).contains("\"benchmark\""));
        assertTrue(Files.readString(out.resolve("c-results.json")).contains("\"median_ns\""));
    }

    /**
     * Two rounds of one mechanism, for real: each implementation once per round, the second round in the order
     * rotated by one, each combined measurement made of its two rounds, the report's ratios paired over them,
     * and the raw results holding both rounds.
     */
    @Test
    @Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void inRoundsEachImplementationRunsOncePerRoundInRotatedOrderAndTheRatiosArePaired(@TempDir Path out)
            throws Exception {
        System.setProperty("jmh.ignoreLock", "true");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BenchMain main = new BenchMain(Settings.SMOKE, 2, List.of("posix-sem"), out, Placement.current(),
                new PrintStream(progress, true, StandardCharsets.UTF_8));
        List<String> failures = main.run();
        String log = progress.toString(StandardCharsets.UTF_8);
        System.out.println(log);
        assertEquals(List.of(), failures, log);

        List<List<String>> order = List.of(new ArrayList<>(), new ArrayList<>());
        Matcher line = Pattern.compile("(?m)^\\[\\d+/\\d+\\] posix-sem +round trip +(C|ipc4j|JNA|FFM) +8 B r([12])/2  ")
                .matcher(log);
        while (line.find()) {
            order.get(Integer.parseInt(line.group(2)) - 1).add(line.group(1));
        }
        assertTrue(order.get(0).containsAll(List.of("C", "ipc4j", "JNA")), log);
        assertEquals(Rounds.rotated(order.get(0), 1), order.get(1), log);

        for (Measurement m : main.measurements()) {
            if (m.skipped == null) {
                assertEquals(2, m.rounds.size(), m.kind + " " + m.impl);
                assertTrue(m.measured(), m.kind + " " + m.impl);
            }
        }
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("round trip ≤ 1.05 × C | POSIX named semaphore 8 B | ") && report.contains(
                "over 2 rounds) | 1.05 × |"), report);
        assertTrue(report.contains("every measurement ran in 2 rounds"), report);
        String jmh = Files.readString(out.resolve("jmh-results.json"));
        assertTrue(jmh.contains("\"round\" : \"1\"") && jmh.contains("\"round\" : \"2\""), jmh);
        String c = Files.readString(out.resolve("c-results.json"));
        assertTrue(c.contains("{\"round\":1,\"mechanism\":\"posix-sem\"") && c.contains("{\"round\":2,"), c);
    }
}
