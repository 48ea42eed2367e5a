package io.github.ipc4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bench finds the source tree's run.sh (above the jar), names the mechanism, and says where to go without one. The
 * measurement itself is bench/'s job and is not run here (its SmokeTest runs every benchmark once).
 */
@EnabledOnOs(OS.LINUX)
class BenchIT {
    @Test
    void runsTheSuitesShortModeForOneMechanism() throws Exception {
        Path tree = Tool.jar().getParent().getParent().getParent(); // cli/target/x.jar -> the source tree
        assertEquals("bash " + tree.resolve("bench/run.sh") + " --only=sysv-msg --cpus=spread\n",
                Tool.run("bench", "sysv-msg", "--cpus", "spread", "--print-command").expect(0).out);
    }

    @Test
    void unknownMechanismIsAUsageError() throws Exception {
        Tool.Result r = Tool.run("bench", "carrier-pigeon").expect(2);
        assertTrue(r.err.contains("no mechanism carrier-pigeon; the suite measures posix-mq, fifo"), r.err);
    }

    @Test
    void withoutASourceTreeItPointsAtRunSh() throws Exception {
        Path empty = Files.createTempDirectory("ipc4j-cli-bench");
        Path copy = empty.resolve("ipc4j-cli.jar");
        try {
            Files.copy(Tool.jar(), copy);
            Tool.Result r = Tool.execIn(empty, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", copy.toString(), "bench", "posix-mq"), null).expect(1);
            assertTrue(r.err.contains("no ipc4j source tree") && r.err.contains("./bench/run.sh --only=posix-mq"),
                    r.err);
        } finally {
            Files.deleteIfExists(copy);
            Files.deleteIfExists(empty);
        }
    }
}
