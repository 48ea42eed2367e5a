package io.github.ipc4j.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The robust mutexes this process holds, each with the buffer that keeps its memory mapped.
 *
 * <p>The C library links the robust mutexes a thread holds into a list through the mutexes' own bytes
 * and writes into that list at every lock and unlock: a held mutex whose memory was unmapped would make
 * the thread's next lock write to unmapped memory, and re-initializing a held mutex would cut the list.
 * So a held mutex's memory stays mapped here until it is unlocked, whatever the caller drops or closes.
 * Allocation-free once warm (plain arrays under a monitor): lock and unlock are hot paths.
 */
public final class HeldMutexes {
    private static long[] mutexes = new long[8];
    private static ByteBuffer[] mappings = new ByteBuffer[8];
    private static int count;

    private HeldMutexes() {}

    /** Records that a thread of this process took the mutex at address (keepMapped covers it). */
    public static synchronized void taken(long address, ByteBuffer keepMapped) {
        if (count == mutexes.length) {
            mutexes = Arrays.copyOf(mutexes, count * 2);
            mappings = Arrays.copyOf(mappings, count * 2);
        }
        mutexes[count] = address;
        mappings[count] = keepMapped;
        count++;
    }

    /** Records that the mutex at address was released. */
    public static synchronized void released(long address) {
        for (int i = count - 1; i >= 0; i--) {
            if (mutexes[i] == address) {
                count--;
                mutexes[i] = mutexes[count];
                mappings[i] = mappings[count];
                mappings[count] = null;
                return;
            }
        }
    }

    public static synchronized boolean isHeld(long address) {
        for (int i = 0; i < count; i++) {
            if (mutexes[i] == address) {
                return true;
            }
        }
        return false;
    }
}
