package io.github.ipc4j.internal;

/** Natives every System V primitive shares. Results are values or -errno. */
public final class NativeSysv {
    static {
        NativeLoader.load();
    }

    private NativeSysv() {}

    /** The key ftok makes of the NUL-terminated path and projectId (1..255), as an unsigned 32-bit value; or -errno. */
    public static native long ftok(byte[] path, int projectId);
}
