package io.github.ipc4j.cli;

import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.github.ipc4j.OperatingSystem.LINUX;
import static io.github.ipc4j.OperatingSystem.MACOS;
import static io.github.ipc4j.OperatingSystem.WINDOWS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
        OsSupport.use(Platform.os());
    }

    private int run(OperatingSystem os, String... args) {
        out.reset();
        err.reset();
        return Main.run(os, args);
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
        for (String c : List.of("msg recv", "sem get", "shm dump", "pipe cat", "doctor", "help")) {
            assertNull(OsSupport.lacking(MACOS, c), c);
        }
        for (String c : List.of("ls", "stat", "rm", "watch", "gc")) {
            String why = OsSupport.lacking(MACOS, c);
            assertTrue(why.startsWith("macOS") && why.contains("cannot be enumerated"), why);
        }
        assertTrue(OsSupport.lacking(MACOS, "mq peek").contains("macOS has no POSIX message queues (no mq_open)"));
        assertTrue(OsSupport.lacking(MACOS, "bench").contains("runs on Linux only"));
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
        assertEquals(1, run(MACOS, "ls", "--json"));
        assertTrue(err().startsWith("ipc4j ls: macOS gives ipc4j no list"), err());
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
        assertEquals(List.of(), Inventory.sources(MACOS));
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
