package io.github.ipc4j.internal;

/**
 * Thrown by the guarded atomics of {@link NativeMemory} when another process truncated the memory under one: the
 * atomic did nothing, and the bytes are private memory until mapped from the object again. Never reaches a user:
 * {@link MappedMemory} turns it into what its shrink guard says.
 */
public final class MemoryLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MemoryLostException(String message) {
        super(message, null, false, false);
    }
}
