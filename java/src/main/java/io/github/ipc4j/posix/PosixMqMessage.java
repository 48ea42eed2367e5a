package io.github.ipc4j.posix;

import java.util.Arrays;

/**
 * A received message with its priority: what the allocating convenience forms of receive return.
 *
 * <p>Thread-safe to share: its fields are final; {@link #data()} is the array itself, not a copy, so a
 * thread that changes it must not share it.
 */
public final class PosixMqMessage {
    private final byte[] data;
    private final int priority;

    PosixMqMessage(byte[] data, int priority) {
        this.data = data;
        this.priority = priority;
    }

    /**
     * The message's bytes (this object's own array).
     *
     * @return the bytes; changing them changes this message
     */
    public byte[] data() {
        return data;
    }

    /**
     * The message's priority (0 to MQ_PRIO_MAX - 1).
     *
     * @return the priority it was sent with
     */
    public int priority() {
        return priority;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PosixMqMessage && ((PosixMqMessage) o).priority == priority
                && Arrays.equals(((PosixMqMessage) o).data, data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + priority;
    }

    @Override
    public String toString() {
        return "PosixMqMessage[" + data.length + " bytes, priority " + priority + "]";
    }
}
