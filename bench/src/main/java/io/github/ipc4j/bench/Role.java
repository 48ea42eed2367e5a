package io.github.ipc4j.bench;

/** What the peer process does with each message. */
public enum Role {
    /** Sends each message back: the other side measures round trips. */
    ECHO,
    /** Only receives: the other side measures one-way throughput. */
    DRAIN
}
