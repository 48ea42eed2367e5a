package io.github.ipc4j;

/** The operating systems ipc4j ships a library for. */
public enum OperatingSystem {
    LINUX("Linux"),
    MACOS("macOS"),
    WINDOWS("Windows");

    private final String displayName;

    OperatingSystem(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
