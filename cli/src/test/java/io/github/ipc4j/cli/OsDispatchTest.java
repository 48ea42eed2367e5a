package io.github.ipc4j.cli;

import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import io.github.ipc4j.IpcRemovedException;
import io.github.ipc4j.pipe.Fifo;
import io.github.ipc4j.posix.PosixSemOptions;
import io.github.ipc4j.posix.PosixSemaphore;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.posix.PosixShmOptions;
import io.github.ipc4j.sysv.IpcKey;
import io.github.ipc4j.sysv.SysvMessageQueue;
import io.github.ipc4j.sysv.SysvMqOptions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;

import static io.github.ipc4j.OperatingSystem.LINUX;
import static io.github.ipc4j.OperatingSystem.MACOS;
import static io.github.ipc4j.OperatingSystem.WINDOWS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Which command, listing and checks each operating system gets: the system is injected (only the choice of what
 * to run or list), the commands that run do so against this machine's real kernel.
 */
class OsDispatchTest {
    private static final List<String> COMMANDS = List.of("ls", "stat", "rm", "mq send", "msg recv", "sem get",
            "shm dump", "pipe cat", "watch", "doctor", "gc", "bench");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;
    private InputStream savedIn;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        savedIn = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
        System.setIn(savedIn);
        OsSupport.use(Platform.os());
    }

    private int run(OperatingSystem os, String... args) {
        out.reset();
        err.reset();
        return Main.run(os, args);
    }

    /** Runs as on os with answers as stdin (what rm's question reads). */
    private int runAnswering(String answers, OperatingSystem os, String... args) {
        System.setIn(new ByteArrayInputStream(answers.getBytes(StandardCharsets.UTF_8)));
        return run(os, args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void linuxRunsEveryCommand() {
        for (String c : COMMANDS) {
            assertNull(OsSupport.lacking(LINUX, c), c);
        }
    }

    @Test
    void macosRunsWhatItsLibraryHasAndNamesWhatItLacks() {
        for (String c : List.of("ls", "stat", "rm", "watch", "gc", "msg recv", "sem get", "shm dump", "pipe cat",
                "doctor", "help")) {
            assertNull(OsSupport.lacking(MACOS, c), c);
        }
        assertTrue(OsSupport.lacking(MACOS, "mq peek").contains("macOS has no POSIX message queues (no mq_open)"));
        assertTrue(OsSupport.lacking(MACOS, "bench").contains("runs on Linux only"));
        // what its listing cannot show, said beside it
        assertTrue(OsSupport.unlisted(MACOS).startsWith("macOS cannot enumerate POSIX named semaphores or shared "
                + "memory"), OsSupport.unlisted(MACOS));
        assertNull(OsSupport.unlisted(LINUX));
        assertNull(OsSupport.unlisted(WINDOWS));
    }

    @Test
    void windowsListsPipesAndNamesWhatItLacks() {
        for (String c : List.of("ls", "watch", "doctor", "gc", "pipe cat", "pipe write")) {
            assertNull(OsSupport.lacking(WINDOWS, c), c);
        }
        for (String c : List.of("mq send", "msg recv", "sem get", "shm dump")) {
            String why = OsSupport.lacking(WINDOWS, c);
            assertTrue(why.startsWith("Windows has no POSIX or System V IPC"), why);
        }
        assertTrue(OsSupport.lacking(WINDOWS, "rm").contains("cannot be removed"));
        assertTrue(OsSupport.lacking(WINDOWS, "bench").startsWith("Windows: the benchmark suite"));
    }

    @Test
    void aCommandTheSystemLacksEndsWithOneLineAndExitCodeOne() {
        assertEquals(1, run(WINDOWS, "mq", "send", "/ipc4j-never-made", "hello"));
        assertEquals("ipc4j mq send: " + OsSupport.lacking(WINDOWS, "mq send"), err().strip());
        assertEquals("", out());
        assertEquals(1, run(MACOS, "mq", "peek", "/ipc4j-never-made"));
        assertEquals("ipc4j mq peek: " + OsSupport.lacking(MACOS, "mq peek"), err().strip());
        assertEquals(1, err().strip().lines().count(), err());
        assertFalse(err().contains("Exception") || err().contains("\tat "), err());
        // help and the command line's own checks come first: exit codes 0 and 2 as anywhere
        assertEquals(0, run(WINDOWS, "mq", "send", "--help"));
        assertTrue(out().contains("Usage: ipc4j mq send"), out());
        assertEquals(2, run(WINDOWS, "mq", "nosuch"));
    }

    @Test
    void eachSystemListsFromItsOwnSources() {
        assertEquals(List.of(Inventory.Source.SYSV_AND_POSIX, Inventory.Source.FIFOS), Inventory.sources(LINUX));
        assertEquals(List.of(Inventory.Source.WINDOWS_PIPES), Inventory.sources(WINDOWS));
        assertEquals(List.of(Inventory.Source.SYSV, Inventory.Source.POSIX_BY_NAME, Inventory.Source.FIFOS),
                Inventory.sources(MACOS));
        // Windows has no FIFOs: refused before anything is listed
        assertEquals(2, run(WINDOWS, "ls", "--fifos", System.getProperty("java.io.tmpdir")));
        assertTrue(err().contains("--fifos: Windows has no FIFOs to list"), err());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void pipeIsATypeEverywhereAndLinuxHasNone() {
        assertEquals(0, run(LINUX, "ls", "--type", "pipe", "--json"));
        assertEquals("[]", out().strip());
        assertEquals(2, run(LINUX, "ls", "--type", "pipes"));
        assertTrue(err().contains("fifo, pipe"), err());
    }

    /**
     * macOS's sources run here against this kernel (SysvIpc reads /proc on Linux, the kern.sysv.ipcs sysctls on
     * macOS; which one is SysvIpc's own choice): System V objects and FIFOs are listed, stat and rm find them by key
     * or id, POSIX objects are not listed and ls says so once, on stderr, beside the unchanged JSON array (stat
     * and rm find them by name: see macosStatsAndRemovesPosixObjectsByName).
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void macosListsSystemVObjectsAndFifosAndSaysOnceWhatItCannotList() throws Exception {
        IpcKey key = IpcKey.of((int) Long.parseLong(Tool.uniqueKey().substring(2), 16));
        String posixName = "/ipc4j-dispatch-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path dir = Files.createTempDirectory("ipc4j-dispatch");
        Path fifo = dir.resolve("in");
        try (SysvMessageQueue q = SysvMessageQueue.open(key, SysvMqOptions.options().createNew().mode(0640));
             PosixSharedMemory shm = PosixSharedMemory.open(posixName,
                     PosixShmOptions.options().createNew().size(4096))) {
            Fifo.create(fifo);
            q.send(new byte[5], 1);
            assertEquals(0, run(MACOS, "ls", "--json", "--fifos", dir.toString()));
            String json = out();
            assertTrue(json.contains("\"object\":\"msg:" + key + "\"") && json.contains("\"id\":" + q.id())
                    && json.contains("\"mode\":\"0640\"") && json.contains("\"size\":5"), json);
            assertFalse(json.contains("\"maxBytes\":"), "Linux's /proc carries no msg_qbytes: " + json);
            assertTrue(json.contains("\"object\":\"fifo:" + fifo.toRealPath() + "\""), json);
            assertFalse(json.contains(posixName), "macOS lists no POSIX objects: " + json);
            assertTrue(json.startsWith("[") && json.strip().endsWith("]"), json);
            assertEquals("ipc4j ls: " + OsSupport.unlisted(MACOS), err().strip(), "said once");

            assertEquals(0, run(MACOS, "ls", "--type", "sysv", "--name", key.toString()));
            assertTrue(out().contains("msg:" + key), out());
            assertEquals("", err(), "nothing POSIX was asked for: nothing to say");
            assertEquals(0, run(LINUX, "ls", "--type", "posix-shm", "--json"));
            assertTrue(out().contains(posixName), "Linux lists it: " + out());

            assertEquals(0, run(MACOS, "stat", "msg:" + q.id(), "--json"));
            assertTrue(out().contains("\"key\":" + key.value()), out());
            assertEquals(0, run(MACOS, "stat", "shm:" + posixName, "--json"), err());
            assertTrue(out().contains("\"size\":4096"), "not listed, but found by name: " + out());

            assertEquals(0, run(MACOS, "rm", "msg:" + key));
            assertEquals("removed msg:" + key, out().strip());
            assertThrows(IpcRemovedException.class, q::status);
        } finally {
            PosixSharedMemory.unlink(posixName);
            Files.deleteIfExists(fifo);
            Files.deleteIfExists(dir);
        }
    }

    /** A POSIX name short enough for macOS too (30 bytes after the '/'), unique to this run. */
    private static String shortName(String what) {
        return "/i4j-" + what + "-" + Long.toHexString(ProcessHandle.current().pid()) + "-"
                + Long.toHexString(System.nanoTime() & 0xffffffffL);
    }

    private static void unlinkIfThere(String name, boolean semaphore) throws Exception {
        try {
            if (semaphore) {
                PosixSemaphore.unlink(name);
            } else {
                PosixSharedMemory.unlink(name);
            }
        } catch (NoSuchFileException gone) {
            // removed by the tool
        }
    }

    /**
     * macOS cannot list its POSIX objects, but stat and rm are given a name: its path (Source.POSIX_BY_NAME) opens
     * the name, here against this kernel's shm_open and sem_open. Shared memory shows owner, mode and size (fstat)
     * and is removed without a question when it is this user's; a named semaphore shows its value where the system
     * can read it (Linux can; macOS cannot, see OtherSystemsIT) and, its owner being unknowable there, rm asks why
     * unless --yes; a name that is neither fails naming what was tried.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void macosStatsAndRemovesPosixObjectsByName() throws Exception {
        String shmName = shortName("m");
        String semName = shortName("s");
        String user = System.getProperty("user.name");
        try (PosixSharedMemory shm = PosixSharedMemory.open(shmName,
                     PosixShmOptions.options().createNew().size(8192).mode(0640));
             PosixSemaphore sem = PosixSemaphore.open(semName,
                     PosixSemOptions.options().createNew().initialPermits(3))) {
            assertEquals(0, run(MACOS, "stat", shmName, "--json"), err());
            String json = out();
            assertTrue(json.contains("\"object\":\"shm:" + shmName + "\"") && json.contains("\"owner\":\"" + user + "\"")
                    && json.contains("\"mode\":\"0640\"") && json.contains("\"size\":8192"), json);
            assertFalse(json.contains("ownerUnknown"), json);

            assertEquals(0, run(MACOS, "stat", "sem:" + semName, "--json"), err());
            json = out();
            assertTrue(json.contains("\"object\":\"sem:" + semName + "\"") && json.contains("\"count\":3")
                    && json.contains("\"owner\":null") && json.contains("\"ownerUnknown\":\"sem_open gives no "
                    + "descriptor to fstat"), json);
            assertEquals(0, run(MACOS, "stat", semName));
            assertTrue(out().contains("ownerUnknown") && out().contains("posix-sem"), out());

            // this user's shared memory: removed without a question
            assertEquals(0, runAnswering("", MACOS, "rm", "shm:" + shmName), err());
            assertEquals("removed shm:" + shmName, out().strip());
            assertEquals("", err());
            assertThrows(NoSuchFileException.class, () -> PosixSharedMemory.open(shmName));

            // a semaphore whose owner no call tells: asked, and why; no or no answer keeps it
            assertEquals(1, runAnswering("n\n", MACOS, "rm", semName));
            assertTrue(err().startsWith("remove sem:" + semName + " (posix-sem), whose owner is unknown (sem_open "
                    + "gives no descriptor to fstat") && err().contains("kept sem:" + semName), err());
            assertEquals(1, runAnswering("", MACOS, "rm", "sem:" + semName));
            PosixSemaphore.open(semName).close(); // still there
            assertEquals(0, runAnswering("y\n", MACOS, "rm", "sem:" + semName), err());
            assertEquals("removed sem:" + semName, out().strip());
            assertThrows(NoSuchFileException.class, () -> PosixSemaphore.open(semName));

            // gone, or never there: what was tried, exit code 1
            assertEquals(1, run(MACOS, "stat", shmName));
            assertEquals("ipc4j stat: " + shmName + ": no POSIX shared memory object or named semaphore " + shmName
                    + " (shm_open and sem_open found neither)", err().strip());
            assertEquals(1, run(MACOS, "rm", "sem:" + semName));
            assertEquals("ipc4j rm: sem:" + semName + ": no named semaphore " + semName + " (sem_open found none)",
                    err().strip());
            assertEquals(1, run(MACOS, "stat", "shm:" + shmName));
            assertTrue(err().contains("(shm_open found none)"), err());
            assertEquals(1, run(MACOS, "rm", "mq:" + shmName));
            assertEquals("ipc4j rm: mq:" + shmName + ": macOS has no POSIX message queues", err().strip());
        } finally {
            unlinkIfThere(shmName, false);
            unlinkIfThere(semName, true);
        }
    }

    /** --yes removes a semaphore of unknown owner without a question; a name both objects have is ambiguous. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void macosRemovesWithYesAndRefusesAnAmbiguousName() throws Exception {
        String name = shortName("b");
        try {
            PosixSharedMemory.open(name, PosixShmOptions.options().createNew().size(64)).close();
            PosixSemaphore.open(name, PosixSemOptions.options().createNew()).close();
            assertEquals(2, run(MACOS, "rm", "--yes", name));
            assertTrue(err().contains(name + " is ambiguous; name one of: shm:" + name + ", sem:" + name), err());
            PosixSharedMemory.open(name).close(); // nothing removed
            assertEquals(0, runAnswering("", MACOS, "rm", "--yes", "sem:" + name, "shm:" + name), err());
            assertEquals(List.of("removed sem:" + name, "removed shm:" + name), out().strip().lines().toList());
            assertEquals("", err(), "no question with --yes");
            assertThrows(NoSuchFileException.class, () -> PosixSemaphore.open(name));
            assertThrows(NoSuchFileException.class, () -> PosixSharedMemory.open(name));
        } finally {
            unlinkIfThere(name, false);
            unlinkIfThere(name, true);
        }
    }

    /** An object created and not (yet) sized by its maker: found by name, size 0, not an error. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void macosStatsAnUnsizedSharedMemoryObject() throws Exception {
        String name = shortName("z");
        try {
            Files.createFile(Paths.get("/dev/shm" + name)); // what shm_open(O_CREAT) leaves before ftruncate, on Linux
            assertEquals(0, run(MACOS, "stat", name, "--json"), err());
            assertTrue(out().contains("\"object\":\"shm:" + name + "\"") && out().contains("\"size\":0,"), out());
        } finally {
            unlinkIfThere(name, false);
        }
    }

    /** Another user's shared memory, whose owner fstat tells: rm asks unless --yes, as for any object. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void macosAsksBeforeRemovingAnotherUsersSharedMemory() throws Exception {
        assumeTrue(Tool.isRoot(), "needs root to give an object to another user");
        String name = shortName("o");
        UserPrincipal nobody = Paths.get("/").getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName("nobody");
        try {
            PosixSharedMemory.open(name, PosixShmOptions.options().createNew().size(64)).close();
            Files.setOwner(Paths.get("/dev/shm" + name), nobody); // Linux's way to give it away; read back by fstat
            assertEquals(0, run(MACOS, "stat", "shm:" + name, "--json"));
            assertTrue(out().contains("\"owner\":\"nobody\""), out());
            assertEquals(1, runAnswering("n\n", MACOS, "rm", "shm:" + name));
            assertTrue(err().startsWith("remove shm:" + name + " (posix-shm), owned by nobody? [y/N] ")
                    && err().contains("kept shm:" + name), err());
            PosixSharedMemory.open(name).close(); // kept
            assertEquals(0, runAnswering("", MACOS, "rm", "--yes", "shm:" + name), err());
            assertThrows(NoSuchFileException.class, () -> PosixSharedMemory.open(name));
        } finally {
            unlinkIfThere(name, false);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void windowsListingOffWindowsSaysWhatIsMissingNotAStackTrace() {
        // the Windows sources really run here: the library refuses, naming this system and the missing call
        assertEquals(1, run(WINDOWS, "ls"));
        assertTrue(err().startsWith("ipc4j ls: ") && err().contains("lacks CreateNamedPipe"), err());
        assertFalse(err().contains("\tat "), err());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void doctorChecksWhatEachSystemHas() {
        run(LINUX, "doctor", "--json");
        assertTrue(out().contains("\"check\":\"/dev/mqueue\"") && out().contains("\"check\":\"JNI library\""),
                out());
        assertFalse(out().contains("named pipes"), out());

        assertEquals(1, run(WINDOWS, "doctor", "--json")); // the pipes cannot be listed off Windows: a problem
        assertTrue(out().contains("\"check\":\"named pipes\"") && out().contains("\"check\":\"JNI library\""),
                out());
        assertTrue(out().contains("\"check\":\"POSIX and System V IPC\""), out());
        assertFalse(out().contains("/dev/mqueue") || out().contains("kernel.msgmnb"), out());

        run(MACOS, "doctor", "--json");
        assertTrue(out().contains("\"check\":\"POSIX message queues\"") && out().contains("kern.sysv.shmmax"),
                out());
        assertFalse(out().contains("/dev/mqueue") || out().contains("named pipes"), out());
        assertTrue(out().contains("\"check\":\"listing objects\"") && out().contains("System V and FIFOs only")
                && out().contains("kern.sysv.ipcs sysctls"), out());
    }

    @Test
    void windowsPipesAreConnectedToNotCreated() {
        assertEquals(2, run(WINDOWS, "pipe", "cat", "--create", "\\\\.\\pipe\\ipc4j-never-made"));
        assertTrue(err().contains("--create: on Windows the tool connects to a pipe as a client"), err());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void windowsPipeCommandsOffWindowsSayWhatIsMissing() {
        assertEquals(1, run(WINDOWS, "pipe", "write", "pipe:\\\\.\\pipe\\ipc4j-never-made", "hello"));
        assertTrue(err().startsWith("ipc4j pipe write: ") && err().contains("lacks CreateNamedPipe"), err());
    }

    @Test
    void gcOnWindowsSaysWhyNothingOutlivesItsProcesses() {
        assertEquals(0, run(WINDOWS, "gc"));
        assertTrue(out().startsWith("nothing to collect on Windows"), out());
        assertEquals(0, run(WINDOWS, "gc", "--json"));
        assertEquals("[]", out().strip());
    }
}
