package io.github.ipc4j.cli;

import io.github.ipc4j.IpcRemovedException;
import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.Platform;
import io.github.ipc4j.pipe.Fifo;
import io.github.ipc4j.posix.PosixSemOptions;
import io.github.ipc4j.posix.PosixSemaphore;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.posix.PosixShmOptions;
import io.github.ipc4j.sysv.IpcKey;
import io.github.ipc4j.sysv.SysvMessageQueue;
import io.github.ipc4j.sysv.SysvMqOptions;
import io.github.ipc4j.sysv.SysvSemOptions;
import io.github.ipc4j.sysv.SysvSemaphoreSet;
import io.github.ipc4j.sysv.SysvSharedMemory;
import io.github.ipc4j.sysv.SysvShmOptions;
import io.github.ipc4j.windows.WindowsNamedPipe;
import io.github.ipc4j.windows.WindowsNamedPipeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged tool on macOS and Windows (the hosted workflow runs these): what it does with that system's
 * objects, and the one line it prints for what the system lacks. Run as `java -jar`, as ipc4j.cmd does. The
 * System V test runs on Linux as well, where the same listing comes from /proc.
 */
class OtherSystemsIT {
    private static Tool.Result tool(String... args) throws Exception {
        return Tool.execRaw(command(args), null);
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", Tool.jar().toString()));
        command.addAll(Arrays.asList(args));
        return command;
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
        Tool.Result mq = tool("mq", "send", "/x", "hello").expect(1);
        assertTrue(mq.err.contains("ipc4j mq send: macOS has no POSIX message queues (no mq_open); System V queues "
                + "(ipc4j msg) work"), mq.toString());
        Tool.Result doctor = tool("doctor", "--json");
        assertTrue(doctor.out.contains("\"check\":\"kern.sysv.shmmax\""), doctor.toString());
        // ls lists what it can and says once what macOS cannot list; nothing to say when only System V is asked
        Tool.Result ls = tool("ls", "--json").expect(0);
        assertTrue(ls.out.strip().startsWith("[") && ls.out.strip().endsWith("]"), ls.toString());
        String note = "ipc4j ls: macOS cannot enumerate POSIX named semaphores or shared memory (no /dev/shm, and no "
                + "system call lists them) and has no POSIX message queues: only System V objects and the FIFOs "
                + "under --fifos are listed (ipc4j stat and rm find POSIX ones by name)\n";
        assertTrue(ls.err.contains(note) && ls.err.indexOf(note) == ls.err.lastIndexOf(note), "said once: " + ls);
        Tool.Result sysvOnly = tool("ls", "--type", "sysv").expect(0);
        assertFalse(sysvOnly.err.contains("cannot enumerate"), "no note for System V alone: " + sysvOnly);
        tool("watch", "--iterations", "1", "--interval", "100ms").expect(0);
        assertTrue(tool("gc", "--json").expect(0).out.strip().startsWith("["));
        // System V works on macOS: a set made, read and removed by key through the tool
        String key = Tool.uniqueKey();
        tool("sem", "set", "--create", key, "3").expect(0);
        try {
            assertTrue(tool("sem", "get", key).expect(0).out.contains("3"));
        } finally {
            new ProcessBuilder("ipcrm", "-S", key).start().waitFor();
        }
    }

    /**
     * POSIX shared memory and a named semaphore that another program (the library, in this JVM) made: macOS cannot
     * list them, but stat and rm find them by name. The semaphore's value and owner are unknowable on macOS (no
     * sem_getvalue, no descriptor to fstat): stat says so, and rm asks why unless --yes.
     */
    @Test
    @EnabledOnOs(OS.MAC)
    void macosStatsAndRemovesPosixObjectsByName() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String shmName = "/i4j-it-m-" + tag; // macOS allows 30 bytes after the '/'
        String semName = "/i4j-it-s-" + tag;
        String user = System.getProperty("user.name");
        try (PosixSharedMemory shm = PosixSharedMemory.open(shmName,
                     PosixShmOptions.options().createNew().size(16384).mode(0640));
             PosixSemaphore sem = PosixSemaphore.open(semName,
                     PosixSemOptions.options().createNew().initialPermits(2))) {
            Tool.Result stat = tool("stat", shmName, "--json").expect(0);
            assertTrue(stat.out.contains("\"object\":\"shm:" + shmName + "\"") && stat.out.contains("\"owner\":\"" + user
                    + "\"") && stat.out.contains("\"mode\":\"0640\"") && stat.out.contains("\"size\":16384"),
                    stat.toString());
            Tool.Result semStat = tool("stat", "sem:" + semName, "--json").expect(0);
            assertTrue(semStat.out.contains("\"object\":\"sem:" + semName + "\"")
                    && semStat.out.contains("\"count\":null") && semStat.out.contains("\"value\":\"unknown: ")
                    && semStat.out.contains("no working sem_getvalue") && semStat.out.contains("\"ownerUnknown\":"),
                    semStat.toString());

            tool("rm", "shm:" + shmName).expect(0); // this user's: no question
            Tool.Result kept = Tool.execRaw(command("rm", semName), "n\n").expect(1);
            assertTrue(kept.err.contains("remove sem:" + semName + " (posix-sem), whose owner is unknown")
                    && kept.err.contains("kept sem:" + semName), kept.toString());
            PosixSemaphore.open(semName).close();
            Tool.Result removed = tool("rm", "--yes", "sem:" + semName).expect(0);
            assertEquals("removed sem:" + semName, removed.out.strip(), removed.toString());

            Tool.Result missing = tool("stat", shmName).expect(1);
            assertTrue(missing.err.contains("(shm_open and sem_open found neither)"), missing.toString());
        } finally {
            for (AutoCloseable remove : new AutoCloseable[] {() -> PosixSharedMemory.unlink(shmName),
                () -> PosixSemaphore.unlink(semName)}) {
                try {
                    remove.close();
                } catch (Exception alreadyGone) {
                    // removed by the tool
                }
            }
        }
    }

    /** The one JSON object ls printed for ref ("msg:0x1234abcd"), or fails. */
    private static String entry(String json, String ref) {
        int at = json.indexOf("{\"object\":\"" + ref + "\"");
        assertTrue(at >= 0, ref + " listed: " + json);
        return json.substring(at, json.indexOf('}', at) + 1);
    }

    /**
     * System V objects that another program (the library, in this JVM) made, seen and removed by the tool: on macOS
     * listed from the kern.sysv.ipcs sysctls, on Linux from /proc/sysvipc (so the test itself runs here too).
     */
    @Test
    @EnabledOnOs({OS.MAC, OS.LINUX})
    void systemVObjectsMadeByAnotherProgramAreListedStatedAndRemoved() throws Exception {
        IpcKey key = IpcKey.of((int) Long.parseLong(Tool.uniqueKey().substring(2), 16));
        String user = System.getProperty("user.name");
        Path dir = Files.createTempDirectory("ipc4j-cli-it");
        Path fifo = dir.resolve("in");
        SysvMessageQueue q = SysvMessageQueue.open(key, SysvMqOptions.options().createNew().mode(0640));
        SysvSemaphoreSet set = null;
        SysvSharedMemory shm = null;
        try {
            set = SysvSemaphoreSet.open(key, SysvSemOptions.options().createNew().count(3).mode(0604));
            shm = SysvSharedMemory.open(key, SysvShmOptions.options().createNew().size(8192).mode(0660));
            q.send(new byte[5], 1);
            Fifo.create(fifo);

            Tool.Result ls = tool("ls", "--type", "sysv", "--json", "--name", key.toString()).expect(0);
            String queue = entry(ls.out, "msg:" + key);
            assertTrue(queue.contains("\"id\":" + q.id() + ",") && queue.contains("\"owner\":\"" + user + "\"")
                    && queue.contains("\"mode\":\"0640\"") && queue.contains("\"size\":5,")
                    && queue.contains("\"count\":1,") && queue.contains("\"lastPid\":" + ProcessHandle.current().pid()),
                    queue);
            if (Platform.os() == OperatingSystem.MACOS) { // macOS's record carries msg_qbytes
                assertTrue(queue.contains("\"maxBytes\":" + q.status().maxBytes()), queue);
            }
            String semaphores = entry(ls.out, "sem:" + key);
            assertTrue(semaphores.contains("\"id\":" + set.id() + ",") && semaphores.contains("\"mode\":\"0604\"")
                    && semaphores.contains("\"count\":3,") && semaphores.contains("\"owner\":\"" + user + "\""),
                    semaphores);
            String segment = entry(ls.out, "shm:" + key);
            assertTrue(segment.contains("\"id\":" + shm.id() + ",") && segment.contains("\"mode\":\"0660\"")
                    && segment.contains("\"size\":8192,") && segment.contains("\"owner\":\"" + user + "\"")
                    && segment.contains("\"creatorPid\":" + ProcessHandle.current().pid()), segment);
            assertFalse(ls.err.contains("cannot enumerate"), "nothing POSIX asked for: " + ls);
            Tool.Result fifos = tool("ls", "--type", "fifo", "--fifos", dir.toString(), "--json").expect(0);
            assertTrue(entry(fifos.out, "fifo:" + fifo.toRealPath()).contains("\"type\":\"fifo\""), fifos.toString());

            Tool.Result stat = tool("stat", "msg:" + q.id(), "--json").expect(0);
            assertTrue(stat.out.contains("\"key\":" + key.value() + ","), stat.toString());

            Tool.Result rm = tool("rm", "msg:" + key, "sem:" + key, "shm:" + shm.id()).expect(0);
            assertEquals(List.of("removed msg:" + key, "removed sem:" + key, "removed shm:" + key),
                    rm.out.strip().lines().toList(), rm.toString());
            Tool.Result after = tool("ls", "--type", "sysv", "--json").expect(0);
            assertFalse(after.out.contains("\"id\":" + q.id() + ",") || after.out.contains("\"id\":" + set.id() + ","),
                    after.toString());
            assertThrows(IpcRemovedException.class, q::status);
            assertThrows(IpcRemovedException.class, set::status);
        } finally {
            for (AutoCloseable remove : new AutoCloseable[] {q::remove, set == null ? null : set::remove,
                shm == null ? null : shm::remove}) {
                try {
                    if (remove != null) {
                        remove.close();
                    }
                } catch (Exception alreadyGone) {
                    // removed by the tool
                }
            }
            q.close();
            if (set != null) {
                set.close();
            }
            if (shm != null) {
                shm.close();
            }
            Files.deleteIfExists(fifo);
            Files.deleteIfExists(dir);
        }
    }
}
