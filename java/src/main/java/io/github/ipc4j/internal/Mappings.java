package io.github.ipc4j.internal;

import io.github.ipc4j.SharedMemory;

import java.util.function.BiConsumer;

/**
 * How the SharedMemory classes of the other API packages give their object its mapping, without
 * SharedMemory's public API naming MappedMemory, a type of this unexported package: SharedMemory hands its
 * private setter over here when it is initialized, which happens before any subclass runs a constructor.
 */
public final class Mappings {
    private static volatile BiConsumer<SharedMemory, MappedMemory> setter;

    private Mappings() {}

    /** Called once, by SharedMemory's static initializer. */
    public static void install(BiConsumer<SharedMemory, MappedMemory> mappingSetter) {
        if (setter != null) {
            throw new IllegalStateException("the mapping setter is installed once, by SharedMemory");
        }
        setter = mappingSetter;
    }

    /** Sets memory's mapping, or replaces it after the object grew (the old one lives on under its views). */
    public static void set(SharedMemory memory, MappedMemory mapping) {
        setter.accept(memory, mapping);
    }
}
