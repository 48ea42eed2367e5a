package io.github.ipc4j.sysv;

import io.github.ipc4j.Feature;
import io.github.ipc4j.Platform;
import io.github.ipc4j.internal.NativeSysvMsg;

/**
 * Which message a receive takes from a {@link SysvMessageQueue} (the msgrcv type rules), and whether a
 * longer message than the buffer is truncated. Immutable: keep one and reuse it, receiving allocates
 * nothing.
 *
 * <ul>
 * <li>{@link #ANY}: the oldest message;</li>
 * <li>{@link #exactly(long)}: the oldest message of that type;</li>
 * <li>{@link #atMost(long)}: the oldest message of the lowest type up to the bound (a priority queue
 * where low types go first);</li>
 * <li>{@link #except(long)}: the oldest message of any other type (MSG_EXCEPT; Linux only).</li>
 * </ul>
 *
 * Without {@link #truncating()} a message longer than the receive buffer fails the receive with
 * IpcException E2BIG and stays in the queue; with it, the message is cut to the buffer and the rest is lost
 * (MSG_NOERROR).
 */
public final class TypeSelector {
    /** The oldest message, of any type (msgrcv type 0). */
    public static final TypeSelector ANY = new TypeSelector(0, 0, "any type");

    private final long msgtyp;
    private final int flags;
    private final String description;

    private TypeSelector(long msgtyp, int flags, String description) {
        this.msgtyp = msgtyp;
        this.flags = flags;
        this.description = description;
    }

    /**
     * The oldest message of this type (msgrcv type = type).
     *
     * @param type the type, at least 1
     * @return the selector
     * @throws IllegalArgumentException type is below 1
     */
    public static TypeSelector exactly(long type) {
        return new TypeSelector(checkType(type), 0, "type " + type);
    }

    /**
     * The oldest message of the lowest type from 1 to maxType (msgrcv type = -maxType).
     *
     * @param maxType the highest type taken, at least 1
     * @return the selector
     * @throws IllegalArgumentException maxType is below 1
     */
    public static TypeSelector atMost(long maxType) {
        return new TypeSelector(-checkType(maxType), 0, "lowest type up to " + maxType);
    }

    /**
     * The oldest message of any type but this one (msgrcv MSG_EXCEPT).
     *
     * @param type the type left in the queue, at least 1
     * @return the selector
     * @throws IllegalArgumentException type is below 1
     * @throws UnsupportedOperationException the OS lacks MSG_EXCEPT (everywhere but Linux)
     */
    public static TypeSelector except(long type) {
        checkType(type);
        Platform.require(Feature.SYSV_MESSAGE_EXCEPT);
        return new TypeSelector(type, NativeSysvMsg.EXCEPT, "any type but " + type);
    }

    /**
     * This selector, cutting a message longer than the buffer to fit instead of failing (MSG_NOERROR).
     *
     * @return the truncating selector (this one when it truncates already)
     */
    public TypeSelector truncating() {
        return isTruncating() ? this
                : new TypeSelector(msgtyp, flags | NativeSysvMsg.NOERROR, description + ", truncating");
    }

    /**
     * Whether this selector cuts a longer message to fit (MSG_NOERROR).
     *
     * @return true when it truncates
     */
    public boolean isTruncating() {
        return (flags & NativeSysvMsg.NOERROR) != 0;
    }

    /** The msgtyp argument of msgrcv. */
    long msgtyp() {
        return msgtyp;
    }

    /** The flags for NativeSysvMsg. */
    int flags() {
        return flags;
    }

    static long checkType(long type) {
        if (type <= 0) {
            throw new IllegalArgumentException("a message type must be at least 1 (System V message types are "
                    + "positive), was " + type);
        }
        return type;
    }

    @Override
    public String toString() {
        return "TypeSelector[" + description + "]";
    }
}
