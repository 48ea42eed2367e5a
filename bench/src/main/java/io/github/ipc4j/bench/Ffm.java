package io.github.ipc4j.bench;

/** Finds the FFM binding, compiled separately for JDK 22+ (src/main/java22). */
public final class Ffm {
    static final String CLASS = "io.github.ipc4j.bench.ffm.FfmLibc";

    private Ffm() {}

    /** Why FFM cannot be measured in this JVM, or null when it can. */
    public static String unavailableReason() {
        int feature = Runtime.version().feature();
        if (feature < 22) {
            return "FFM needs JDK 22+, this JVM is " + Runtime.version();
        }
        try {
            Class.forName(CLASS, false, Ffm.class.getClassLoader());
            return null;
        } catch (ClassNotFoundException e) {
            return "the FFM binding was not compiled (no JDK 22+ at build time): " + CLASS;
        }
    }

    static Libc libc() {
        String reason = unavailableReason();
        if (reason != null) {
            throw new UnsupportedOperationException(reason);
        }
        try {
            return (Libc) Class.forName(CLASS).getField("INSTANCE").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load " + CLASS, e);
        }
    }
}
