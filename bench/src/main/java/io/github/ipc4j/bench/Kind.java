package io.github.ipc4j.bench;

/** What is measured. */
public enum Kind {
    /** Round-trip latency between two processes: median and p99. */
    RTT("round trip", RoundTrip.class),
    /** One-way throughput to a receiving process: messages per second. */
    TPUT("one-way throughput", OneWay.class),
    /** One send and one receive on one object in one process: ns per pair. */
    SINGLE("single-process send+receive", SingleProcess.class);

    private final String label;
    private final Class<?> benchmark;

    Kind(String label, Class<?> benchmark) {
        this.label = label;
        this.benchmark = benchmark;
    }

    public String label() {
        return label;
    }

    /** The JMH benchmark class that measures it from Java. */
    public Class<?> benchmark() {
        return benchmark;
    }

    /** As ipc4j-cbench names it. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
