package io.github.ipc4j.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
}
