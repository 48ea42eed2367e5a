package io.github.ipc4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Why a measurement failed, in words: the whole chain of an exception (causes and suppressed exceptions:
 * JMH's RunnerException carries the benchmark's own exceptions as suppressed ones of its cause), and what
 * JMH's log of a forked run says after "&lt;failure&gt;" (a fork's exception reaches this JVM only as text).
 */
final class Failure {
    /** Stack frames quoted per exception that has neither cause nor suppressed ones (where it was thrown). */
    private static final int FRAMES = 6;
    private static final int LOG_LINES = 60;

    private Failure() {}

    static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        describe(e, "", "", b, Collections.newSetFromMap(new IdentityHashMap<>()));
        return b.toString().strip();
    }

    private static void describe(Throwable t, String indent, String prefix, StringBuilder b, Set<Throwable> seen) {
        if (!seen.add(t)) {
            b.append(indent).append(prefix).append("(the same ").append(t.getClass().getName()).append(")\n");
            return;
        }
        b.append(indent).append(prefix).append(t.toString().replace("\n", "\n" + indent + "  ")).append('\n');
        if (t.getCause() == null && t.getSuppressed().length == 0) { // where it was thrown (not JMH's wrappers)
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
                b.append(indent).append("    at ").append(frames[i]).append('\n');
            }
        }
        for (Throwable s : t.getSuppressed()) {
            describe(s, indent + "  ", "suppressed: ", b, seen);
        }
        if (t.getCause() != null) {
            describe(t.getCause(), indent, "caused by: ", b, seen);
        }
    }

    /** The failures JMH logged in log (a forked run's exceptions), or null when it logged none. */
    static String fromLog(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().endsWith("<failure>")) { // "Iteration   1: <failure>", or alone
                continue;
            }
            int quoted = 0;
            int frames = 0;
            for (int j = i + 1; j < lines.size() && quoted < LOG_LINES; j++) {
                String line = lines.get(j);
                if (line.startsWith("# ") || line.trim().endsWith("<failure>")) {
                    break;
                }
                boolean frame = line.trim().startsWith("at ");
                frames = frame ? frames + 1 : 0;
                if (line.isBlank() || frame && frames > FRAMES) {
                    continue;
                }
                b.append("    ").append(line.strip()).append('\n');
                quoted++;
            }
        }
        return b.length() == 0 ? null : b.toString().stripTrailing();
    }
}
