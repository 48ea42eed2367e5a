package io.github.ipc4j.sealed;

import io.github.ipc4j.internal.NativeSealedShm;

import java.util.EnumSet;
import java.util.Set;

/** A seal on a memfd ({@code fcntl(F_ADD_SEALS)}): once set, no process can undo it. */
public enum Seal {
    /** F_SEAL_SHRINK: no ftruncate can make the object smaller. Every {@link SealedSharedMemory} has it. */
    SHRINK(NativeSealedShm.SEAL_SHRINK),
    /** F_SEAL_GROW: no ftruncate or write can make the object larger. */
    GROW(NativeSealedShm.SEAL_GROW),
    /** F_SEAL_SEAL: no further seal can be added. */
    SEAL(NativeSealedShm.SEAL_SEAL),
    /** F_SEAL_WRITE: the contents cannot change (ipc4j never sets it; a receiver then maps read-only). */
    WRITE(NativeSealedShm.SEAL_WRITE);

    private final int bit;

    Seal(int bit) {
        this.bit = bit;
    }

    int bit() {
        return bit;
    }

    static Set<Seal> of(int bits) {
        Set<Seal> seals = EnumSet.noneOf(Seal.class);
        for (Seal seal : values()) {
            if ((bits & seal.bit) != 0) {
                seals.add(seal);
            }
        }
        return seals;
    }
}
