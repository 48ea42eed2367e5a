package io.github.ipc4j;

import java.io.IOException;

/**
 * The process at the other end of a channel died (it is gone, or its pid now belongs to a process that
 * started later): a receiver learns it once it has received every message the sender had committed, a
 * sender when it waits for room the dead receiver will never make. The channel stays usable: a new
 * process that opens the dead peer's end takes it over.
 */
public final class PeerDiedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The dead peer's process id. */
    private final long pid;

    /**
     * A peer that died.
     *
     * @param message what happened, naming the channel and the process
     * @param pid the dead peer's process id
     */
    public PeerDiedException(String message, long pid) {
        super(message);
        this.pid = pid;
    }

    /**
     * The dead peer's process id.
     *
     * @return the pid
     */
    public long pid() {
        return pid;
    }
}
