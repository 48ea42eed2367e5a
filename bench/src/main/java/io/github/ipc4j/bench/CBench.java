package io.github.ipc4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs bench/native's ipc4j-cbench and reads its one line of JSON. */
final class CBench {
    /** Where the program is: run.sh and the build set it. */
    static final String PROPERTY = "ipc4j.bench.cbench";
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\"?([^\",}]*)\"?");

    private final Path program;

    CBench(Path program) {
        this.program = program;
    }

    static CBench located() {
        String path = System.getProperty(PROPERTY);
        return path == null || !Files.isExecutable(Path.of(path)) ? null : new CBench(Path.of(path));
    }

    /** Measures; returns the raw JSON line and fills m. */
    String run(Measurement m, Settings settings, Placement placement) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("ipc4j-cbench-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(program.toString(), m.mechanism, m.kind.id(), Integer.toString(m.size),
                    Integer.toString(settings.cWarmupMillis), Integer.toString(settings.cMeasureMillis))
                    .redirectError(errors.toFile());
            pb.environment().put("CBENCH_CPUS", placement.id());
            Process p = pb.start();
            // the program bounds itself (alarm: its run + 120 s); reading its output ends when it does
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(program + " did not finish");
            }
            if (p.exitValue() != 0 || out.isEmpty()) {
                String said = Files.readString(errors, StandardCharsets.UTF_8).strip();
                throw new IOException(program + " " + String.join(" ", pb.command().subList(1, pb.command().size()))
                        + " failed with exit " + p.exitValue() + (p.exitValue() == 128 + 14 ? " (SIGALRM: it took too long)" : "")
                        + (said.isEmpty() ? ", and wrote nothing" : ", and wrote:\n    " + said.replace("\n", "\n    ")));
            }
            parse(out, m);
            return out;
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static void parse(String out, Measurement m) {
        Matcher f = FIELD.matcher(out);
        while (f.find()) {
            String value = f.group(2);
            switch (f.group(1)) {
                case "median_ns":
                    m.medianNs = Double.parseDouble(value);
                    break;
                case "p99_ns":
                    m.p99Ns = Double.parseDouble(value);
                    break;
                case "p999_ns":
                    m.p999Ns = Double.parseDouble(value);
                    break;
                case "msgs_per_s":
                    m.messagesPerSecond = Double.parseDouble(value);
                    break;
                case "ns_per_op":
                    m.nsPerOp = Double.parseDouble(value);
                    break;
                default:
                    break;
            }
        }
    }
}
