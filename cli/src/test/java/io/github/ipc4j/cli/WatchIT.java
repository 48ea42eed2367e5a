package io.github.ipc4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * watch in a real terminal: tmux runs it (its own server socket), capture-pane reads the screen, send-keys types
 * Ctrl-C. The most recently active object rises to the top, and Ctrl-C gives the screen back with exit code 0.
 */
@EnabledOnOs(OS.LINUX)
class WatchIT {
    @Test
    void liveViewSortedByActivityAndCtrlCExitsCleanly() throws Exception {
        assumeTrue(Tool.execRaw(List.of("sh", "-c", "command -v tmux"), null).exit == 0, "needs tmux");
        assumeTrue(Tool.mqueueMounted(), "/dev/mqueue is not mounted and cannot be mounted here");
        String tag = Tool.unique("watch");
        String a = "/" + tag + "-a";
        String b = "/" + tag + "-b";
        String socket = tag;
        // CHANGES counts the looks that saw an object differ from the look before; a look can fall between the
        // kernel's update of a queue's time and the read of its count, and count one send twice: only "changed" is
        // asserted, not how many times
        try {
            Tool.run("mq", "send", "--create", a, "one").expect(0);
            Tool.run("mq", "send", "--create", b, "one").expect(0);
            Tool.sh("tmux", "-L", socket, "new-session", "-d", "-s", "w", "-x", "150", "-y", "30",
                    Tool.launcher() + " watch --interval 200ms --name '*" + tag + "*'; echo EXIT=$?; sleep 120");

            screen(socket, s -> s.contains("mq:" + a) && s.contains("mq:" + b), "both queues shown");

            Tool.run("mq", "send", b, "two").expect(0);
            String top = screen(socket, s -> firstRow(s).startsWith("mq:" + b) && firstRow(s).matches(".*\\s2\\s+[1-9]\\d*\\s.*"),
                    "b on top with 2 messages, changed");
            assertTrue(top.contains("ipc4j watch") && top.contains("Ctrl-C quits"), top);

            Tool.run("mq", "send", a, "two").expect(0);
            Tool.run("mq", "send", a, "three").expect(0);
            screen(socket, s -> firstRow(s).startsWith("mq:" + a) && firstRow(s).matches(".*\\s3\\s+[1-9]\\d*\\s.*"),
                    "a on top now, 3 messages");

            Tool.sh("tmux", "-L", socket, "send-keys", "-t", "w", "C-c");
            String after = screen(socket, s -> s.contains("EXIT=0"), "exit code 0 after Ctrl-C");
            assertFalse(after.contains("Ctrl-C quits"), "the alternate screen was left:\n" + after);
            assertTrue(after.contains("ipc4j watch: stopped"), after);
            assertFalse(after.contains("Exception"), after);
        } finally {
            Tool.execRaw(List.of("tmux", "-L", socket, "kill-server"), null);
            Tool.cleanUp("mq:" + a, "mq:" + b);
        }
    }

    /** The first object row: the line after the column header. */
    private static String firstRow(String screen) {
        List<String> lines = screen.lines().collect(java.util.stream.Collectors.toList());
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("OBJECT")) {
                return lines.get(i + 1);
            }
        }
        return "";
    }

    /** Captures the pane until it shows what is expected (60 s at most). */
    private static String screen(String socket, Predicate<String> expected, String what) throws Exception {
        String last = "";
        for (int i = 0; i < 300; i++) {
            last = Tool.execRaw(List.of("tmux", "-L", socket, "capture-pane", "-p", "-t", "w"), null).out;
            if (expected.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(what + ": not seen in 60 s; the screen:\n" + last);
    }
}
