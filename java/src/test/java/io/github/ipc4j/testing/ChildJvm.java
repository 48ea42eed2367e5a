package io.github.ipc4j.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM started by a test: same class path and JVM flags (-Xcheck:jni, native access) as this one;
 * or any other program (a C peer, {@link #startProgram}), with its output captured the same way.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Thread pump;

    private ChildJvm(Process process) {
        this.process = process;
        this.pump = new Thread(() -> copy(process.getInputStream()), "child-jvm-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts mainClass with args in a new JVM. */
    public static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
        return start(List.of(), List.of(), mainClass, args);
    }

    /**
     * Starts mainClass with extra JVM options, and with shellPrefix (e.g. "sh", "-c", "umask 000; exec \"$0\" \"$@\"")
     * in front of the java command when not empty.
     */
    public static ChildJvm start(List<String> shellPrefix, List<String> jvmOptions, Class<?> mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(shellPrefix);
        command.addAll(javaCommand(System.getProperty("java.class.path"), jvmOptions));
        command.add(mainClass.getName());
        command.addAll(Arrays.asList(args));
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** Starts a program that is not a JVM (a C peer), its output captured the same way. */
    public static ChildJvm startProgram(List<String> command) throws IOException {
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** A C peer built with the C tests (target/native-build/name). */
    public static String nativePeer(String name) {
        java.nio.file.Path peer = Paths.get(System.getProperty("ipc4j.test.nativeBuildDir", "target/native-build"),
                name);
        if (!java.nio.file.Files.isExecutable(peer)) {
            throw new AssertionError(peer + " is built with the C tests");
        }
        return peer.toString();
    }

    /** java, this JVM's test flags (and channel waiter), the class path, and the extra options. */
    public static List<String> javaCommand(String classPath, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        String flags = System.getProperty("ipc4j.test.jvmFlags", "").trim();
        if (!flags.isEmpty()) {
            command.addAll(Arrays.asList(flags.split("\\s+")));
        }
        String waiter = System.getProperty(io.github.ipc4j.SharedMemoryChannel.WAITER_PROPERTY);
        if (waiter != null) { // a run that makes channels wait another way makes its children's wait so too
            command.add("-D" + io.github.ipc4j.SharedMemoryChannel.WAITER_PROPERTY + "=" + waiter);
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        return command;
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the child to exit; fails (and kills it) after the timeout. Returns the exit code. */
    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child JVM did not finish in " + seconds + " s; output:\n" + output());
        }
        pump.join(5000);
        return process.exitValue();
    }

    /** Waits for exit code 0; fails with the child's output otherwise. */
    public void assertSuccess(long seconds) throws InterruptedException {
        int code = waitFor(seconds);
        if (code != 0) {
            throw new AssertionError("child JVM exited with " + code + "; output:\n" + output());
        }
        String out = output();
        if (out.contains("WARNING")) {
            throw new AssertionError("child JVM printed a warning:\n" + out);
        }
    }

    /** Waits until the child printed line (a readiness signal). */
    public void awaitOutput(String text, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!output().contains(text)) {
            if (System.nanoTime() > deadline || !process.isAlive() && !output().contains(text)) {
                if (!output().contains(text)) {
                    throw new AssertionError("child JVM did not print '" + text + "'; output:\n" + output());
                }
            }
            Thread.sleep(10);
        }
    }

    public String output() {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    private void copy(InputStream in) {
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                synchronized (output) {
                    output.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
