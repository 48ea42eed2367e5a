package io.github.ipc4j;

import io.github.ipc4j.internal.NativeCapabilities;
import io.github.ipc4j.internal.NativeCommon;
import io.github.ipc4j.internal.NativeLoader;
import io.github.ipc4j.internal.PlatformId;
import io.github.ipc4j.internal.Unsupported;

import java.nio.file.Path;
import java.nio.file.Paths;

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
     * The file ipc4j's native library was loaded from in this process, loading the library first if nothing has
     * yet (the module's documentation says where it is looked for, and which system properties point
     * elsewhere). A copy the loader extracted from a jar is deleted once loaded where the OS allows it (every
     * Unix: the library stays mapped), so the path need not exist any more.
     *
     * @return the library's path as the dynamic linker knows it
     * @throws UnsatisfiedLinkError the library cannot be loaded; the message says where the loader looked and
     *         what failed there
     */
    public static Path libraryPath() {
        NativeLoader.load();
        return Paths.get(NativeCommon.libraryPath());
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
            throw Unsupported.lacking(feature.call(), feature.description());
        }
    }
}
