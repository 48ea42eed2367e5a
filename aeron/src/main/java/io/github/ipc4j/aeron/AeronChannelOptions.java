package io.github.ipc4j.aeron;

import io.aeron.CommonContext;

import java.util.Objects;

/** How {@link AeronChannel#open} opens an end: sender or receiver (required), the media driver's directory, the longest message. */
public final class AeronChannelOptions {
    /** Which end an open takes. */
    public enum Role { SENDER, RECEIVER }

    private Role role;
    private String aeronDirectory = CommonContext.getAeronDirectoryName();
    private int maxMessageSize = 1 << 16;

    private AeronChannelOptions() {}

    public static AeronChannelOptions options() {
        return new AeronChannelOptions();
    }

    public AeronChannelOptions sender() {
        role = Role.SENDER;
        return this;
    }

    public AeronChannelOptions receiver() {
        role = Role.RECEIVER;
        return this;
    }

    /**
     * The media driver's directory (default: Aeron's, {@code aeron.dir} or /dev/shm/aeron-USER). When no driver
     * runs there, the first channel opened on it in this JVM starts one embedded, and the last one closed stops it.
     */
    public AeronChannelOptions aeronDirectory(String directory) {
        this.aeronDirectory = Objects.requireNonNull(directory, "directory must not be null");
        return this;
    }

    /** The longest message, 0 to 16 MiB (default 64 KiB); a sender is further bound by its term length (a eighth of it). */
    public AeronChannelOptions maxMessageSize(int bytes) {
        if (bytes < 0 || bytes > 16 << 20) {
            throw new IllegalArgumentException("maxMessageSize must be from 0 to 16 MiB, was " + bytes);
        }
        this.maxMessageSize = bytes;
        return this;
    }

    public Role role() {
        return role;
    }

    public String aeronDirectory() {
        return aeronDirectory;
    }

    public int maxMessageSize() {
        return maxMessageSize;
    }
}
