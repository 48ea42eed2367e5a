package io.github.ipc4j;

import io.github.ipc4j.internal.NativeCapabilities;
import io.github.ipc4j.internal.PlatformId;

/**
 * The running OS and architecture, and which features ipc4j can give on it.
 *
 * <p>Thread-safe: static methods only.
 */
public final class Platform {
    private Platform() {}

    /**
     * The platform's classifier: linux-x86_64, osx-aarch_64, windows-x86_64, ...
     *
     * @return the classifier, as os-maven-plugin names platforms
     */
    public static String classifier() {
        return PlatformId.current().classifier();
    }

    /**
     * The running OS, or null when ipc4j has no library for it.
     *
     * @return the OS, or null
     */
    public static OperatingSystem os() {
        PlatformId id = PlatformId.current();
        return id.isLinux() ? OperatingSystem.LINUX : id.isMac() ? OperatingSystem.MACOS
                : id.isWindows() ? OperatingSystem.WINDOWS : null;
    }

    /**
     * Whether the running OS has the feature, as found when ipc4j's library was built for it.
     *
     * @param feature the feature
     * @return true when the OS has it
     */
    public static boolean supports(Feature feature) {
        return (NativeCapabilities.get() & feature.capability()) != 0;
    }

    /**
     * Throws UnsupportedOperationException naming the OS and the missing call unless the OS has the feature.
     *
     * @param feature the feature
     * @throws UnsupportedOperationException the OS lacks it
     */
    public static void require(Feature feature) {
        if (!supports(feature)) {
            throw new UnsupportedOperationException(System.getProperty("os.name") + " (" + classifier()
                    + ") lacks " + feature.call() + ", which " + feature.description() + " needs");
        }
    }
}
