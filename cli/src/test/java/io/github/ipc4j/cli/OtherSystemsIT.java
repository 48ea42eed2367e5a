package io.github.ipc4j.cli;

import io.github.ipc4j.windows.WindowsNamedPipe;
import io.github.ipc4j.windows.WindowsNamedPipeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    @EnabledOnOs(OS.WINDOWS)
    void pipeWriteAndCatAreAClientOfAnotherProgramsPipe() throws Exception {
        String name = "\\\\.\\pipe\\ipc4j-cli-it-" + UUID.randomUUID();
        try (WindowsNamedPipeServer server = WindowsNamedPipeServer.create(name)) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try (WindowsNamedPipe served = server.accept()) {
                    return new String(served.inputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            tool("pipe", "write", name, "one", "two").expect(0);
            assertEquals("one\ntwo\n", received.get(60, TimeUnit.SECONDS));
        }
        try (WindowsNamedPipeServer server = WindowsNamedPipeServer.create(name)) {
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try (WindowsNamedPipe served = server.accept()) {
                    served.outputStream().write("from the server".getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            assertEquals("from the server", tool("pipe", "cat", "pipe:" + name).expect(0).out);
            sent.get(60, TimeUnit.SECONDS);
        }
        Tool.Result none = tool("pipe", "write", "--timeout", "0", name, "x").expect(1);
        assertTrue(none.err.contains("no such object") || none.err.contains("ERROR_FILE_NOT_FOUND"), none.toString());
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
