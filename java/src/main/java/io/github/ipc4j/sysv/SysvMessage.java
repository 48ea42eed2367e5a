package io.github.ipc4j.sysv;

import java.util.Arrays;

/**
 * A received message with its type: what the allocating convenience forms of receive return.
 *
 * <p>Thread-safe to share: its fields are final; {@link #data()} is the array itself, not a copy, so a
 * thread that changes it must not share it.
 */
public final class SysvMessage {
    private final long type;
    private final byte[] data;

    SysvMessage(long type, byte[] data) {
        this.type = type;
        this.data = data;
    }

    /**
     * The message's type (at least 1).
     *
     * @return the type
     */
    public long type() {
        return type;
    }

    /**
     * The message's bytes (this object's own array).
     *
     * @return the bytes; changing them changes this message
     */
    public byte[] data() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SysvMessage && ((SysvMessage) o).type == type && Arrays.equals(((SysvMessage) o).data, data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + Long.hashCode(type);
    }

    @Override
    public String toString() {
        return "SysvMessage[type " + type + ", " + data.length + " bytes]";
    }
}
