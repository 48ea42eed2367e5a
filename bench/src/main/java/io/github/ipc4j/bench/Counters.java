package io.github.ipc4j.bench;

/** Volatile 64-bit counters in shared memory, for the spin handshake: each implementation its own way. */
public interface Counters {
    long getVolatile(int offset);

    void setVolatile(int offset, long value);
}
