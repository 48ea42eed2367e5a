package io.github.ipc4j;

/** The operating systems ipc4j ships a library for. */
public enum OperatingSystem {
    /** Linux. */
    LINUX("Linux"),
    /** macOS. */
    MACOS("macOS"),
    /** Windows. */
    WINDOWS("Windows");

    private final String displayName;

    OperatingSystem(String displayName) {
        this.displayName = displayName;
    }

    /**
     * The OS's name for people.
     *
     * @return "Linux", "macOS" or "Windows"
     */
    public String displayName() {
        return displayName;
    }
}
