package io.github.ipc4j;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link SharedMemoryChannel#open} opens a channel: which end (sender or receiver, required), the
 * ring's capacity when it creates the channel, and how long a waiting call spins before it sleeps in the
 * kernel; plus the open mode, mode bits and ownership checks every named object takes.
 *
 * <p>Not thread-safe: a mutable builder, for one thread; the object opened from it keeps its own copy of what it needs.
 */
public final class ChannelOptions extends OpenOptions<ChannelOptions> {
    /** Which end of the channel an open takes. */
    public enum Role { SENDER, RECEIVER }

    /** Smallest and largest ring capacity, in bytes. */
    public static final int MIN_CAPACITY = 1 << 10;
    public static final int MAX_CAPACITY = 1 << 30;
    public static final int DEFAULT_CAPACITY = 1 << 20;
    public static final Duration DEFAULT_SPIN = Duration.ofNanos(50_000);

    private Role role;
    private int capacity = DEFAULT_CAPACITY;
    private long spinNanos = DEFAULT_SPIN.toNanos();

    private ChannelOptions() {}

    public static ChannelOptions options() {
        return new ChannelOptions();
    }

    @Override
    protected ChannelOptions self() {
        return this;
    }

    /** Opens the sending end. */
    public ChannelOptions sender() {
        return role(Role.SENDER);
    }

    /** Opens the receiving end. */
    public ChannelOptions receiver() {
        return role(Role.RECEIVER);
    }

    public ChannelOptions role(Role role) {
        this.role = Objects.requireNonNull(role, "role must not be null");
        return this;
    }

    /**
     * The ring's size in bytes when this open creates the channel: a power of two from {@value #MIN_CAPACITY}
     * to {@value #MAX_CAPACITY} (default 1 MiB). The longest message is half of it less 8 bytes. An open of an
     * existing channel takes the capacity it was created with.
     */
    public ChannelOptions capacity(int capacity) {
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two from " + MIN_CAPACITY + " to "
                    + MAX_CAPACITY + " bytes, was " + capacity);
        }
        this.capacity = capacity;
        return this;
    }

    /**
     * How long a call that must wait spins (re-checking the ring, {@link Thread#onSpinWait()}) before it
     * sleeps in the kernel; default 50 µs. Zero sleeps at once. Spinning buys latency with CPU time.
     */
    public ChannelOptions spin(Duration spin) {
        Objects.requireNonNull(spin, "spin must not be null");
        if (spin.isNegative() || spin.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("spin must be from 0 to 1 s, was " + spin);
        }
        this.spinNanos = spin.toNanos();
        return this;
    }

    public Role role() {
        return role;
    }

    public int capacity() {
        return capacity;
    }

    public long spinNanos() {
        return spinNanos;
    }
}
