package io.github.ipc4j.bench;

import java.util.List;

/** What is measured. */
public enum Kind {
    /** Round-trip latency between two processes: median and p99. */
    RTT("round trip", RoundTrip.class),
    /** One-way throughput to a receiving process: messages per second. */
    TPUT("one-way throughput", OneWay.class),
    /** One send and one receive on one object in one process: ns per pair. */
    SINGLE("single-process send+receive", SingleProcess.class),
    /** ipc4j's round trip in batches from a platform thread: the baseline of {@link #VIRTUAL}. */
    PLATFORM("round trip, platform thread", ThreadRoundTrip.class),
    /** ipc4j's round trip in batches from a virtual thread (the peer's loop on one too): JDK 21+. */
    VIRTUAL("round trip, virtual thread", ThreadRoundTrip.class),
    /** The CPU a receiver uses while nothing comes: a share of one CPU (not JMH: {@link IdleCpu}). */
    IDLE("CPU while waiting", IdleCpu.class);

    private final String label;
    private final Class<?> benchmark;

    Kind(String label, Class<?> benchmark) {
        this.label = label;
        this.benchmark = benchmark;
    }

    public String label() {
        return label;
    }

    /** The JMH benchmark class that measures it from Java ({@link IdleCpu} for IDLE, not a JMH one). */
    public Class<?> benchmark() {
        return benchmark;
    }

    /** As ipc4j-cbench names it. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether this kind compares thread kinds (ThreadRoundTrip's thread parameter), ipc4j only. */
    public boolean threads() {
        return this == PLATFORM || this == VIRTUAL;
    }

    /** Whether mechanism is measured this way. */
    public boolean appliesTo(Mechanism mechanism) {
        if (this == TPUT) {
            return mechanism.carriesMessages();
        }
        if (this == IDLE) {
            return mechanism.measuresIdleCpu();
        }
        return !threads() || mechanism.hasC(); // the thread kinds: ipc4j's mechanisms, not the sockets
    }

    /** The implementations measured from Java this way. */
    public List<Impl> javaImpls(Mechanism mechanism) {
        return threads() ? List.of(Impl.IPC4J) : mechanism.javaImpls();
    }

    /** Whether C measures it too (where the mechanism has C). */
    public boolean hasC() {
        return !threads() && this != IDLE;
    }
}
