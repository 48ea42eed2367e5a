package io.github.ipc4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Peer} JVM that a measurement starts and stops itself, on the same JVM and class path. What the
 * peer writes is kept (standard error in a file, standard output's lines other than "ready" in memory), so
 * that a failure here can say what the peer said. Every wait on the peer is bounded: a peer that does not
 * say "ready" within {@link #readyTimeoutSeconds()} (a JVM start on a busy machine can take tens of
 * seconds, so the bound is generous) is ended and the measurement fails with its output.
 */
final class PeerProcess implements AutoCloseable {
    /** The class path peers get; run.sh sets it, else the JVM's own. */
    static final String CLASS_PATH_PROPERTY = "ipc4j.bench.classpath";
    /** Seconds a peer may take to start and open its side (default 180). */
    static final String READY_TIMEOUT_PROPERTY = "ipc4j.bench.peerReadySeconds";
    /** How much of the peer's output a failure quotes. */
    private static final int QUOTED_CHARS = 6000;

    private final Process process;
    private final Path errors;
    private final StringBuilder output = new StringBuilder();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile boolean timedOut;
    private volatile boolean closing;

    private PeerProcess(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
        Thread reader = new Thread(this::readOutput, "ipc4j-bench peer " + process.pid() + " output");
        reader.setDaemon(true);
        reader.start();
        CompletableFuture.delayedExecutor(readyTimeoutSeconds(), TimeUnit.SECONDS).execute(() -> {
            if (!ready.isDone()) {
                timedOut = true;
                process.destroyForcibly(); // ends the waits on it: see Link's stand-in
            }
        });
    }

    static long readyTimeoutSeconds() {
        return Long.getLong(READY_TIMEOUT_PROPERTY, 180);
    }

    static PeerProcess start(Role role, Mechanism mechanism, Impl impl, int size, Shared shared, Placement placement)
            throws IOException {
        List<String> command = javaCommand(impl, Peer.class, "-D" + Placement.PROPERTY + "=" + placement.id());
        command.add(role.name());
        command.add(mechanism.id());
        command.add(impl.id());
        command.add(Integer.toString(size));
        command.addAll(List.of(shared.names()));
        Path errors = Files.createTempFile("ipc4j-bench-peer-", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            return new PeerProcess(p, errors);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(errors);
            throw e;
        }
    }

    /**
     * The command that starts a JVM like this one on the benchmark's class path, with the flags impl's library
     * needs and jvmArgs, running mainClass; its arguments are to be added.
     */
    static List<String> javaCommand(Impl impl, Class<?> mainClass, String... jvmArgs) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx128m");
        // the JVM's own warnings (unified logging writes them to standard output) go to standard error, where
        // they are kept for a failure's message and cannot be taken for the peer's "ready"
        command.add("-Xlog:disable");
        command.add("-Xlog:all=warning:stderr");
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of(BenchMain.jvmArgs(impl, jvmArgs)));
        command.add("-cp");
        command.add(System.getProperty(CLASS_PATH_PROPERTY, System.getProperty("java.class.path")));
        command.add(mainClass.getName());
        return command;
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.equals("ready")) {
                    ready.complete(null);
                } else {
                    synchronized (output) {
                        if (output.length() < QUOTED_CHARS) {
                            output.append(line).append('\n');
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the stream ends with the process: below
        }
        ready.completeExceptionally(new IOException("its standard output ended"));
    }

    /** Waits for the peer's "ready" (call after opening side A: some opens wait for each other), bounded. */
    void awaitReady() throws IOException, InterruptedException {
        try {
            ready.get(readyTimeoutSeconds() + 30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the peer process did not become ready: " + describe());
        }
    }

    /** Whether the peer has exited before "ready" (the opens on side A that wait for it would hang). */
    CompletableFuture<Process> diedBeforeReady() {
        CompletableFuture<Process> died = new CompletableFuture<>();
        process.onExit().thenAccept(p -> {
            if (!ready.isDone() || ready.isCompletedExceptionally()) {
                died.complete(p);
            }
        });
        return died;
    }

    /**
     * What the peer did: pid, whether it runs or how it exited (waiting a little for a peer that is going
     * down, as one does when its side failed), and what it wrote.
     */
    String describe() {
        StringBuilder b = new StringBuilder("peer JVM pid ").append(process.pid()).append(' ');
        try {
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                b.append("exited with status ").append(process.exitValue());
            } else {
                b.append("still running");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            b.append(process.isAlive() ? "still running" : "exited with status " + process.exitValue());
        }
        if (timedOut) {
            b.append(" (ended: no \"ready\" within ").append(readyTimeoutSeconds()).append(" s, property ")
                    .append(READY_TIMEOUT_PROPERTY).append(')');
        }
        String text;
        synchronized (output) {
            text = output.toString();
        }
        try {
            String err = Files.readString(errors, StandardCharsets.UTF_8);
            text += err.length() > QUOTED_CHARS ? "...\n" + err.substring(err.length() - QUOTED_CHARS) : err;
        } catch (IOException e) {
            text += "(its standard error could not be read: " + e + ")\n";
        }
        text = text.strip();
        return b.append(text.isEmpty() ? ", and wrote nothing" : ", and wrote:\n    " + text.replace("\n", "\n    "))
                .toString();
    }

    /** Whether the peer ended on its own with a failure (before close asked it to stop). */
    boolean failed() {
        return !closing && !process.isAlive() && process.exitValue() != 0;
    }

    /** Stops the peer; throws if it had failed on its own during the measurement (with its output). */
    @Override
    public void close() throws Exception {
        IOException failure = failed() ? new IOException("the peer process failed during the measurement: "
                + describe()) : null;
        stop();
        if (failure != null) {
            throw failure;
        }
    }

    /** Stops the peer (its watchdog sees standard input end and halts), bounded, and removes its files. */
    void stop() throws IOException, InterruptedException {
        closing = true;
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(errors);
        }
    }
}
