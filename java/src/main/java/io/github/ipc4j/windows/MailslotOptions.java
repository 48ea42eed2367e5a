package io.github.ipc4j.windows;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Mailslot#create(String, MailslotOptions)} creates a mailslot. Defaults: messages of any
 * size, reads wait forever, only the current user admitted. Mutable; not thread-safe.
 */
public final class MailslotOptions {
    private MailslotOptions() {
        // made by options()
    }

    /** The longest read timeout, in milliseconds (MAILSLOT_WAIT_FOREVER - 1). */
    public static final long MAX_READ_TIMEOUT_MILLIS = 0xFFFFFFFEL;

    private int maxMessageSize;
    private Duration readTimeout;
    private boolean currentUserOnly = true;

    /**
     * New options: messages of any size, reads wait forever, the current user only.
     *
     * @return the options
     */
    public static MailslotOptions options() {
        return new MailslotOptions();
    }

    /**
     * The largest message the slot takes, in bytes; 0 (the default): any size.
     *
     * @param maxMessageSize the limit in bytes, or 0
     * @return these options
     * @throws IllegalArgumentException maxMessageSize is negative
     */
    public MailslotOptions maxMessageSize(int maxMessageSize) {
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("maxMessageSize must be 0 (any size) or more, was " + maxMessageSize);
        }
        this.maxMessageSize = maxMessageSize;
        return this;
    }

    /**
     * How long a read waits for a message: zero or more, at most 0xFFFFFFFE ms.
     *
     * @param readTimeout the timeout
     * @return these options
     * @throws IllegalArgumentException negative, or longer than {@link #MAX_READ_TIMEOUT_MILLIS} ms
     */
    public MailslotOptions readTimeout(Duration readTimeout) {
        this.readTimeout = checkReadTimeout(readTimeout);
        return this;
    }

    /**
     * Reads wait until a message comes (MAILSLOT_WAIT_FOREVER): the default.
     *
     * @return these options
     */
    public MailslotOptions readTimeoutForever() {
        this.readTimeout = null;
        return this;
    }

    /**
     * Whether the slot admits only the user this process runs as. Default true.
     *
     * @param currentUserOnly false for Windows' default security
     * @return these options
     */
    public MailslotOptions currentUserOnly(boolean currentUserOnly) {
        this.currentUserOnly = currentUserOnly;
        return this;
    }

    /**
     * The largest message the slot takes.
     *
     * @return the limit in bytes, or 0 for any size
     */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * The read timeout.
     *
     * @return the timeout; empty: forever
     */
    public Optional<Duration> readTimeout() {
        return Optional.ofNullable(readTimeout);
    }

    /**
     * Whether the slot admits only the user this process runs as.
     *
     * @return true unless set otherwise
     */
    public boolean currentUserOnly() {
        return currentUserOnly;
    }

    static Duration checkReadTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "readTimeout must not be null (use readTimeoutForever())");
        if (timeout.isNegative() || timeout.compareTo(Duration.ofMillis(MAX_READ_TIMEOUT_MILLIS)) > 0) {
            throw new IllegalArgumentException("readTimeout must be from 0 to " + MAX_READ_TIMEOUT_MILLIS
                    + " ms (longer: wait forever), was " + timeout);
        }
        return timeout;
    }

    /** The native form: milliseconds, or -1 for forever. */
    static long millis(Duration timeout) {
        return timeout == null ? -1 : timeout.toMillis();
    }
}
