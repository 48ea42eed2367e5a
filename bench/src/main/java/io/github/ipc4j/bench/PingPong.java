package io.github.ipc4j.bench;

/**
 * A fixed number of round trips of one mechanism and implementation with its peer, without JMH: a
 * steady, short process to look at with strace -f -c or perf stat (how many system calls a message
 * costs each way). {@code PingPong MECHANISM IMPL ROUND_TRIPS [SIZE]}.
 */
public final class PingPong {
    private PingPong() {}

    public static void main(String[] args) throws Exception {
        int trips = Integer.parseInt(args[2]);
        int size = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        try (Link link = Link.withPeer(args[0], args[1], Role.ECHO, size)) {
            Endpoint e = link.endpoint();
            long start = System.nanoTime();
            for (int i = 0; i < trips; i++) {
                e.send(size);
                e.receive(size);
            }
            System.out.printf("%d round trips of %d B over %s/%s: %.2f us each%n", trips, size, args[0], args[1],
                    (System.nanoTime() - start) / 1e3 / trips);
        }
    }
}
