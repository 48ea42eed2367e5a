package io.github.ipc4j;

/** What an opened object may be used for. */
public enum Access {
    READ_ONLY,
    WRITE_ONLY,
    READ_WRITE;

    public boolean canRead() {
        return this != WRITE_ONLY;
    }

    public boolean canWrite() {
        return this != READ_ONLY;
    }
}
