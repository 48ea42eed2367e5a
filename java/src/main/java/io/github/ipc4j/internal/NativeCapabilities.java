package io.github.ipc4j.internal;

/** The capability bits of the loaded library (NativeCommon.CAP_*), read once. */
public final class NativeCapabilities {
    private static final int CAPABILITIES = NativeCommon.capabilities();

    private NativeCapabilities() {}

    public static int get() {
        return CAPABILITIES;
    }
}
