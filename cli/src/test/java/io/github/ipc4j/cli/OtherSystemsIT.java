package io.github.ipc4j.cli;

import io.github.ipc4j.windows.WindowsNamedPipeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged tool on macOS and Windows (the hosted workflow runs these): what it does with that system's
 * objects, and the one line it prints for what the system lacks. Run as `java -jar`, as ipc4j.cmd does.
 */
class OtherSystemsIT {
    private static Tool.Result tool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", Tool.jar().toString()));
        command.addAll(Arrays.asList(args));
        return Tool.execRaw(command, null);
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void windowsListsItsNamedPipesAndNamesWhatItLacks() throws Exception {
        String name = "\\\\.\\pipe\\ipc4j-cli-it-" + UUID.randomUUID();
        try (WindowsNamedPipeServer server = WindowsNamedPipeServer.create(name)) {
            Tool.Result json = tool("ls", "--type", "pipe", "--name", "*ipc4j-cli-it-*", "--json").expect(0);
            String escaped = name.replace("\\", "\\\\");
            assertTrue(json.out.contains("\"name\":\"" + escaped + "\"") && json.out.contains("\"type\":\"pipe\""),
                    json.toString());
            Tool.Result table = tool("ls", "--name", name).expect(0);
            assertTrue(table.out.contains("pipe:" + name), table.toString());
        }
        assertTrue(tool("ls", "--json", "--name", name).expect(0).out.strip().equals("[]"));
        Tool.Result mq = tool("mq", "send", "/x", "hello").expect(1);
        assertTrue(mq.err.startsWith("ipc4j mq send: Windows has no POSIX or System V IPC"), mq.toString());
        Tool.Result doctor = tool("doctor", "--json");
        assertTrue(doctor.out.contains("\"check\":\"named pipes\""), doctor.toString());
        tool("gc").expect(0);
    }

    @Test
    @EnabledOnOs(OS.MAC)
    void macosRunsWhatItHasAndNamesWhatItLacks() throws Exception {
        Tool.Result ls = tool("ls").expect(1);
        assertTrue(ls.err.startsWith("ipc4j ls: macOS gives ipc4j no list"), ls.toString());
        Tool.Result mq = tool("mq", "send", "/x", "hello").expect(1);
        assertTrue(mq.err.contains("macOS has no POSIX message queues"), mq.toString());
        Tool.Result doctor = tool("doctor", "--json");
        assertTrue(doctor.out.contains("\"check\":\"kern.sysv.shmmax\""), doctor.toString());
        // System V works on macOS: a set made, read and removed by key through the tool
        String key = "0x" + Integer.toHexString(0x49000000 | (int) (ProcessHandle.current().pid() & 0xFFFFF));
        tool("sem", "set", "--create", key, "3").expect(0);
        try {
            assertTrue(tool("sem", "get", key).expect(0).out.contains("3"));
        } finally {
            new ProcessBuilder("ipcrm", "-S", key).start().waitFor();
        }
    }
}
