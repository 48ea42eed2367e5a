package io.github.ipc4j.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Every platform resolves its own library, faked through the loader's seams (PlatformId.of for the
 * detected os.name/os.arch, findLibrary for the class path): from this one host.
 */
class PlatformResolutionTest {
    private static final String VERSION = "1.2.3";

    /** os.name / os.arch pairs as JVMs report them, and the classifier each must become. */
    private static final Map<String[], String> PLATFORMS = Map.of(
            new String[] {"Linux", "amd64"}, "linux-x86_64",
            new String[] {"Linux", "aarch64"}, "linux-aarch_64",
            new String[] {"Mac OS X", "x86_64"}, "osx-x86_64",
            new String[] {"Mac OS X", "aarch64"}, "osx-aarch_64",
            new String[] {"Windows 11", "amd64"}, "windows-x86_64");

    @TempDir
    Path dir;

    @Test
    void eachPlatformHasItsOwnClassifierFileNameAndResourcePath() {
        Map<String, String> files = Map.of(
                "linux-x86_64", "libipc4j-1.2.3.so", "linux-aarch_64", "libipc4j-1.2.3.so",
                "osx-x86_64", "libipc4j-1.2.3.dylib", "osx-aarch_64", "libipc4j-1.2.3.dylib",
                "windows-x86_64", "ipc4j-1.2.3.dll");
        PLATFORMS.forEach((props, classifier) -> {
            PlatformId id = PlatformId.of(props[0], props[1]);
            assertEquals(classifier, id.classifier());
            assertEquals(files.get(classifier), id.libraryFileName(VERSION));
            assertEquals("META-INF/native/" + classifier + "/" + files.get(classifier), id.resourcePath(VERSION));
        });
        assertEquals("ipc4j-1.2.3@com.acme.shaded.internal.dll",
                PlatformId.of("Windows 10", "x86_64").extractedFileName(VERSION, "com.acme.shaded.internal"));
        assertEquals("libipc4j-1.2.3@io.github.ipc4j.internal.dylib",
                PlatformId.of("Darwin", "arm64").extractedFileName(VERSION, "io.github.ipc4j.internal"));
    }

    /** A classifier jar as the build makes it, whose library is the classifier's name as text. */
    private Path classifierJar(String classifier) throws Exception {
        Path jar = dir.resolve("ipc4j-" + VERSION + "-" + classifier + ".jar");
        PlatformId id = PLATFORMS.entrySet().stream().filter(e -> e.getValue().equals(classifier))
                .map(e -> PlatformId.of(e.getKey()[0], e.getKey()[1])).findFirst().orElseThrow();
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            jarOut.putNextEntry(new JarEntry(id.resourcePath(VERSION)));
            jarOut.write(classifier.getBytes(StandardCharsets.US_ASCII));
            jarOut.closeEntry();
        }
        return jar;
    }

    @Test
    void fiveClassifierJarsOnOneClassPathDoNotCollide() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String classifier : PLATFORMS.values()) {
            urls.add(classifierJar(classifier).toUri().toURL());
        }
        try (URLClassLoader classPath = new URLClassLoader(urls.toArray(new URL[0]), null)) {
            for (Map.Entry<String[], String> e : PLATFORMS.entrySet()) {
                URL found = NativeLoader.findLibrary(PlatformId.of(e.getKey()[0], e.getKey()[1]), VERSION, classPath);
                assertNotNull(found, e.getValue());
                try (InputStream in = found.openStream()) {
                    assertEquals(e.getValue(), new String(in.readAllBytes(), StandardCharsets.US_ASCII));
                }
            }
            assertNull(NativeLoader.findLibrary(PlatformId.of("Linux", "amd64"), "9.9.9", classPath),
                    "another version's library is not found");
        }
    }

    @Test
    void aPlatformWhoseJarIsMissingFindsNothingElse() throws Exception {
        try (URLClassLoader classPath = new URLClassLoader(new URL[] {classifierJar("linux-x86_64").toUri().toURL()},
                null)) {
            assertNull(NativeLoader.findLibrary(PlatformId.of("Linux", "aarch64"), VERSION, classPath));
            assertNull(NativeLoader.findLibrary(PlatformId.of("Windows 10", "amd64"), VERSION, classPath));
            assertNotNull(NativeLoader.findLibrary(PlatformId.of("Linux", "x86_64"), VERSION, classPath));
        }
    }
}
