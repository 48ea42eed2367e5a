package io.github.ipc4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * gc with a creator killed by SIGKILL: a program using the library creates POSIX objects (which the library
 * records) and an attached System V segment, and dies without cleaning up. gc lists exactly those (not the
 * objects of a creator still running) and removes them only with --yes.
 */
@EnabledOnOs(OS.LINUX)
class GcIT {
    private static Process creator(String prefix, String key) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED"); // else JDK 24+ warns on loading the library
        }
        command.add("-cp");
        command.add(Tool.jar() + ":" + Paths.get("target", "test-classes").toAbsolutePath());
        command.add(Creator.class.getName());
        command.add(prefix);
        command.add(key);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertEquals("ready", line, "the creator's first line");
        return p;
    }

    @Test
    void objectsOfASigkilledCreatorAreFoundAndRemovedOnlyWithYes() throws Exception {
        assumeTrue(Tool.mqueueMounted(), "/dev/mqueue is not mounted and cannot be mounted here");
        String tag = Tool.unique("gc");
        String dead = "/" + tag + "-dead";
        String live = "/" + tag + "-live";
        String deadKey = Tool.uniqueKey();
        String liveKey = Tool.uniqueKey();
        Process killed = creator(dead, deadKey);
        Process running = creator(live, liveKey);
        try {
            killed.destroyForcibly(); // SIGKILL: nothing unlinked, nothing detached by the program
            assertTrue(killed.waitFor(30, TimeUnit.SECONDS));

            String glob = "*" + tag + "*";
            String ls = Tool.run("ls", "--name", glob).expect(0).out;
            assertTrue(ls.contains("mq:" + dead + "-mq") && ls.contains("(dead)"), ls);

            String dry = gc(glob, deadKey, liveKey, false);
            for (String o : List.of("mq:" + dead + "-mq", "shm:" + dead + "-shm", "sem:" + dead + "-sem",
                    "shm:" + deadKey)) {
                assertTrue(dry.contains(o), o + " listed:\n" + dry);
            }
            assertFalse(dry.contains(live) || dry.contains(liveKey), "a running creator's objects stay:\n" + dry);
            assertTrue(dry.contains("would remove") && dry.contains("creator " + killed.pid() + " dead"), dry);
            Tool.run("stat", "mq:" + dead + "-mq").expect(0); // the dry run removed nothing

            String removed = gc(glob, deadKey, liveKey, true);
            assertEquals(4, removed.lines().filter(l -> l.endsWith("removed")).count(), removed);
            Tool.run("stat", "mq:" + dead + "-mq").expect(1);
            Tool.run("stat", "shm:" + deadKey).expect(1);
            Tool.run("stat", "mq:" + live + "-mq").expect(0);
            Tool.run("stat", "shm:" + liveKey).expect(0);
            assertTrue(gc(glob, deadKey, liveKey, false).contains("no objects with a dead creator"));
        } finally {
            running.getOutputStream().close(); // its stdin closes: it closes its objects and exits
            running.waitFor(30, TimeUnit.SECONDS);
            running.destroyForcibly();
            for (String prefix : List.of(dead, live)) {
                Tool.cleanUp("mq:" + prefix + "-mq", "shm:" + prefix + "-shm", "sem:" + prefix + "-sem");
            }
            Tool.cleanUp("shm:" + deadKey, "shm:" + liveKey);
        }
    }

    /** gc over this test's objects only: its POSIX names, then its two System V keys. */
    private static String gc(String glob, String deadKey, String liveKey, boolean yes) throws Exception {
        StringBuilder all = new StringBuilder();
        for (String filter : List.of(glob, deadKey, liveKey)) {
            List<String> args = new ArrayList<>(List.of("gc", "--name", filter));
            if (yes) {
                args.add("--yes");
            }
            all.append(Tool.run(args.toArray(new String[0])).expect(0).out);
        }
        return all.toString();
    }
}
