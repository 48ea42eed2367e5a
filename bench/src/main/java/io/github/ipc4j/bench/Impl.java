package io.github.ipc4j.bench;

/**
 * Who makes the calls: the same operation, four ways, the socket libraries a Java user might pick, and the
 * Java low-latency libraries the shared-memory channel is measured against.
 */
public enum Impl {
    C("C"),
    IPC4J("ipc4j"),
    JNA("JNA"),
    FFM("FFM"),
    JDK("JDK"),
    JUNIXSOCKET("junixsocket"),
    CHRONICLE("Chronicle Queue"),
    AERON("Aeron IPC");

    private final String label;

    Impl(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The name a JMH parameter carries: ipc4j, jna, ffm, ... */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Impl of(String id) {
        return valueOf(id.toUpperCase(java.util.Locale.ROOT));
    }
}
