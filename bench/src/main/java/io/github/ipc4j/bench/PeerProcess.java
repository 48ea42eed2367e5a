package io.github.ipc4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link Peer} JVM that a measurement starts and stops itself, on the same JVM and class path. */
final class PeerProcess implements AutoCloseable {
    /** The class path peers get; run.sh sets it, else the JVM's own. */
    static final String CLASS_PATH_PROPERTY = "ipc4j.bench.classpath";

    private final Process process;

    private PeerProcess(Process process) {
        this.process = process;
    }

    static PeerProcess start(Role role, Mechanism mechanism, Impl impl, int size, Shared shared, Placement placement)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx128m");
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of(BenchMain.jvmArgs(impl, "-D" + Placement.PROPERTY + "=" + placement.id())));
        command.add("-cp");
        command.add(System.getProperty(CLASS_PATH_PROPERTY, System.getProperty("java.class.path")));
        command.add(Peer.class.getName());
        command.add(role.name());
        command.add(mechanism.id());
        command.add(impl.id());
        command.add(Integer.toString(size));
        command.addAll(List.of(shared.names()));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new PeerProcess(p);
    }

    /** Waits for the peer's "ready" (call after opening side A: some opens wait for each other). */
    void awaitReady() throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        // a library may print a banner first (Aeron, Chronicle): skip to "ready"
        StringBuilder before = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals("ready")) {
                return;
            }
            before.append(line).append('\n');
        }
        throw new IOException("the peer process did not start (exit " + exitCode() + "): " + before);
    }

    private String exitCode() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /**
     * Guards the opens that wait for the peer (a FIFO's write end, accept): if the peer dies before it is
     * ready nothing would end them, so this JVM stops with a message instead of hanging.
     */
    void guard(java.util.concurrent.atomic.AtomicBoolean ready, String what) {
        process.onExit().thenRun(() -> {
            if (!ready.get()) {
                System.err.println("ipc4j-bench: the peer of " + what + " died (exit " + process.exitValue()
                        + ") before it was ready; stopping");
                Runtime.getRuntime().halt(3);
            }
        });
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close(); // the peer's watchdog sees end of stream and halts
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
