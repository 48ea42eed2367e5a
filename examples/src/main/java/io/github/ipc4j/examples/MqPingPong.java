package io.github.ipc4j.examples;

import io.github.ipc4j.posix.PosixMessageQueue;
import io.github.ipc4j.posix.PosixMqOptions;

import java.nio.ByteBuffer;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a second JVM, plays ping-pong with it over two POSIX message queues, and prints what it did
 * and the round-trip latency it measured. Usage: MqPingPong [round trips] [message bytes].
 */
public final class MqPingPong {
    private MqPingPong() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--echo")) {
            echo(args[1], args[2]);
            return;
        }
        int roundTrips = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        PosixMqOptions options = PosixMqOptions.options().maxMessages(1).messageSize(Math.max(size, 8));
        try (PosixMessageQueue ping = PosixMessageQueue.createUnique(options);
             PosixMessageQueue pong = PosixMessageQueue.createUnique(options)) {
            try {
                System.out.println("created " + ping.name() + " and " + pong.name() + " (mode 0600, 1 message of "
                        + ping.messageSize() + " bytes each)");
                Process peer = startPeer(ping.name(), pong.name());
                System.out.println("started a second JVM, pid " + peer.pid() + ", to echo every message back");
                ByteBuffer out = ByteBuffer.allocateDirect(size);
                ByteBuffer in = ByteBuffer.allocateDirect(ping.messageSize());
                int warmUp = Math.max(roundTrips / 2, 1000);
                for (int i = 0; i < warmUp; i++) {
                    roundTrip(ping, pong, out, in, i);
                }
                long[] nanos = new long[roundTrips];
                for (int i = 0; i < roundTrips; i++) {
                    long start = System.nanoTime();
                    roundTrip(ping, pong, out, in, i);
                    nanos[i] = System.nanoTime() - start;
                }
                out.clear();
                out.putInt(-1).flip();
                ping.send(out, 0); // tells the peer to stop
                peer.waitFor(10, TimeUnit.SECONDS);
                Arrays.sort(nanos);
                System.out.printf("%d round trips of %d-byte messages after %d warm-up ones, every reply checked%n",
                        roundTrips, size, warmUp);
                System.out.printf("round-trip latency: median %.1f us, p99 %.1f us, min %.1f us%n",
                        nanos[roundTrips / 2] / 1e3, nanos[(int) (roundTrips * 0.99)] / 1e3, nanos[0] / 1e3);
                System.out.println("peer exited with " + peer.exitValue() + "; removing both queues");
            } finally {
                ping.unlink();
                pong.unlink();
            }
        }
    }

    private static void roundTrip(PosixMessageQueue ping, PosixMessageQueue pong, ByteBuffer out, ByteBuffer in,
                                  int i) throws Exception {
        out.clear();
        out.putInt(0, i);
        ping.send(out, 1);
        in.clear();
        pong.receive(in);
        if (in.position() != out.capacity() || in.getInt(0) != i) {
            throw new IllegalStateException("round trip " + i + " came back wrong");
        }
    }

    private static void echo(String pingName, String pongName) throws Exception {
        try (PosixMessageQueue ping = PosixMessageQueue.open(pingName);
             PosixMessageQueue pong = PosixMessageQueue.open(pongName)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(ping.messageSize());
            for (;;) {
                buf.clear();
                ping.receive(buf);
                buf.flip();
                if (buf.getInt(0) == -1) {
                    return;
                }
                pong.send(buf, 1);
            }
        }
    }

    private static Process startPeer(String ping, String pong) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MqPingPong.class.getName(), "--echo",
                ping, pong));
        return new ProcessBuilder(command).inheritIO().start();
    }
}
