package io.github.ipc4j.limits;

import io.github.ipc4j.testing.ChildJvm;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel's limit on a process's memory mappings (vm.max_map_count) is shared with the JVM, which ends the
 * process when one of its own is refused. A JVM that opens named semaphores or attaches a System V segment
 * until it is refused (each is one mapping) gets an IpcException naming the limit, with room left to start
 * threads; after closing everything it opens again.
 */
@EnabledOnOs(OS.LINUX)
class MappingLimitTest {
    @ParameterizedTest
    @ValueSource(strings = {"sem", "sysv"})
    void openingPastTheMappingLimitIsRefusedAndTheJvmLives(String kind) throws Exception {
        // readString reads a first byte alone, which a sysctl file answers with its first digit only
        long limit = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/vm/max_map_count")).get(0).trim());
        try (ChildJvm child = ChildJvm.start(MappingLimitChild.class, kind, String.format("/ipc4j-map-%08x-", java.util.concurrent.ThreadLocalRandom.current().nextInt()))) {
            int code = child.waitFor(300);
            String out = child.output();
            assertEquals(0, code, out);
            Matcher refused = Pattern.compile("REFUSED after (\\d+): (.*)").matcher(out);
            assertTrue(refused.find(), out);
            long opened = Long.parseLong(refused.group(1));
            assertTrue(opened > limit / 2 && opened < limit, "refused after " + opened + " of a limit of " + limit);
            assertTrue(refused.group(2).contains("vm.max_map_count (" + limit + " mappings per process)")
                    && refused.group(2).contains("sysctl -w vm.max_map_count=<higher>"), refused.group(2));
            assertTrue(out.contains("THREADS 200") && out.contains("REOPENED"), out);
        }
    }
}
