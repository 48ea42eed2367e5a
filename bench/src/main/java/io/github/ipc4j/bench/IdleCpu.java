package io.github.ipc4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The CPU a receiver uses while nothing comes ({@link Kind#IDLE}, issue 14: "CPU while idle ≈ 0 where theirs is
 * a busy core"). One implementation's loopback endpoint, with the mechanism's objects made here (for Aeron its
 * embedded media driver too), after some messages through it; a thread waits in receive as in the round trips; once it has settled (ipc4j's
 * spin is long over), the CPU time of that thread and of the whole process are read over a window, and one
 * message then ends the wait. A run of its own JVM (with the flags the implementation needs), in process in the
 * smoke run, which forks nothing.
 */
final class IdleCpu {
    /** How long the waiting thread waits before the window opens. */
    private static final long SETTLE_MILLIS = 200;
    /** How long a forked measurement may take beyond its window (a JVM start on a busy machine). */
    private static final long FORK_SLACK_SECONDS = 180;
    private static final String RESULT = "idle-cpu ";
    private static final int WARM_UP_MESSAGES = 20_000;

    private IdleCpu() {}

    /** The window: the mode's measured time, at least 1 s (a process's CPU time counts in 10 ms ticks). */
    static long windowMillis(Settings settings) {
        long measured = (long) settings.iterations * settings.iterationMillis;
        return settings.forks == 0 ? measured : Math.max(1000, measured);
    }

    /** Measures m (kind IDLE), in a JVM of its own unless the mode forks nothing. */
    static void measure(Measurement m, Settings settings) throws Exception {
        long window = windowMillis(settings);
        double[] shares = settings.forks == 0 ? run(m.mechanism, m.impl, window) : forked(m, window);
        m.cpuShare = shares[0];
        m.processCpuShare = shares[1];
    }

    private static double[] forked(Measurement m, long window) throws IOException, InterruptedException {
        List<String> command = PeerProcess.javaCommand(m.impl, IdleCpu.class);
        command.addAll(List.of(m.mechanism, m.impl.id(), Long.toString(window)));
        Path output = Files.createTempFile("ipc4j-bench-idle-", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(window / 1000 + FORK_SLACK_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException("the idle measurement did not end in time; it said:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            String said = Files.readString(output, StandardCharsets.UTF_8);
            String result = said.lines().filter(l -> l.startsWith(RESULT)).reduce((a, b) -> b).orElse(null);
            if (p.exitValue() != 0 || result == null) {
                throw new IllegalStateException("the idle measurement exited with " + p.exitValue() + "; it said:\n"
                        + said);
            }
            String[] shares = result.substring(RESULT.length()).split(" ");
            return new double[] {Double.parseDouble(shares[0]), Double.parseDouble(shares[1])};
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** MECHANISM IMPL WINDOW_MILLIS: prints "idle-cpu THREAD_SHARE PROCESS_SHARE" (fractions of one CPU). */
    public static void main(String[] args) throws Exception {
        double[] shares = run(args[0], Impl.of(args[1]), Long.parseLong(args[2]));
        System.out.println(RESULT + shares[0] + " " + shares[1]);
        System.exit(0); // a library's non-daemon threads (Aeron's, Chronicle's) must not keep the JVM
    }

    /** The waiting thread's and the process's CPU time over the window, each a fraction of its wall time. */
    static double[] run(String mechanismId, Impl impl, long windowMillis) throws Exception {
        Mechanism mechanism = Mechanisms.byId(mechanismId);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM does not measure a thread's CPU time");
        }
        threads.setThreadCpuTimeEnabled(true);
        try (Shared shared = mechanism.create(impl); Endpoint endpoint = mechanism.loopback(impl, shared)) {
            for (int i = 0; i < WARM_UP_MESSAGES; i++) { // a receiver that had messages before: its path compiled
                endpoint.send(8);
                endpoint.receive(8);
            }
            endpoint.receiveOnAnotherThread();
            CompletableFuture<Void> received = new CompletableFuture<>();
            Thread waiter = new Thread(() -> {
                try {
                    endpoint.receive(8);
                    received.complete(null);
                } catch (Throwable e) {
                    received.completeExceptionally(e);
                }
            }, "ipc4j-bench idle receiver");
            waiter.setDaemon(true);
            waiter.start();
            Thread.sleep(SETTLE_MILLIS);
            long thread0 = threads.getThreadCpuTime(waiter.getId());
            long process0 = processCpuNanos();
            long start = System.nanoTime();
            Thread.sleep(windowMillis);
            long thread1 = threads.getThreadCpuTime(waiter.getId());
            long process1 = processCpuNanos();
            double wall = System.nanoTime() - start;
            if (received.isDone()) {
                received.get(); // its failure, if it failed
                throw new IllegalStateException("the receiver returned while nothing was sent");
            }
            endpoint.send(8);
            received.get(60, TimeUnit.SECONDS);
            return new double[] {(thread1 - thread0) / wall, (process1 - process0) / wall};
        }
    }

    private static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this OS does not give a process's CPU time"))
                .toNanos();
    }
}
