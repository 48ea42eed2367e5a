package io.github.ipc4j.bench;

import java.io.IOException;
import java.io.InputStream;

/**
 * The peer process of a two-JVM measurement, started by {@link PeerProcess} on the benchmark's class
 * path: {@code Peer ROLE MECHANISM IMPL SIZE NAME...}. It opens side B, prints "ready", then echoes or
 * drains (on a virtual thread for {@link Role#ECHO_VIRTUAL}) until its standard input closes (the benchmark
 * stops it, or died). A failure is printed to standard error, with exit status 1.
 */
public final class Peer {
    private Peer() {}

    public static void main(String[] args) throws Exception {
        Role role = Role.valueOf(args[0]);
        Mechanism mechanism = Mechanisms.byId(args[1]);
        Impl impl = Impl.of(args[2]);
        int size = Integer.parseInt(args[3]);
        String[] names = java.util.Arrays.copyOfRange(args, 4, args.length);
        Thread watchdog = new Thread(() -> exitWhenClosed(System.in), "stdin watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Placement.current().pin(Side.B);
        Endpoint endpoint = mechanism.open(impl, mechanism.attach(names), Side.B);
        System.out.println("ready");
        System.out.flush();
        try {
            if (role.virtual()) {
                VirtualThreads.runAndJoin(() -> loop(role, endpoint, size));
            } else {
                loop(role, endpoint, size);
            }
        } catch (Throwable e) {
            // the benchmark stops this peer by closing its standard input before it closes its own side, so a
            // failure here is real: say it (the benchmark quotes this output) and exit with a failure status
            System.err.println("ipc4j-bench peer: " + role + " " + mechanism + "/" + impl.id() + " failed:");
            e.printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    private static void loop(Role role, Endpoint endpoint, int size) throws Exception {
        if (role != Role.DRAIN) {
            for (;;) {
                endpoint.receive(size);
                endpoint.send(size);
            }
        }
        for (;;) {
            endpoint.receive(size);
        }
    }

    private static void exitWhenClosed(InputStream in) {
        try {
            while (in.read() >= 0) {
                // nothing is sent; end of stream is the signal
            }
        } catch (IOException e) {
            // the same signal
        }
        Runtime.getRuntime().halt(0);
    }
}
