package io.github.ipc4j.sysv;

import io.github.ipc4j.testing.ChildJvm;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each kernel limit reached for real, in a child JVM with an IPC namespace of its own (unshare --ipc, root)
 * whose kernel.sem is "5 10 4 3": the error names the limit, its value and the sysctl that raises it. The
 * host's limits and sets are untouched; the namespace's sets go with it.
 */
@EnabledOnOs(OS.LINUX)
class SysvSemLimitsTest {
    private static final String LIMITS = "5 10 4 3";

    @Test
    void everyLimitIsNamedWithItsValueAndHowToRaiseIt() throws Exception {
        Process probe = new ProcessBuilder("unshare", "--ipc", "true").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        Assumptions.assumeTrue(probe.waitFor() == 0, "needs unshare --ipc (root): a namespace with small limits");
        Map<String, String> lines = new TreeMap<>();
        try (ChildJvm child = ChildJvm.start(List.of("unshare", "--ipc", "sh", "-c",
                "echo '" + LIMITS + "' > /proc/sys/kernel/sem && exec \"$0\" \"$@\""), List.of(), SemLimitChild.class)) {
            child.assertSuccess(60);
            for (String line : child.output().split("\\R")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    lines.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
        }
        assertContains(lines.get("SEMMSL"), "IllegalArgumentException", "count 6 exceeds the kernel limit",
                "SEMMSL (semaphores in one set, 5; field 1 of /proc/sys/kernel/sem)",
                "sysctl -w kernel.sem='<SEMMSL> 10 4 3' with a higher SEMMSL");
        assertContains(lines.get("SEMOPM"), "IllegalArgumentException", "operations in one call: 5",
                "SEMOPM (operations in one semop call, 4; field 3", "kernel.sem='5 10 <SEMOPM> 3'");
        // ENOSPC: the error tells which of the two system-wide limits the existing sets reached
        assertContains(lines.get("SEMMNS"), "IpcException", "semget failed", "ENOSPC",
                "limit reached: SEMMNS (semaphores in all sets of the system, 10; field 2 of /proc/sys/kernel/sem)",
                "kernel.sem='5 <SEMMNS> 4 3'");
        assertContains(lines.get("SEMMNI"), "IpcException", "semget failed", "ENOSPC",
                "limit reached: SEMMNI (semaphore sets in the system, 3; field 4 of /proc/sys/kernel/sem)",
                "kernel.sem='5 10 4 <SEMMNI>'");
        assertTrue(!lines.get("SEMMNI").contains("or for SEMMNS"), lines.get("SEMMNI"));
    }

    private static void assertContains(String line, String... parts) {
        assertTrue(line != null, "the child printed no line for this limit");
        for (String part : parts) {
            assertTrue(line.contains(part), "'" + line + "' lacks '" + part + "'");
        }
    }
}
