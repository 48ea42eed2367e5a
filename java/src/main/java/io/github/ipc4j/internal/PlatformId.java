package io.github.ipc4j.internal;

import java.util.Locale;

/**
 * A platform as the os-maven-plugin names it (linux-x86_64, osx-aarch_64, windows-x86_64, ...), and the
 * names of ipc4j's library for it. Constructed from os.name/os.arch, or from any pair (the loader's
 * tests use that seam to check every platform from one host).
 */
public final class PlatformId {
    private final String os;
    private final String arch;

    private PlatformId(String os, String arch) {
        this.os = os;
        this.arch = arch;
    }

    public static PlatformId current() {
        return of(System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /** From os.name and os.arch values, normalized as the os-maven-plugin does. */
    public static PlatformId of(String osName, String osArch) {
        return new PlatformId(normalizeOs(osName), normalizeArch(osArch));
    }

    static String normalizeOs(String value) {
        String v = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
        if (v.startsWith("linux")) {
            return "linux";
        }
        if (v.startsWith("macosx") || v.startsWith("osx") || v.startsWith("darwin")) {
            return "osx";
        }
        if (v.startsWith("windows")) {
            return "windows";
        }
        if (v.startsWith("freebsd")) {
            return "freebsd";
        }
        return v.isEmpty() ? "unknown" : v;
    }

    static String normalizeArch(String value) {
        String v = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "");
        switch (v) {
            case "x8664": case "amd64": case "ia32e": case "em64t": case "x64": case "x86_64":
                return "x86_64";
            case "aarch64": case "arm64":
                return "aarch_64";
            case "x8632": case "x86": case "i386": case "i486": case "i586": case "i686": case "ia32": case "x32":
                return "x86_32";
            default:
                return v.isEmpty() ? "unknown" : v;
        }
    }

    public String os() {
        return os;
    }

    public String arch() {
        return arch;
    }

    public String classifier() {
        return os + "-" + arch;
    }

    public boolean isWindows() {
        return os.equals("windows");
    }

    public boolean isLinux() {
        return os.equals("linux");
    }

    public boolean isMac() {
        return os.equals("osx");
    }

    /** libipc4j-1.0.so, libipc4j-1.0.dylib, ipc4j-1.0.dll. */
    public String libraryFileName(String version) {
        return prefix() + "ipc4j-" + version + suffix();
    }

    /** The name the loader extracts to: the package of the internal classes after an '@'. */
    public String extractedFileName(String version, String internalPackage) {
        return prefix() + "ipc4j-" + version + "@" + internalPackage + suffix();
    }

    public String resourcePath(String version) {
        return "META-INF/native/" + classifier() + "/" + libraryFileName(version);
    }

    private String prefix() {
        return isWindows() ? "" : "lib";
    }

    private String suffix() {
        return isWindows() ? ".dll" : isMac() ? ".dylib" : ".so";
    }

    @Override
    public String toString() {
        return classifier();
    }
}
