package io.github.ipc4j.bench;

import io.github.ipc4j.Feature;
import io.github.ipc4j.Platform;

import java.util.List;

/**
 * One IPC mechanism as the suite measures it. Adding a mechanism is: a subclass here (how to make its
 * objects and open an endpoint per implementation), its libc calls in {@link Libc} (JNA and FFM
 * bindings), a file in bench/native for the C side, and a line in {@link Mechanisms}.
 */
public abstract class Mechanism {
    private final String id;
    private final String label;
    private final boolean kernelMediated;
    private final Feature feature;

    /** feature: what ipc4j calls it (null: every OS has it). */
    protected Mechanism(String id, String label, boolean kernelMediated, Feature feature) {
        this.id = id;
        this.label = label;
        this.kernelMediated = kernelMediated;
        this.feature = feature;
    }

    /** Short name: JMH parameter value, C program argument, report key. */
    public final String id() {
        return id;
    }

    public final String label() {
        return label;
    }

    /** Whether every message passes through a system call (target 1.05 x C) or not (spin: 1.25 x C). */
    public final boolean kernelMediated() {
        return kernelMediated;
    }

    /** Whether the mechanism carries message bytes (throughput per size is measured) or only signals. */
    public boolean carriesMessages() {
        return true;
    }

    /** Whether the two sides must run on two CPUs (a spin handshake) whatever the placement asked for. */
    public boolean needsTwoCpus() {
        return false;
    }

    /** Whether this OS has it. */
    public boolean available() {
        return feature == null || Platform.supports(feature);
    }

    /** The message sizes measured for kind (round trips: the mode's; a mechanism may ask for more). */
    public List<Integer> sizes(Settings settings, Kind kind) {
        return settings.sizes(kind);
    }

    /** The implementations measured from Java (C is measured by bench/native when {@link #hasC()}). */
    public List<Impl> javaImpls() {
        return List.of(Impl.IPC4J, Impl.JNA, Impl.FFM);
    }

    public boolean hasC() {
        return true;
    }

    /** Whether the report compares the CPU its receivers use while waiting ({@link Kind#IDLE}). */
    public boolean measuresIdleCpu() {
        return false;
    }

    /** Makes the objects of a two-way link for impl (object 0 carries A to B, object 1 B to A). */
    public abstract Shared create(Impl impl) throws Exception;

    /** Opens one side of the link made by create. The benchmark opens A (after starting the peer), the peer B. */
    public Endpoint open(Impl impl, Shared shared, Side side) throws Exception {
        return open(impl, shared.name(side.sendIndex()), shared.name(side.receiveIndex()), side);
    }

    /** Opens an endpoint whose send and receive use one object, for the single-process cost. */
    public Endpoint loopback(Impl impl, Shared shared) throws Exception {
        return open(impl, shared.name(0), shared.name(0), null);
    }

    /** Opens an endpoint sending on one named object and receiving on another (or the same: side null). */
    protected Endpoint open(Impl impl, String sendName, String receiveName, Side side) throws Exception {
        throw new UnsupportedOperationException(id + " opens its endpoints otherwise");
    }

    /** Rebuilds, in the peer, what create made, from its names. */
    public Shared attach(String[] names) {
        return new Shared(names);
    }

    @Override
    public String toString() {
        return id;
    }
}
