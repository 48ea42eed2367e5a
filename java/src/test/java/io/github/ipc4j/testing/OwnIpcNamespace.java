package io.github.ipc4j.testing;

import org.junit.jupiter.api.Assumptions;

import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM in an IPC namespace of its own ({@code unshare -i}, root only), where a test may set
 * kernel.*_next_id without touching anyone else's objects. The child's main ends with {@link #SKIPPED} when
 * the namespace cannot do what the test needs, 0 when every {@link #check} held, 1 (after the message) otherwise.
 */
public final class OwnIpcNamespace {
    /** The child's exit code for "cannot be tested here". */
    public static final int SKIPPED = 77;

    private OwnIpcNamespace() {}

    /**
     * Runs main in a child JVM in a namespace of its own, after prefix (e.g. env with LD_PRELOAD), and asserts it
     * succeeds; skips the test without root or when the child says SKIPPED.
     */
    public static void run(List<String> prefix, Class<?> main) throws Exception {
        Process probe = new ProcessBuilder("unshare", "-i", "true").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        Assumptions.assumeTrue(probe.waitFor() == 0, "unshare -i needs root");
        List<String> command = new ArrayList<>(List.of("unshare", "-i"));
        command.addAll(prefix);
        try (ChildJvm child = ChildJvm.start(command, List.of(), main)) {
            int code = child.waitFor(120);
            Assumptions.assumeTrue(code != SKIPPED, child.output());
            child.assertSuccess(1);
        }
    }

    /** In the child: prints message and exits 1 unless condition holds. */
    public static void check(boolean condition, String message) {
        if (!condition) {
            System.out.println(message);
            System.exit(1);
        }
    }
}
