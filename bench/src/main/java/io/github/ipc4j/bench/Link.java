package io.github.ipc4j.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * What one measurement holds: the kernel objects, the peer process (if any) and this side's endpoint.
 * Closing stops the peer, closes the endpoint and removes the objects.
 */
public final class Link implements AutoCloseable {
    private final Shared shared;
    private final PeerProcess peer;
    private final Endpoint endpoint;

    /** Removes the objects if the JVM ends without close (a failed benchmark skips JMH's tear-down). */
    private final Thread cleanup;

    private Link(Shared shared, PeerProcess peer, Endpoint endpoint) {
        this.shared = shared;
        this.peer = peer;
        this.endpoint = endpoint;
        this.cleanup = new Thread(this::closeQuietly, "ipc4j-bench cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception e) {
            System.err.println("ipc4j-bench: cleaning up " + e);
        }
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** Two processes: this one (side A) and a peer JVM (side B) that echoes or drains, same impl. */
    public static Link withPeer(String mechanismId, String implId, Role role, int size) throws Exception {
        Mechanism mechanism = Mechanisms.byId(mechanismId);
        Impl impl = Impl.of(implId);
        Shared shared = mechanism.create(impl);
        PeerProcess peer = null;
        StandIn standIn = null;
        try {
            peer = PeerProcess.start(role, mechanism, impl, size, shared, Placement.of(mechanism));
            standIn = new StandIn(mechanism, impl, shared, peer);
            Placement.of(mechanism).pin(Side.A);
            Endpoint endpoint = mechanism.open(impl, shared, Side.A);
            standIn.opened.set(true);
            peer.awaitReady();
            return new Link(shared, peer, endpoint);
        } catch (Exception | Error e) {
            if (peer != null) {
                peer.stop();
            }
            if (standIn != null) {
                standIn.close();
            }
            shared.close();
            throw e;
        }
    }

    /**
     * Some opens of side A wait for side B (a FIFO's ends, accept). If the peer dies (or is ended for not
     * becoming ready) before it opened side B, nothing would end them: this opens side B here in its place,
     * so that side A's open returns and the measurement fails with the peer's output instead of hanging.
     * Should that fail too, and side A still wait a minute later, the JVM is stopped with the peer's output
     * (the last resort: a JVM cannot abandon a thread blocked in open(2)).
     */
    private static final class StandIn {
        final AtomicBoolean opened = new AtomicBoolean();
        private volatile Endpoint endpoint;

        StandIn(Mechanism mechanism, Impl impl, Shared shared, PeerProcess peer) {
            peer.diedBeforeReady().thenRunAsync(() -> {
                if (opened.get()) {
                    return; // side A is open: awaitReady reports the peer's failure
                }
                try {
                    endpoint = mechanism.open(impl, shared, Side.B);
                } catch (Exception | Error e) {
                    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                    while (!opened.get() && System.nanoTime() < deadline) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                    }
                    if (!opened.get()) {
                        System.err.println("ipc4j-bench: the peer of " + mechanism + "/" + impl.id() + " failed before "
                                + "it was ready, opening its side here failed too (" + e + "), and this side's open "
                                + "still waits: stopping. The " + peer.describe());
                        Runtime.getRuntime().halt(3);
                    }
                }
            }, runnable -> {
                Thread t = new Thread(runnable, "ipc4j-bench stand-in peer");
                t.setDaemon(true);
                t.start();
            });
        }

        void close() {
            Endpoint e = endpoint;
            if (e != null) {
                try {
                    e.close();
                } catch (Exception ignored) {
                    // it only stood in
                }
            }
        }
    }

    /** The failure e of this link's measurement, with what the peer process did and said. */
    public Exception explain(Exception e) {
        if (peer == null) {
            return e;
        }
        return new IOException(e + "\n  and the " + peer.describe(), e);
    }

    /** One process: send and receive on one object. */
    public static Link loopback(String mechanismId, String implId) throws Exception {
        Mechanism mechanism = Mechanisms.byId(mechanismId);
        Impl impl = Impl.of(implId);
        Shared shared = mechanism.create(impl);
        try {
            Placement.of(mechanism).pin(Side.A);
            return new Link(shared, null, mechanism.loopback(impl, shared));
        } catch (Exception | Error e) {
            shared.close();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        if (Thread.currentThread() != cleanup) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                return; // the hook is running or about to: it closes
            }
        }
        try (Shared s = shared; Endpoint e = endpoint) {
            if (peer != null) {
                peer.close();
            }
        }
    }
}
