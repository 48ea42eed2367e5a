package io.github.ipc4j.internal;

/** Natives every System V primitive shares. Results are values or -errno. */
public final class NativeSysv {
    /** {@link #macosListNext}'s kind: message queues. */
    public static final int LIST_MSG = 0;
    /** {@link #macosListNext}'s kind: semaphore sets. */
    public static final int LIST_SEM = 1;
    /** {@link #macosListNext}'s kind: shared memory segments. */
    public static final int LIST_SHM = 2;
    /** The values of one row of {@link #macosListNext}: the identifier, then up to 16 values. */
    public static final int LIST_ROW = 17;

    static {
        NativeLoader.load();
    }

    private NativeSysv() {}

    /** The key ftok makes of the NUL-terminated path and projectId (1..255), as an unsigned 32-bit value; or -errno. */
    public static native long ftok(byte[] path, int projectId);

    /**
     * macOS (the kern.sysv.ipcs sysctls that ipcs reads): the first object of kind (LIST_*) in a kernel slot at or
     * after cursor (0 to start) into row (LIST_ROW values: the identifier, then what the kind's status record's
     * {@code of} takes). Returns the cursor that continues the walk, 0 at the end, or -errno (-ENOSYS off macOS).
     */
    public static native int macosListNext(int kind, int cursor, long[] row);
}
