package io.github.ipc4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The packaged tool run as a user runs it: the launcher script (target/ipc4j) as a process of its own. */
final class Tool {
    private Tool() {}

    /** What one run printed and returned. */
    static final class Result {
        final int exit;
        final String out;
        final String err;
        final List<String> command;

        Result(int exit, String out, String err, List<String> command) {
            this.exit = exit;
            this.out = out;
            this.err = err;
            this.command = command;
        }

        /** Asserts the exit code, showing everything printed when it differs. */
        Result expect(int code) {
            assertEquals(code, exit, () -> "exit code of " + command + "\nstdout:\n" + out + "\nstderr:\n" + err);
            if (code != 0) {
                assertFalse(err.contains("Exception") || err.contains("\tat "), () -> "a stack trace:\n" + err);
            }
            return this;
        }

        @Override
        public String toString() {
            return command + " -> " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    static Path launcher() {
        return Paths.get(System.getProperty("ipc4j.cli.launcher", "target/ipc4j")).toAbsolutePath();
    }

    static Path jar() {
        return Paths.get(System.getProperty("ipc4j.cli.jar")).toAbsolutePath();
    }

    static Result run(String... args) throws IOException, InterruptedException {
        return runWithInput(null, args);
    }

    /** Runs the tool with stdin fed from input (null: empty stdin). */
    static Result runWithInput(String input, String... args) throws IOException, InterruptedException {
        return exec(List.of(), input, args);
    }

    /** Runs the tool behind prefix (e.g. unshare --ipc sh -c '... exec "$0" "$@"'). */
    static Result exec(List<String> prefix, String input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.add(launcher().toString());
        command.addAll(Arrays.asList(args));
        return execRaw(command, input);
    }

    static Result execRaw(List<String> command, String input) throws IOException, InterruptedException {
        return execIn(null, command, input);
    }

    /** Runs command in directory dir (null: this one). */
    static Result execIn(Path dir, List<String> command, String input) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir == null ? null : dir.toFile()).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread o = pump(p.getInputStream(), out);
        Thread e = pump(p.getErrorStream(), err);
        try (OutputStream in = p.getOutputStream()) {
            if (input != null) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 60 s; stdout:\n" + out + "\nstderr:\n" + err);
        }
        o.join(5000);
        e.join(5000);
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                command);
    }

    private static Thread pump(InputStream from, ByteArrayOutputStream to) {
        Thread t = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException ignored) {
                // the process went away
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Starts the tool without waiting (a reader blocked in pipe cat, a waiter). */
    static Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command).start();
    }

    /** Runs another program (ipcmk, ipcs) and returns its stdout; fails on a non-zero exit. */
    static String sh(String... command) throws IOException, InterruptedException {
        Result r = execRaw(Arrays.asList(command), null);
        assertEquals(0, r.exit, r::toString);
        return r.out;
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Mounts the mqueue file system at /dev/mqueue when it is not (root only), as the library's tests do. */
    static boolean mqueueMounted() throws IOException, InterruptedException {
        if (mounted()) {
            return true;
        }
        if (isRoot()) {
            Files.createDirectories(Paths.get("/dev/mqueue"));
            execRaw(List.of("mount", "-t", "mqueue", "none", "/dev/mqueue"), null);
        }
        return mounted();
    }

    private static boolean mounted() throws IOException {
        return Files.readAllLines(Paths.get("/proc/self/mounts")).stream()
                .anyMatch(l -> l.split(" ")[1].equals("/dev/mqueue") && l.split(" ")[2].equals("mqueue"));
    }

    /**
     * Removes what a test may have left, without starting the tool: POSIX objects by their files (mq:/x, sem:/x,
     * shm:/x) and the library's creator records of them, System V ones with ipcrm (msg:KEY, sem:KEY, shm:KEY). Quiet when they are gone already.
     */
    static void cleanUp(String... objects) throws IOException, InterruptedException {
        for (String o : objects) {
            String kind = o.substring(0, o.indexOf(':'));
            String body = o.substring(o.indexOf(':') + 1);
            if (body.startsWith("/")) {
                String file = kind.equals("mq") ? "/dev/mqueue" + body
                        : kind.equals("sem") ? "/dev/shm/sem." + body.substring(1) : "/dev/shm" + body;
                Path path = Paths.get(file);
                try { // the library's creator record of the object (see PosixCreator), then the object
                    Object uid = Files.getAttribute(path, "unix:uid");
                    Object ino = Files.getAttribute(path, "unix:ino");
                    Files.deleteIfExists(Paths.get("/dev/shm/.ipc4j-" + uid, kind + "." + ino));
                } catch (java.nio.file.NoSuchFileException gone) {
                    continue;
                }
                Files.deleteIfExists(path);
            } else {
                String flag = kind.equals("msg") ? "-Q" : kind.equals("sem") ? "-S" : "-M";
                execRaw(List.of("ipcrm", flag, body), null);
            }
        }
    }

    /** A name no other test or run uses. */
    static String unique(String what) {
        return "ipc4j-cli-" + what + "-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
    }

    /** A System V key no other test or run uses (random, not IPC_PRIVATE). */
    static String uniqueKey() {
        int key;
        do {
            key = new java.security.SecureRandom().nextInt();
        } while (key == 0 || key == -1);
        return String.format("0x%08x", key);
    }
}
