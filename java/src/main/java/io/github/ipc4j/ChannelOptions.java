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
    public enum Role {
        /** The end that sends: one process at a time. */
        SENDER,
        /** The end that receives: one process at a time. */
        RECEIVER
    }

    /** Smallest ring capacity, in bytes. */
    public static final int MIN_CAPACITY = 1 << 10;
    /** Largest ring capacity, in bytes. */
    public static final int MAX_CAPACITY = 1 << 30;
    /** Ring capacity of a created channel unless set: 1 MiB. */
    public static final int DEFAULT_CAPACITY = 1 << 20;
    /** How long a waiting call spins before it sleeps, unless set: 50 µs. */
    public static final Duration DEFAULT_SPIN = Duration.ofNanos(50_000);

    private Role role;
    private int capacity = DEFAULT_CAPACITY;
    private long spinNanos = DEFAULT_SPIN.toNanos();

    private ChannelOptions() {}

    /**
     * New options: no role yet (required), open an existing channel, capacity {@link #DEFAULT_CAPACITY}, spin
     * {@link #DEFAULT_SPIN}, mode 0600.
     *
     * @return the options
     */
    public static ChannelOptions options() {
        return new ChannelOptions();
    }

    @Override
    protected ChannelOptions self() {
        return this;
    }

    /**
     * Opens the sending end.
     *
     * @return these options
     */
    public ChannelOptions sender() {
        return role(Role.SENDER);
    }

    /**
     * Opens the receiving end.
     *
     * @return these options
     */
    public ChannelOptions receiver() {
        return role(Role.RECEIVER);
    }

    /**
     * Which end this open takes.
     *
     * @param role SENDER or RECEIVER
     * @return these options
     */
    public ChannelOptions role(Role role) {
        this.role = Objects.requireNonNull(role, "role must not be null");
        return this;
    }

    /**
     * The ring's size in bytes when this open creates the channel: a power of two from {@value #MIN_CAPACITY}
     * to {@value #MAX_CAPACITY} (default 1 MiB). The longest message is half of it less 8 bytes. An open of an
     * existing channel takes the capacity it was created with.
     *
     * @param capacity the ring's size in bytes
     * @return these options
     * @throws IllegalArgumentException not a power of two in that range
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
     *
     * @param spin how long to spin, 0 to 1 s
     * @return these options
     * @throws IllegalArgumentException spin is negative or longer than 1 s
     */
    public ChannelOptions spin(Duration spin) {
        Objects.requireNonNull(spin, "spin must not be null");
        if (spin.isNegative() || spin.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("spin must be from 0 to 1 s, was " + spin);
        }
        this.spinNanos = spin.toNanos();
        return this;
    }

    /**
     * Which end this open takes.
     *
     * @return the role, or null when none was set
     */
    public Role role() {
        return role;
    }

    /**
     * The ring's size of a created channel.
     *
     * @return the capacity in bytes
     */
    public int capacity() {
        return capacity;
    }

    /**
     * How long a waiting call spins.
     *
     * @return the spin in nanoseconds
     */
    public long spinNanos() {
        return spinNanos;
    }
}
