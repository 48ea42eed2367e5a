package io.github.ipc4j.sysv;

import io.github.ipc4j.testing.ChildJvm;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The message queue limits reached for real, in a child JVM with an IPC namespace of its own (unshare --ipc,
 * root) where kernel.msgmni is 2, msgmax 100 and msgmnb 200: each error names the limit, its file and the
 * sysctl that raises it. The host's limits and queues are untouched; the namespace's queues go with it.
 */
@EnabledOnOs(OS.LINUX)
class SysvMsgLimitsTest {
    /** Reaches each limit in its namespace and prints "NAME: exception class: message" per limit. */
    public static final class LimitChild {
        public static void main(String[] args) throws Exception {
            List<SysvMessageQueue> made = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    made.add(SysvMessageQueue.createPrivate());
                }
                System.out.println("MSGMNI: none");
            } catch (Exception e) {
                System.out.println("MSGMNI: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            SysvMessageQueue q = made.get(0);
            System.out.println("MSGMNB: " + q.status().maxBytes());
            try {
                q.send(new byte[101], 1);
                System.out.println("MSGMAX: none");
            } catch (Exception e) {
                System.out.println("MSGMAX: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            q.send(new byte[100], 1);
            System.out.println("SENT: " + q.status().bytes());
        }
    }

    @Test
    void everyLimitIsNamedWithHowToRaiseIt() throws Exception {
        Process probe = new ProcessBuilder("unshare", "--ipc", "true").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        Assumptions.assumeTrue(probe.waitFor() == 0, "needs unshare --ipc (root): a namespace with small limits");
        Map<String, String> lines = new TreeMap<>();
        String setLimits = "echo 2 > /proc/sys/kernel/msgmni && echo 100 > /proc/sys/kernel/msgmax"
                + " && echo 200 > /proc/sys/kernel/msgmnb && exec \"$0\" \"$@\"";
        try (ChildJvm child = ChildJvm.start(List.of("unshare", "--ipc", "sh", "-c", setLimits), List.of(),
                LimitChild.class)) {
            child.assertSuccess(60);
            for (String line : child.output().split("\\R")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    lines.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
        }
        assertContains(lines.get("MSGMNI"), "IpcException", "msgget failed", "ENOSPC",
                "limit reached: /proc/sys/kernel/msgmni (2)", "sysctl -w kernel.msgmni=<higher>");
        assertContains(lines.get("MSGMAX"), "IllegalArgumentException", "101 bytes", "msgmax 100 bytes",
                "/proc/sys/kernel/msgmax", "sysctl -w kernel.msgmax=<higher>");
        assertContains(lines.get("MSGMNB"), "200");
        assertContains(lines.get("SENT"), "100");
    }

    private static void assertContains(String line, String... parts) {
        assertTrue(line != null, "the child printed no line for this limit");
        for (String part : parts) {
            assertTrue(line.contains(part), "'" + line + "' lacks '" + part + "'");
        }
    }
}
