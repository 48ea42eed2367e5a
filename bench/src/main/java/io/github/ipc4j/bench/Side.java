package io.github.ipc4j.bench;

/** Which end of a ping-pong: A is the benchmark, B its peer process. */
public enum Side {
    A, B;

    /** Index of the object this side sends on (the other side receives on it). */
    public int sendIndex() {
        return this == A ? 0 : 1;
    }

    public int receiveIndex() {
        return 1 - sendIndex();
    }
}
