package io.github.ipc4j.internal;

/**
 * The JVM's report of a fault in mapped memory (pages another process took by shrinking the object): an
 * InternalError "a fault occurred in ... unsafe memory access", thrown late, at the JVM's next transition into
 * Java from the VM, which the return from a native method is not (on JDK 17 it may come long after).
 */
public final class MemoryFaults {
    private MemoryFaults() {}

    /** Whether e is such a report. */
    public static boolean isFault(Throwable e) {
        return e instanceof InternalError && String.valueOf(e.getMessage()).contains("unsafe memory access");
    }

    /**
     * The report this thread is still owed, taken now ({@link NativeCommon#raisePendingFault()}), or null when
     * there is none. Not for a hot path: a JNI call and a call back into Java. Other errors pass.
     */
    public static InternalError takePending() {
        try {
            NativeCommon.raisePendingFault();
            return null;
        } catch (InternalError e) {
            if (!isFault(e)) {
                throw e;
            }
            return e;
        }
    }
}
