package io.github.ipc4j.internal;

/** The one wording of "this OS lacks what that needs", as {@code Platform.require} reports a missing feature. */
public final class Unsupported {
    private Unsupported() {}

    /** Throws {@link #lacking} unless the running OS is Linux. */
    public static void requireLinux(String what, String user) {
        if (!PlatformId.current().isLinux()) {
            throw lacking(what, user);
        }
    }

    /** Throws {@link #lacking} on Windows (and on an OS ipc4j has no library for). */
    public static void requireUnix(String what, String user) {
        PlatformId id = PlatformId.current();
        if (!id.isLinux() && !id.isMac()) {
            throw lacking(what, user);
        }
    }

    /** "Windows 11 (windows-x86_64) lacks what, which user needs". */
    public static UnsupportedOperationException lacking(String what, String user) {
        return new UnsupportedOperationException(System.getProperty("os.name") + " ("
                + PlatformId.current().classifier() + ") lacks " + what + ", which " + user + " needs");
    }
}
