package io.github.ipc4j.sysv;

import io.github.ipc4j.internal.NativeSysvSem;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Operations on several semaphores of a set that the kernel applies atomically, all or none, in one
 * semop call: made once with {@link SysvSemaphoreSet#operation()}, then performed any number of times,
 * from any thread, on any set with enough semaphores. Performing allocates nothing: the operations are
 * prepared in native form when built. Immutable.
 *
 * <pre>{@code
 * SemOperation takeBoth = set.operation().add(0, -1, SemFlag.UNDO).add(1, -1, SemFlag.UNDO).build();
 * set.perform(takeBoth);   // waits until both can be taken, then takes both at once
 * }</pre>
 */
public final class SemOperation {
    private final short[] indexes;
    private final short[] deltas;
    private final byte[] flags;
    final int count;
    final int maxIndex;
    /** As built: each operation with its own flags. */
    final ByteBuffer asBuilt;
    /** The same with IPC_NOWAIT on every operation (the try forms). */
    final ByteBuffer noWait;
    /** Every operation adds (delta &gt; 0): the whole never waits, so it needs no wake-up machinery. */
    final boolean neverWaits;

    private SemOperation(Builder b) {
        count = b.count;
        indexes = Arrays.copyOf(b.indexes, count);
        deltas = Arrays.copyOf(b.deltas, count);
        flags = Arrays.copyOf(b.flags, count);
        int max = 0;
        for (short index : indexes) {
            max = Math.max(max, index & 0xffff);
        }
        maxIndex = max;
        boolean adds = true;
        for (short delta : deltas) {
            adds &= delta > 0;
        }
        neverWaits = adds;
        asBuilt = encode(false);
        noWait = encode(true);
    }

    private ByteBuffer encode(boolean allNoWait) {
        ByteBuffer out = ByteBuffer.allocateDirect(count * NativeSysvSem.sembufSize());
        NativeSysvSem.encode(indexes, deltas, flags, count, allNoWait, out);
        return out;
    }

    /**
     * How many semaphore operations it holds.
     *
     * @return the number of operations
     */
    public int size() {
        return count;
    }

    /**
     * The semaphore the i-th operation acts on.
     *
     * @param i the operation's place, 0 to size() - 1
     * @return the semaphore's index in the set
     */
    public int index(int i) {
        return indexes[Objects.checkIndex(i, count)] & 0xffff;
    }

    /**
     * The i-th operation's change: negative takes, positive gives, 0 waits until the value is zero.
     *
     * @param i the operation's place, 0 to size() - 1
     * @return the change (sem_op)
     */
    public int delta(int i) {
        return deltas[Objects.checkIndex(i, count)];
    }

    /**
     * Whether the i-th operation carries a flag.
     *
     * @param i the operation's place, 0 to size() - 1
     * @param flag the flag
     * @return true when it carries it
     */
    public boolean hasFlag(int i, SemFlag flag) {
        return (flags[Objects.checkIndex(i, count)] & bit(Objects.requireNonNull(flag, "flag must not be null"))) != 0;
    }

    /** "[#0 -1 UNDO, #1 wait-for-zero]". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "#" : ", #").append(indexes[i] & 0xffff).append(' ');
            sb.append(deltas[i] == 0 ? "wait-for-zero" : (deltas[i] > 0 ? "+" : "") + deltas[i]);
            for (SemFlag flag : SemFlag.values()) {
                if (hasFlag(i, flag)) {
                    sb.append(' ').append(flag);
                }
            }
        }
        return sb.append(']').toString();
    }

    private static int bit(SemFlag flag) {
        return flag == SemFlag.NO_WAIT ? NativeSysvSem.FLAG_NOWAIT : NativeSysvSem.FLAG_UNDO;
    }

    /** Collects operations in order; the kernel applies them in this order, atomically. Not thread-safe. */
    public static final class Builder {
        private final int setSize;
        private final String setDescription;
        private short[] indexes = new short[4];
        private short[] deltas = new short[4];
        private byte[] flags = new byte[4];
        private int count;

        Builder(int setSize, String setDescription) {
            this.setSize = setSize;
            this.setDescription = setDescription;
        }

        /**
         * Changes semaphore index by delta: a negative delta waits until the value is at least -delta, then
         * subtracts it; a positive one adds it (never waits).
         *
         * @param index the semaphore's index in the set
         * @param delta -32767 to 32767 (SEMVMX), not 0 (use {@link #waitForZero})
         * @param flags UNDO, NO_WAIT, as the operation needs
         * @return this builder
         * @throws IllegalArgumentException index outside the set, or delta 0 or outside -SEMVMX to SEMVMX
         */
        public Builder add(int index, int delta, SemFlag... flags) {
            if (delta == 0 || delta < -SysvSemLimits.SEMVMX || delta > SysvSemLimits.SEMVMX) {
                throw new IllegalArgumentException("delta must be from -" + SysvSemLimits.SEMVMX + " to "
                        + SysvSemLimits.SEMVMX + " (SEMVMX) and not 0, was " + delta
                        + (delta == 0 ? " (to wait until a semaphore is zero, use waitForZero)" : ""));
            }
            return append(index, delta, flags);
        }

        /**
         * Waits until semaphore index is zero (sem_op 0); changes nothing.
         *
         * @param index the semaphore's index in the set
         * @param flags UNDO, NO_WAIT, as the operation needs
         * @return this builder
         */
        public Builder waitForZero(int index, SemFlag... flags) {
            return append(index, 0, flags);
        }

        private Builder append(int index, int delta, SemFlag... flagList) {
            if (index < 0 || index >= setSize) {
                throw new IllegalArgumentException("semaphore index " + index + " is outside " + setDescription
                        + ", which has " + setSize + " semaphores (indexes 0 to " + (setSize - 1) + ")");
            }
            Objects.requireNonNull(flagList, "flags must not be null");
            int bits = 0;
            for (SemFlag flag : flagList) {
                bits |= bit(Objects.requireNonNull(flag, "a flag must not be null"));
            }
            if (count == indexes.length) {
                indexes = Arrays.copyOf(indexes, count * 2);
                deltas = Arrays.copyOf(deltas, count * 2);
                flags = Arrays.copyOf(flags, count * 2);
            }
            indexes[count] = (short) index;
            deltas[count] = (short) delta;
            flags[count] = (byte) bits;
            count++;
            return this;
        }

        /**
         * The operation, ready to perform.
         *
         * @return the operation (immutable; performing it allocates nothing)
         * @throws IllegalStateException no operation was added
         * @throws IllegalArgumentException more operations than one semop call takes (SEMOPM)
         */
        public SemOperation build() {
            if (count == 0) {
                throw new IllegalStateException("an operation needs at least one semaphore operation "
                        + "(add or waitForZero)");
            }
            SysvSemLimits.Limit.SEMOPM.check("operations in one call:", count);
            return new SemOperation(this);
        }
    }
}
