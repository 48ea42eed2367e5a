package io.github.ipc4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * ipc4j bench MECHANISM: the benchmark suite's short mode for one mechanism, through the source tree's
 * ./bench/run.sh (which builds the suite and measures ipc4j against C, JNA, FFM and sockets), then its report.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure one mechanism: the benchmark suite's short mode (./bench/run.sh --only=MECHANISM).", "",
            "Needs an ipc4j source tree (found above the current directory or the tool's jar, or --source DIR);",
            "it builds the suite with Maven, measures for a few minutes and prints the report."})
final class BenchCommand implements Callable<Integer> {
    /** The suite's mechanisms (bench/.../Mechanisms.java). */
    static final List<String> MECHANISMS = List.of("posix-mq", "fifo", "sysv-msg", "posix-sem", "sysv-sem",
            "posix-shm", "sysv-shm", "shm-spin", "unix-socket", "tcp-loopback");

    @Parameters(paramLabel = "MECHANISM", description = "One of: posix-mq, fifo, sysv-msg, posix-sem, sysv-sem, "
            + "posix-shm, sysv-shm, shm-spin, unix-socket, tcp-loopback.")
    String mechanism;

    @Option(names = "--source", paramLabel = "DIR", description = "The ipc4j source tree (holding bench/run.sh).")
    Path source;

    @Option(names = "--cpus", paramLabel = "same|spread|none", description = "Where the two sides run (run.sh's "
            + "--cpus; default same).")
    String cpus;

    @Option(names = "--print-command", description = "Print the command instead of running it.")
    boolean printOnly;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!MECHANISMS.contains(mechanism)) {
            throw CliException.usage("no mechanism " + mechanism + "; the suite measures " + String.join(", ",
                    MECHANISMS));
        }
        if (cpus != null && !List.of("same", "spread", "none").contains(cpus)) {
            throw CliException.usage("--cpus " + cpus + ": say same, spread or none");
        }
        Path tree = findSource().orElseThrow(() -> CliException.failure("no ipc4j source tree here (bench/run.sh "
                + "above " + Paths.get("").toAbsolutePath() + " or the tool's jar): the benchmarks build from source. "
                + "Get it and run: ./bench/run.sh --only=" + mechanism + "  (or ipc4j bench " + mechanism
                + " --source DIR)"));
        List<String> command = new ArrayList<>(List.of("bash", tree.resolve("bench/run.sh").toString(),
                "--only=" + mechanism));
        if (cpus != null) {
            command.add("--cpus=" + cpus);
        }
        if (printOnly) {
            System.out.println(String.join(" ", command));
            return CliException.OK;
        }
        int exit = new ProcessBuilder(command).directory(tree.toFile()).inheritIO().start().waitFor();
        if (exit != 0) {
            throw CliException.failure("bench/run.sh failed (exit code " + exit + ")");
        }
        Path report = tree.resolve("bench/target/report/report.md");
        if (Files.exists(report)) {
            System.out.print(Files.readString(report));
        }
        return CliException.OK;
    }

    private Optional<Path> findSource() {
        if (source != null) {
            if (!Files.isRegularFile(source.resolve("bench/run.sh"))) {
                throw CliException.usage("--source " + source + ": no bench/run.sh there");
            }
            return Optional.of(source.toAbsolutePath());
        }
        List<Path> starts = new ArrayList<>();
        starts.add(Paths.get("").toAbsolutePath());
        try {
            starts.add(Paths.get(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            // no location: the current directory only
        }
        for (Path start : starts) {
            for (Path p = start; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("bench/run.sh"))) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
