package io.github.ipc4j.bench;

import io.github.ipc4j.internal.Blocking;
import io.github.ipc4j.internal.CallSlot;
import io.github.ipc4j.internal.NativeHandle;
import io.github.ipc4j.internal.NativeSysvMsg;
import io.github.ipc4j.sysv.SysvMessageQueue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What each layer of ipc4j's System V send and receive costs between two JVMs on one CPU (the suite's
 * default placement), and how often the measuring thread is switched out per message: the evidence behind
 * the report's finding that the remaining gaps to C are the JVM's and the scheduler's. Three layers, run
 * in turn, several runs interleaved: {@code bare} (the JNI call, blocking in the kernel under a blocker
 * taken once), {@code blocking} (Blocking.begin/end around it, as every waiting call has), {@code api}
 * (SysvMessageQueue.send/receive). Both JVMs run the same layer.
 *
 * <pre>java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.github.ipc4j.bench.LayerCosts
 *   oneway|rtt [SIZE] [RUNS]</pre>
 *
 * Prints, per run and layer, the median of 5 batches (messages/s one-way, ns per round trip) and the
 * measuring thread's context switches per message.
 */
public final class LayerCosts implements AutoCloseable {
    private static final String[] LAYERS = {"bare", "blocking", "api"};
    private static final int BATCHES = 6; // the first is warm-up

    private final String layer;
    private final SysvMessageQueue out;
    private final SysvMessageQueue in;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(8192);
    private final NativeHandle handle = NativeHandle.holdingNothing("LayerCosts");
    /** The bare layer's blocker, taken once for the whole run (null for the other layers). */
    private final CallSlot held;

    private LayerCosts(String layer, int outId, int inId) throws Exception {
        this.layer = layer;
        this.out = SysvMessageQueue.ofId(outId);
        this.in = SysvMessageQueue.ofId(inId);
        this.held = layer.equals("bare") ? Blocking.begin(null) : null;
    }

    @Override
    public void close() {
        if (held != null) {
            Blocking.end(held);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("peer")) {
            Placement.SAME.pin(Side.B);
            LayerCosts peer = new LayerCosts(args[2], Integer.parseInt(args[4]), Integer.parseInt(args[3]));
            peer.serve(args[1].equals("rtt"), Integer.parseInt(args[5]));
            return;
        }
        boolean rtt = args[0].equals("rtt");
        int size = args.length > 1 ? Integer.parseInt(args[1]) : rtt ? 8 : 8192;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Placement.SAME.pin(Side.A);
        try (SysvMessageQueue a = SysvMessageQueue.createPrivate(); SysvMessageQueue b = SysvMessageQueue.createPrivate()) {
            for (int run = 1; run <= runs; run++) {
                for (String layer : LAYERS) {
                    System.out.println("run " + run + " " + layer + ": " + measure(rtt, layer, size, a.id(), b.id()));
                }
            }
            a.remove();
            b.remove();
        }
    }

    private static String measure(boolean rtt, String layer, int size, int a, int b) throws Exception {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), LayerCosts.class.getName(), "peer",
                rtt ? "rtt" : "oneway", layer, Integer.toString(a), Integer.toString(b), Integer.toString(size)));
        Process peer = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (LayerCosts driver = new LayerCosts(layer, a, b)) {
            return driver.drive(rtt, size);
        } finally {
            peer.destroyForcibly().waitFor();
        }
    }

    private String drive(boolean rtt, int size) throws Exception {
        int messages = rtt ? 100_000 : 200_000;
        double[] values = new double[BATCHES - 1];
        long switchesBefore = 0;
        for (int batch = 0; batch < BATCHES; batch++) {
            if (batch == 1) {
                switchesBefore = contextSwitches();
            }
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                send(size);
                if (rtt) {
                    receive();
                }
            }
            long elapsed = System.nanoTime() - start;
            if (batch > 0) {
                values[batch - 1] = rtt ? (double) elapsed / messages : messages / (elapsed / 1e9);
            }
        }
        double perMessage = (contextSwitches() - switchesBefore) / (double) ((BATCHES - 1) * messages);
        Arrays.sort(values);
        return String.format(rtt ? "%.0f ns per round trip" : "%,.0f messages/s", values[values.length / 2])
                + String.format(", %.2f switches per message", perMessage);
    }

    private void serve(boolean echo, int size) throws Exception {
        for (;;) {
            receive();
            if (echo) {
                send(size);
            }
        }
    }

    private void send(int size) throws Exception {
        buffer.clear().limit(size);
        switch (layer) {
            case "bare":
                check(NativeSysvMsg.sendDirect(out.id(), 1, buffer, 0, size, 0, held.waker(), -1));
                break;
            case "blocking": {
                CallSlot slot = Blocking.begin(handle);
                try {
                    check(NativeSysvMsg.sendDirect(out.id(), 1, buffer, 0, size, 0, slot.waker(), -1));
                } finally {
                    Blocking.end(slot);
                }
                break;
            }
            default:
                out.send(buffer, 1);
        }
    }

    private void receive() throws Exception {
        buffer.clear();
        switch (layer) {
            case "bare":
                check(NativeSysvMsg.receiveDirect(in.id(), buffer, 0, 8192, 0, 0, held.waker(), -1));
                break;
            case "blocking": {
                CallSlot slot = Blocking.begin(handle);
                try {
                    check(NativeSysvMsg.receiveDirect(in.id(), buffer, 0, 8192, 0, 0, slot.waker(), -1));
                } finally {
                    Blocking.end(slot);
                }
                break;
            }
            default:
                in.receive(buffer);
        }
    }

    private static void check(long result) {
        if (result < 0) {
            throw new IllegalStateException("System V call failed: errno " + -result);
        }
    }

    /** The calling thread's voluntary and involuntary context switches so far. */
    private static long contextSwitches() throws Exception {
        long total = 0;
        for (String line : Files.readAllLines(Paths.get("/proc/thread-self/status"))) {
            if (line.contains("ctxt_switches:")) {
                total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return total;
    }
}
