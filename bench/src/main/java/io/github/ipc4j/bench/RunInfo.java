package io.github.ipc4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Which run a report came from: date, mode, JDKs, CPU, kernel, placement, limits. */
final class RunInfo {
    private RunInfo() {}

    static Map<String, String> collect(Settings settings, int rounds, Placement placement, String ffmJava) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("date", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        info.put("mode", settings.name().toLowerCase(java.util.Locale.ROOT) + " (" + describe(settings, rounds) + ")");
        info.put("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        info.put("FFM JDK", ffmJava != null ? version(ffmJava) : Runtime.version().feature() >= 22 ? "the same" : "none");
        info.put("CPU", cpu() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
        info.put("kernel", System.getProperty("os.name") + " " + read("/proc/sys/kernel/osrelease", System.getProperty("os.version")));
        info.put("placement", placement.id() + " (" + placementText(placement) + ")");
        info.put("mq limits", "msg_max " + read("/proc/sys/fs/mqueue/msg_max", "?") + ", msgsize_max "
                + read("/proc/sys/fs/mqueue/msgsize_max", "?"));
        info.put("commit", git());
        return info;
    }

    private static String describe(Settings s, int rounds) {
        String each = rounds > 1 ? rounds + " rounds (the implementations in turn, the order rotated per round), each: " : "";
        if (s.forks == 0) {
            return each + "one iteration of " + s.iterationMillis + " ms in this JVM";
        }
        return each + s.forks + " fork(s), " + s.warmupIterations + " x " + s.warmupMillis + " ms warm-up, " + s.iterations
                + " x " + s.iterationMillis + " ms measured; C " + s.cWarmupMillis + " ms + " + s.cMeasureMillis + " ms";
    }

    private static String placementText(Placement p) {
        switch (p) {
            case SAME:
                return "both measuring threads on CPU 0";
            case SPREAD:
                return "side A on CPU 0, side B on CPU 1";
            default:
                return "left to the scheduler";
        }
    }

    private static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // below
        }
        return System.getProperty("os.arch");
    }

    private static String read(String file, String fallback) {
        try {
            // readAllLines, not readString: procfs files report size 0 and readString then reads too little
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.isEmpty() ? fallback : lines.get(0).trim();
        } catch (IOException e) {
            return fallback;
        }
    }

    private static String version(String java) {
        String v = run(java, "-XshowSettings:properties", "-version");
        for (String line : v.split("\n")) {
            if (line.trim().startsWith("java.runtime.version")) {
                return java + " (" + line.substring(line.indexOf('=') + 1).trim() + ")";
            }
        }
        return java;
    }

    private static String git() {
        String head = run("git", "rev-parse", "--short", "HEAD").trim();
        return head.isEmpty() || head.contains(" ") ? "unknown" : head;
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(20, TimeUnit.SECONDS);
            return p.exitValue() == 0 ? out : "";
        } catch (IOException | InterruptedException | IllegalThreadStateException e) {
            return "";
        }
    }
}
