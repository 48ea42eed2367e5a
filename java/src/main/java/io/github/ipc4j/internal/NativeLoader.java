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
 * <p>Order: the file named by {@value #LIBRARY_PATH_PROPERTY}, if set (and nothing else); otherwise, when
 * {@value #SYSTEM_LIBRARY_PROPERTY} is {@code true}, a system-installed copy through
 * {@link System#loadLibrary} ({@code ipc4j-<version>}, then {@code ipc4j}, searched on
 * {@code java.library.path}); then the running platform's library from the class path
 * ({@code META-INF/native/<classifier>/}), extracted into a new private directory under
 * {@value #EXTRACT_DIR_PROPERTY}, else the system temporary directory, else (when that one refuses to
 * execute, as a noexec mount does) under {@code ~/.cache/ipc4j}. The extracted file's name carries this
 * class's package after an '@', which the library reads to find its classes when ipc4j has been relocated by
 * a shading tool. A library whose version differs from this jar's is refused. When nothing loads, the
 * {@link UnsatisfiedLinkError} lists every attempt in its message and carries each as a suppressed
 * exception (whose cause is what the JVM threw, where it threw). Extraction directories left by earlier runs
 * (on Windows, where a loaded DLL cannot be deleted, every run leaves one) are removed once no JVM holds them.
 */
public final class NativeLoader {
    public static final String LIBRARY_PATH_PROPERTY = "ipc4j.library.path";
    public static final String EXTRACT_DIR_PROPERTY = "ipc4j.extract.dir";
    /** {@code true}: try a system-installed library (System.loadLibrary) before the class path's. */
    public static final String SYSTEM_LIBRARY_PROPERTY = "ipc4j.library.system";

    private static final String NATIVE_ACCESS_HINT =
            "on JDK 24 and later, loading a JNI library warns unless native access is enabled: run java with "
                    + "--enable-native-access=ALL-UNNAMED (io.github.ipc4j when ipc4j is on the module path), or add "
                    + "'Enable-Native-Access: ALL-UNNAMED' to the manifest of an executable jar";

    /**
     * The classes a failed call needs to report itself, loaded (not initialized) with the loader: a call that
     * failed because the process has no descriptor left (RLIMIT_NOFILE) must not need one to load them (a
     * class read from a directory on the class path opens its file), or it throws NoClassDefFoundError
     * instead of naming the limit.
     */
    @SuppressWarnings("unused")
    private static final Class<?>[] FAILURE_PATH = {Errno.class, Errors.class, io.github.ipc4j.IpcException.class};

    private static boolean loaded;
    private static boolean loading;
    /** A library of another version was loaded: it stays loaded, so no later attempt could help. */
    private static boolean wrongVersionLoaded;

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
        List<UnsatisfiedLinkError> tried = new ArrayList<>();

        String override = System.getProperty(LIBRARY_PATH_PROPERTY);
        if (override != null && !override.isEmpty()) {
            Path path = Paths.get(override).toAbsolutePath();
            UnsatisfiedLinkError failure = tryLoad(path + " (from -D" + LIBRARY_PATH_PROPERTY + ")",
                    () -> load(path), version);
            if (failure == null) {
                return;
            }
            tried.add(failure);
            throw failure(platform, fileName, tried);
        }

        if (Boolean.getBoolean(SYSTEM_LIBRARY_PROPERTY)) {
            for (String name : List.of("ipc4j-" + version, "ipc4j")) {
                UnsatisfiedLinkError failure = tryLoad("System.loadLibrary(\"" + name + "\") (from -D"
                        + SYSTEM_LIBRARY_PROPERTY + ", java.library.path=" + System.getProperty("java.library.path")
                        + ")", () -> System.loadLibrary(name), version);
                if (failure == null) {
                    return;
                }
                tried.add(failure);
                if (wrongVersionLoaded) {
                    throw failure(platform, fileName, tried);
                }
            }
        }

        String resource = platform.resourcePath(version);
        URL url = findLibrary(platform, version, NativeLoader.class.getClassLoader());
        if (url == null) {
            tried.add(attempt("class path resource " + resource, "not found (is the ipc4j-" + version + "-"
                    + platform.classifier() + ".jar on the class path?)", null));
            throw failure(platform, fileName, tried);
        }
        String extractedName = platform.extractedFileName(version, NativeLoader.class.getPackageName());
        for (Path base : extractionBases()) {
            UnsatisfiedLinkError failure = extractAndLoad(url, base, extractedName, version);
            if (failure == null) {
                return;
            }
            tried.add(failure);
            if (wrongVersionLoaded) {
                break;
            }
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

    /** Returns null when loaded, else the failed attempt. */
    private static UnsatisfiedLinkError extractAndLoad(URL url, Path base, String extractedName, String version) {
        String where = url + " extracted under " + base;
        ExtractionDirectory dir;
        try {
            dir = ExtractionDirectory.create(base);
            ExtractionDirectory.deleteStale(base, dir.owner());
        } catch (IOException | RuntimeException e) {
            return attempt(where, "cannot create a private directory: " + e, e);
        }
        Path file = dir.path().resolve(extractedName);
        try (InputStream in = url.openStream()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            dir.delete();
            return attempt(where, "cannot extract: " + e, e);
        }
        UnsatisfiedLinkError failure = tryLoad(where, () -> load(file), version);
        if (failure == null && PlatformId.current().isWindows()) {
            dir.keepUntilExit(); // a loaded DLL cannot be deleted; a later start removes it
        } else {
            dir.delete(); // a loaded library stays mapped after its file is gone
        }
        return failure;
    }

    /** System.load of a file, or UnsatisfiedLinkError "no such file" when there is none. */
    private static void load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UnsatisfiedLinkError(Files.exists(file) ? "not a regular file" : "no such file");
        }
        System.load(file.toString());
    }

    /** Runs one way of loading; returns null when a library of this version loaded, else the failed attempt. */
    private static UnsatisfiedLinkError tryLoad(String where, Runnable load, String version) {
        try {
            load.run();
        } catch (IllegalCallerException e) {
            return attempt(where, "the JVM denies native access to ipc4j's module (" + e.getMessage() + "); "
                    + NATIVE_ACCESS_HINT, e);
        } catch (UnsatisfiedLinkError e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("failed to map segment") || message.contains("Operation not permitted")) {
                return attempt(where, "the directory does not allow executing code (noexec mount?): " + message, e);
            }
            return attempt(where, message, e);
        }
        String libraryVersion;
        try {
            libraryVersion = NativeCommon.libraryVersion();
        } catch (UnsatisfiedLinkError notIpc4j) { // its JNI_OnLoad did not register ipc4j's natives
            return attempt(where, "loaded, but it is not ipc4j's library (it lacks " + notIpc4j.getMessage() + ")",
                    notIpc4j);
        }
        if (!version.equals(libraryVersion)) {
            wrongVersionLoaded = true;
            return attempt(where, "library version " + libraryVersion + " does not match the ipc4j classes' version "
                    + version + "; use the native jar of the same version (the library stays loaded, so restart "
                    + "the JVM)", null);
        }
        return null;
    }

    /** One failed attempt: "where: why", caused by what the JVM threw (if anything). */
    private static UnsatisfiedLinkError attempt(String where, String why, Throwable cause) {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError(where + ": " + why);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    private static UnsatisfiedLinkError failure(PlatformId platform, String fileName,
            List<UnsatisfiedLinkError> tried) {
        StringBuilder sb = new StringBuilder("ipc4j: cannot load the native library ").append(fileName)
                .append(" for platform ").append(platform.classifier()).append(" (os.name=")
                .append(System.getProperty("os.name")).append(", os.arch=").append(System.getProperty("os.arch"))
                .append("). Tried:");
        for (UnsatisfiedLinkError t : tried) {
            sb.append("\n  - ").append(t.getMessage());
        }
        sb.append("\nWhat helps: put ipc4j-<version>-").append(platform.classifier().toLowerCase(Locale.ROOT))
                .append(".jar on the class path; or -D").append(LIBRARY_PATH_PROPERTY)
                .append("=/path/to/").append(fileName).append(" to load a library you built; or -D")
                .append(SYSTEM_LIBRARY_PROPERTY).append("=true to load a system-installed copy from java.library.path; or -D")
                .append(EXTRACT_DIR_PROPERTY)
                .append("=/a/directory/that/allows/exec when the temporary directory is mounted noexec; ")
                .append(NATIVE_ACCESS_HINT).append('.');
        UnsatisfiedLinkError error = new UnsatisfiedLinkError(sb.toString());
        tried.forEach(error::addSuppressed);
        return error;
    }
}
