package io.github.ipc4j;

/** What an opened object may be used for. */
public enum Access {
    /** Read only. */
    READ_ONLY,
    /** Write only. */
    WRITE_ONLY,
    /** Read and write. */
    READ_WRITE;

    /**
     * Whether this access allows reading.
     *
     * @return false for WRITE_ONLY only
     */
    public boolean canRead() {
        return this != WRITE_ONLY;
    }

    /**
     * Whether this access allows writing.
     *
     * @return false for READ_ONLY only
     */
    public boolean canWrite() {
        return this != READ_ONLY;
    }
}
