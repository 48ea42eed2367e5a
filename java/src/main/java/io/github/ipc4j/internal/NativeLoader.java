package io.github.ipc4j.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Finds and loads the ipc4j native library, once.
 *
 * <p>Order: the file named by {@value #LIBRARY_PATH_PROPERTY}, if set (and nothing else); otherwise the
 * running platform's library from the class path ({@code META-INF/native/<classifier>/}), extracted into
 * a new private directory under {@value #EXTRACT_DIR_PROPERTY}, else the system temporary directory,
 * else (when that one refuses to execute, as a noexec mount does) under {@code ~/.cache/ipc4j}. The
 * extracted file's name carries this class's package after an '@', which the library reads to find its
 * classes when ipc4j has been relocated by a shading tool. A library whose version differs from this
 * jar's is refused. Extraction directories left by earlier runs (on Windows, where a loaded DLL cannot
 * be deleted, every run leaves one) are removed once no JVM holds them.
 */
public final class NativeLoader {
    public static final String LIBRARY_PATH_PROPERTY = "ipc4j.library.path";
    public static final String EXTRACT_DIR_PROPERTY = "ipc4j.extract.dir";

    private static final String NATIVE_ACCESS_HINT =
            "on JDK 24 and later, loading a JNI library warns unless native access is enabled: run java with "
                    + "--enable-native-access=ALL-UNNAMED (or the module's name), or add "
                    + "'Enable-Native-Access: ALL-UNNAMED' to the manifest of an executable jar";

    private static boolean loaded;
    private static boolean loading;

    private NativeLoader() {}

    /** Loads the library unless it is loaded (or being loaded by this thread's class initialization). */
    public static synchronized void load() {
        if (loaded || loading) {
            return;
        }
        loading = true;
        try {
            loadOnce();
            loaded = true;
        } finally {
            loading = false;
        }
    }

    /** This jar's version, which the library must report too. */
    public static String javaVersion() {
        Properties p = new Properties();
        try (InputStream in = NativeLoader.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("ipc4j: version.properties missing from the ipc4j jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("ipc4j: cannot read version.properties", e);
        }
        return p.getProperty("version");
    }

    private static void loadOnce() {
        String version = javaVersion();
        PlatformId platform = PlatformId.current();
        String fileName = platform.libraryFileName(version);
        List<String> tried = new ArrayList<>();

        String override = System.getProperty(LIBRARY_PATH_PROPERTY);
        if (override != null && !override.isEmpty()) {
            Path path = Paths.get(override).toAbsolutePath();
            String failure = tryLoad(path, version);
            if (failure == null) {
                return;
            }
            tried.add(path + " (from -D" + LIBRARY_PATH_PROPERTY + "): " + failure);
            throw failure(platform, fileName, tried);
        }

        String resource = platform.resourcePath(version);
        URL url = findLibrary(platform, version, NativeLoader.class.getClassLoader());
        if (url == null) {
            tried.add("class path resource " + resource + ": not found (is the ipc4j-" + version + "-"
                    + platform.classifier() + ".jar on the class path?)");
            throw failure(platform, fileName, tried);
        }
        String extractedName = platform.extractedFileName(version, NativeLoader.class.getPackageName());
        for (Path base : extractionBases()) {
            String failure = extractAndLoad(url, base, extractedName, version);
            if (failure == null) {
                return;
            }
            tried.add(url + " extracted under " + base + ": " + failure);
        }
        throw failure(platform, fileName, tried);
    }

    /**
     * The platform's library on the class path of loader (null: the system class loader), or null. Each
     * platform's library sits under its own classifier's directory, so any number of platform jars (or
     * the all-platforms jar) can share a class path.
     */
    static URL findLibrary(PlatformId platform, String version, ClassLoader loader) {
        String resource = platform.resourcePath(version);
        return loader == null ? ClassLoader.getSystemResource(resource) : loader.getResource(resource);
    }

    private static List<Path> extractionBases() {
        List<Path> bases = new ArrayList<>();
        String dir = System.getProperty(EXTRACT_DIR_PROPERTY);
        if (dir != null && !dir.isEmpty()) {
            bases.add(Paths.get(dir));
            return bases;
        }
        bases.add(Paths.get(System.getProperty("java.io.tmpdir")));
        bases.add(Paths.get(System.getProperty("user.home"), ".cache", "ipc4j"));
        return bases;
    }

    /** Returns null when loaded, else why not. */
    private static String extractAndLoad(URL url, Path base, String extractedName, String version) {
        ExtractionDirectory.deleteStale(base);
        ExtractionDirectory dir;
        try {
            dir = ExtractionDirectory.create(base);
        } catch (IOException | RuntimeException e) {
            return "cannot create a private directory: " + e;
        }
        Path file = dir.path().resolve(extractedName);
        try (InputStream in = url.openStream()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            dir.delete();
            return "cannot extract: " + e;
        }
        String failure = tryLoad(file, version);
        if (failure == null && PlatformId.current().isWindows()) {
            dir.keepUntilExit(); // a loaded DLL cannot be deleted; a later start removes it
        } else {
            dir.delete(); // a loaded library stays mapped after its file is gone
        }
        return failure;
    }

    /** Returns null when loaded, else why not. */
    private static String tryLoad(Path file, String version) {
        if (!Files.isRegularFile(file)) {
            return "no such file";
        }
        try {
            System.load(file.toString());
        } catch (IllegalCallerException e) {
            return "the JVM denies native access to ipc4j's module (" + e.getMessage() + "); " + NATIVE_ACCESS_HINT;
        } catch (UnsatisfiedLinkError e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("failed to map segment") || message.contains("Operation not permitted")) {
                return "the directory does not allow executing code (noexec mount?): " + message;
            }
            return message;
        }
        String libraryVersion = NativeCommon.libraryVersion();
        if (!version.equals(libraryVersion)) {
            return "library version " + libraryVersion + " does not match the ipc4j classes' version " + version
                    + "; use the native jar of the same version (the library stays loaded, so restart the JVM)";
        }
        return null;
    }

    private static UnsatisfiedLinkError failure(PlatformId platform, String fileName, List<String> tried) {
        StringBuilder sb = new StringBuilder("ipc4j: cannot load the native library ").append(fileName)
                .append(" for platform ").append(platform.classifier()).append(" (os.name=")
                .append(System.getProperty("os.name")).append(", os.arch=").append(System.getProperty("os.arch"))
                .append("). Tried:");
        for (String t : tried) {
            sb.append("\n  - ").append(t);
        }
        sb.append("\nWhat helps: put ipc4j-<version>-").append(platform.classifier().toLowerCase(Locale.ROOT))
                .append(".jar on the class path; or -D").append(LIBRARY_PATH_PROPERTY)
                .append("=/path/to/").append(fileName).append(" to load a library you built; or -D")
                .append(EXTRACT_DIR_PROPERTY)
                .append("=/a/directory/that/allows/exec when the temporary directory is mounted noexec; ")
                .append(NATIVE_ACCESS_HINT).append('.');
        return new UnsatisfiedLinkError(sb.toString());
    }
}
