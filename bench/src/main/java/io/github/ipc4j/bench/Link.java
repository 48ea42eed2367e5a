package io.github.ipc4j.bench;

import java.util.concurrent.atomic.AtomicBoolean;

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
        try {
            peer = PeerProcess.start(role, mechanism, impl, size, shared, Placement.of(mechanism));
            AtomicBoolean ready = new AtomicBoolean();
            peer.guard(ready, mechanismId + "/" + implId);
            Placement.of(mechanism).pin(Side.A);
            Endpoint endpoint = mechanism.open(impl, shared, Side.A);
            peer.awaitReady();
            ready.set(true);
            return new Link(shared, peer, endpoint);
        } catch (Exception | Error e) {
            if (peer != null) {
                peer.close();
            }
            shared.close();
            throw e;
        }
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
