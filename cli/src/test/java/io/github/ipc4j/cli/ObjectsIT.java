package io.github.ipc4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.UserPrincipal;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The tool run as a user runs it, on objects it creates and on objects other programs create (ipcmk, a program
 * using the library): list, stat, send, receive, read, write, remove. Each test asserts on its own objects only.
 */
@EnabledOnOs(OS.LINUX)
class ObjectsIT {
    @Test
    void posixQueueCreatedSentListedReceivedAndRemoved() throws Exception {
        assumeTrue(Tool.mqueueMounted(), "/dev/mqueue is not mounted and cannot be mounted here");
        String q = "/" + Tool.unique("mq");
        try {
            Tool.run("mq", "send", "--create", "--max-messages", "5", "--message-size", "128", "--mode", "0640",
                    q, "low").expect(0);
            Tool.run("mq", "send", "-p", "7", q, "high").expect(0);
            Tool.runWithInput("from stdin", "mq", "send", q).expect(0);

            String ls = Tool.run("ls", "--name", q).expect(0).out;
            assertTrue(ls.startsWith("OBJECT"), ls);
            assertTrue(ls.contains("mq:" + q), ls);
            String line = ls.lines().filter(l -> l.startsWith("mq:" + q)).findFirst().orElseThrow();
            assertTrue(line.matches("mq:" + Pattern.quote(q) + "\\s+posix-mq\\s+-\\s+\\S+\\s+0640\\s+17\\s+3\\s.*"),
                    "size 17 = 3+4+10 bytes queued, count 3: " + line);

            String json = Tool.run("stat", "mq:" + q, "--json").expect(0).out;
            assertTrue(json.contains("\"count\":3") && json.contains("\"maxMessages\":5")
                    && json.contains("\"messageSize\":128") && json.contains("\"mode\":\"0640\""), json);
            String peek = Tool.run("mq", "peek", q).expect(0).out;
            assertTrue(peek.matches("(?s).*messages\\s+3\n.*bytes\\s+17\n.*"), peek);

            assertEquals("high\n", Tool.run("mq", "recv", q).expect(0).out, "priority 7 first");
            assertEquals("{\"priority\":0,\"bytes\":3,\"text\":\"low\",\"base64\":\"bG93\"}\n",
                    Tool.run("mq", "recv", q, "--json").expect(0).out);
            assertEquals("from stdin", Tool.run("mq", "recv", q, "--raw").expect(0).out);
            Tool.Result empty = Tool.run("mq", "recv", q, "--timeout", "50ms").expect(1);
            assertTrue(empty.err.contains("no message in " + q + " within 50 ms"), empty.err);

            assertEquals("removed mq:" + q + "\n", Tool.run("rm", q).expect(0).out);
            Tool.run("stat", "mq:" + q).expect(1);
        } finally {
            Tool.cleanUp("mq:" + q);
        }
    }

    @Test
    void systemVQueueFromIpcmkDrivenByIdAndKeyWithTypes() throws Exception {
        String id = ipcmk("-Q");
        String key = keyOf("msg:" + id);
        try {
            Tool.run("msg", "send", id, "-t", "5", "five").expect(0);
            Tool.run("msg", "send", key, "-t", "2", "two", "deux").expect(0);
            Tool.run("msg", "send", "msg:" + key, "-t", "9", "--file", writeTemp("nine")).expect(0);

            String ls = Tool.run("ls", "-t", "msg", "--json", "--name", key).expect(0).out;
            assertTrue(ls.contains("\"id\":" + id) && ls.contains("\"count\":4") && ls.contains("\"size\":15")
                    && ls.contains("\"lastPid\":"), ls);

            assertEquals("two\ndeux\n", Tool.run("msg", "recv", key, "--max-type", "3", "-n", "2").expect(0).out);
            assertEquals("nine\n", Tool.run("msg", "recv", id, "--type", "9").expect(0).out);
            assertEquals("{\"type\":5,\"bytes\":4,\"text\":\"five\",\"base64\":\"Zml2ZQ==\"}\n",
                    Tool.run("msg", "recv", key, "--json", "--timeout", "1s").expect(0).out);
            Tool.run("msg", "recv", key, "--all").expect(0);
            Tool.run("msg", "recv", key, "--timeout", "0").expect(1);

            assertEquals("removed msg:" + key + "\n", Tool.run("rm", key).expect(0).out);
            assertFalse(Tool.sh("ipcs", "-q").contains(key), "ipcs sees it gone");
        } finally {
            Tool.execRaw(java.util.List.of("ipcrm", "-q", id), null);
        }
    }

    @Test
    void semaphoresPosixAndSystemV() throws Exception {
        String name = "/" + Tool.unique("sem");
        String key = Tool.uniqueKey();
        try {
            Tool.run("sem", "post", "--create", name, "-n", "3").expect(0);
            assertEquals("3\n", Tool.run("sem", "get", name).expect(0).out);
            Tool.run("sem", "wait", name, "-n", "2").expect(0);
            Tool.Result late = Tool.run("sem", "wait", name, "-n", "2", "--timeout", "100ms").expect(1);
            assertTrue(late.err.contains("could not take 2 within 100 ms"), late.err);
            assertEquals("1\n", Tool.run("sem", "get", name).expect(0).out, "all or nothing: the one taken went back");
            Tool.run("sem", "set", name, "6").expect(0);
            assertTrue(Tool.run("ls", "-t", "posix-sem", "--name", name).expect(0).out
                    .matches("(?s).*sem:" + Pattern.quote(name) + "\\s+posix-sem\\s.*\\s6\\s.*"));

            Tool.run("sem", "set", "--create", "--count", "3", key, "0").expect(0); // the tool makes this one
            Tool.run("sem", "set", key, "-i", "2", "5").expect(0);
            Tool.run("sem", "post", "sem:" + key, "-i", "1").expect(0);
            assertEquals("0 1 5\n", Tool.run("sem", "get", key).expect(0).out);
            Tool.run("sem", "wait", key, "-i", "2", "-n", "5", "--timeout", "1s").expect(0);
            Tool.run("sem", "wait", key, "-i", "0", "--timeout", "0").expect(1);
            String json = Tool.run("stat", "sem:" + key, "--json").expect(0).out;
            assertTrue(json.contains("\"values\":[0,1,0]") && json.contains("\"count\":3"), json);
            Tool.run("sem", "get", key, "-i", "3").expect(2);
            Tool.run("rm", "sem:" + key, "sem:" + name).expect(0);
        } finally {
            Tool.cleanUp("sem:" + name, "sem:" + key);
        }
    }

    @Test
    void sharedMemoryWrittenAndDumped() throws Exception {
        String name = "/" + Tool.unique("shm");
        String key = Tool.uniqueKey();
        try {
            Tool.run("shm", "write", "--create", "--size", "64", name, "hello", "shm").expect(0);
            Tool.runWithInput("XY", "shm", "write", name, "--offset", "62").expect(0);
            String dump = Tool.run("shm", "dump", name, "--length", "16").expect(0).out;
            assertEquals("00000000  68 65 6c 6c 6f 20 73 68  6d 00 00 00 00 00 00 00  |hello shm.......|\n"
                    + "00000010\n", dump);
            assertEquals("XY", Tool.run("shm", "dump", name, "-o", "62", "--raw").expect(0).out);
            Tool.run("shm", "write", name, "-o", "63", "XY").expect(2);

            String id = ipcmk("-M", "128");
            key = keyOf("shm:" + id);
            Tool.run("shm", "write", key, "-o", "100", "sysv").expect(0);
            assertEquals("sysv", Tool.run("shm", "dump", "shm:" + key, "-o", "100", "-l", "4", "--raw").expect(0).out);
            String ls = Tool.run("ls", "--type", "shm", "--name", "*" + key.substring(2) + "*").expect(0).out;
            assertTrue(ls.contains("shm:" + key) && ls.contains("sysv-shm"), ls);
            Tool.run("rm", "shm:" + key, "shm:" + name).expect(0);
            assertFalse(Tool.sh("ipcs", "-m").contains(key));
        } finally {
            Tool.cleanUp("shm:" + name, "shm:" + key);
        }
    }

    @Test
    void fifoCatAndWrite() throws Exception {
        Path dir = Files.createTempDirectory("ipc4j-cli-fifo");
        Path fifo = dir.resolve("in");
        try {
            Process cat = Tool.start("pipe", "cat", "--create", fifo.toString());
            for (int i = 0; i < 600 && !Files.exists(fifo); i++) {
                Thread.sleep(50);
            }
            Tool.run("pipe", "write", fifo.toString(), "hello", "fifo").expect(0);
            assertTrue(cat.waitFor(30, TimeUnit.SECONDS), "cat ends when the writer closes");
            assertEquals(0, cat.exitValue());
            assertEquals("hello\nfifo\n", new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

            String ls = Tool.run("ls", "--fifos", dir.toString(), "-t", "fifo").expect(0).out;
            assertTrue(ls.contains("fifo:" + fifo) && ls.contains("0600"), ls);
            Tool.Result noReader = Tool.run("pipe", "write", fifo.toString(), "--timeout", "0", "x").expect(1);
            assertTrue(noReader.err.contains("ENXIO") || noReader.err.contains("reader"), noReader.err);
            Tool.run("rm", fifo.toString()).expect(0);
            assertFalse(Files.exists(fifo));
        } finally {
            Files.deleteIfExists(fifo);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void removingAnotherUsersObjectAsksFirst() throws Exception {
        assumeTrue(Tool.isRoot(), "needs root to give an object to another user");
        String name = "/" + Tool.unique("theirs");
        try {
            Tool.run("shm", "write", "--create", "--size", "16", name, "x").expect(0);
            UserPrincipal nobody = Paths.get("/").getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("nobody");
            Files.setOwner(Paths.get("/dev/shm" + name), nobody);

            Tool.Result kept = Tool.runWithInput("n\n", "rm", "shm:" + name).expect(1);
            assertTrue(kept.err.contains("owned by nobody?") && kept.err.contains("kept shm:" + name), kept.err);
            Tool.run("stat", "shm:" + name).expect(0);
            Tool.runWithInput("", "rm", "shm:" + name).expect(1);  // no answer is no

            assertEquals("removed shm:" + name + "\n", Tool.runWithInput("y\n", "rm", "shm:" + name).expect(0).out);
            Tool.run("shm", "write", "--create", "--size", "16", name, "x").expect(0);
            Files.setOwner(Paths.get("/dev/shm" + name), nobody);
            Tool.run("rm", "--yes", "shm:" + name).expect(0);
            Tool.run("stat", "shm:" + name).expect(1);
        } finally {
            Files.deleteIfExists(Paths.get("/dev/shm" + name));
        }
    }

    @Test
    void ambiguousNameIsRefusedWithTheChoices() throws Exception {
        String name = "/" + Tool.unique("both");
        try {
            Tool.run("shm", "write", "--create", "--size", "16", name, "x").expect(0);
            Tool.run("sem", "post", "--create", name).expect(0);
            Tool.Result r = Tool.run("stat", name).expect(2);
            assertTrue(r.err.contains("ambiguous") && r.err.contains("shm:" + name) && r.err.contains("sem:" + name),
                    r.err);
            Tool.run("rm", "shm:" + name, "sem:" + name).expect(0);
        } finally {
            Tool.cleanUp("shm:" + name, "sem:" + name);
        }
    }

    /** Makes an object with ipcmk (mode 0600) and returns its id. */
    private static String ipcmk(String... what) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("ipcmk", "-p", "0600"));
        command.addAll(java.util.Arrays.asList(what));
        String made = Tool.sh(command.toArray(new String[0]));
        Matcher m = Pattern.compile("id: (\\d+)").matcher(made);
        assertTrue(m.find(), made);
        return m.group(1);
    }

    /** The key of a System V object, as stat by id shows it. */
    private static String keyOf(String object) throws Exception {
        Matcher m = Pattern.compile("\"name\":\"(0x[0-9a-f]{8})\"").matcher(Tool.run("stat", object, "--json")
                .expect(0).out);
        assertTrue(m.find());
        return m.group(1);
    }

    private static String writeTemp(String text) throws IOException {
        Path f = Files.createTempFile("ipc4j-cli", ".msg");
        Files.write(f, text.getBytes(StandardCharsets.UTF_8));
        f.toFile().deleteOnExit();
        return f.toString();
    }
}
