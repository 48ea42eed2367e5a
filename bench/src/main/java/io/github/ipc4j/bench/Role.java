package io.github.ipc4j.bench;

/** What the peer process does with each message. */
public enum Role {
    /** Sends each message back: the other side measures round trips. */
    ECHO,
    /** As ECHO, with the peer's loop on a virtual thread (JDK 21+): the virtual-thread round trip. */
    ECHO_VIRTUAL,
    /** Only receives: the other side measures one-way throughput. */
    DRAIN;

    boolean virtual() {
        return this == ECHO_VIRTUAL;
    }
}
