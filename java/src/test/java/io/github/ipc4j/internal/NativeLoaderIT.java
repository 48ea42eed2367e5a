package io.github.ipc4j.internal;

import io.github.ipc4j.Ipc4j;
import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.PosixQueues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The loader, in child JVMs whose class path holds only the built jars (not target/classes): what a user
 * gets. Runs after packaging (failsafe).
 */
@EnabledOnOs(OS.LINUX)
class NativeLoaderIT {
    private static final String CLASSES_JAR = System.getProperty("ipc4j.test.classesJar");
    private static final String NATIVE_JAR = System.getProperty("ipc4j.test.nativeJar");
    private static final String VERSION = NativeLoader.javaVersion();

    @TempDir
    Path temp;

    /** Runs io.github.ipc4j.Ipc4j in a child JVM; returns {exit code, output}. */
    private static Object[] run(String classPath, String... options) throws Exception {
        List<String> command = ChildJvm.javaCommand(classPath, List.of(options));
        command.add(Ipc4j.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Object[] {p.exitValue(), out};
    }

    private static String loaded(Object[] result) {
        assertEquals(0, result[0], (String) result[1]);
        String out = (String) result[1];
        assertFalse(out.contains("WARNING"), out);
        assertTrue(out.contains("POSIX message queue round trip: ok"), out);
        return out.lines().filter(l -> l.startsWith("library: ")).findFirst().orElseThrow().substring(9);
    }

    private static Path nativeLibrary() {
        return Paths.get(System.getProperty("ipc4j.test.nativeLibrary"), "libipc4j-" + VERSION + ".so");
    }

    @Test
    void theTwoJarsAloneAreEnough() throws Exception {
        String library = loaded(run(CLASSES_JAR + File.pathSeparator + NATIVE_JAR));
        assertTrue(library.endsWith("libipc4j-" + VERSION + "@io.github.ipc4j.internal.so"), library);
        assertFalse(Files.exists(Paths.get(library)), "the extracted file is deleted once loaded: " + library);
    }

    @Test
    void theOverridePropertyLoadsTheGivenFile() throws Exception {
        String library = loaded(run(CLASSES_JAR, "-D" + NativeLoader.LIBRARY_PATH_PROPERTY + "=" + nativeLibrary()));
        assertEquals(nativeLibrary().toString(), library);
    }

    @Test
    void withoutTheNativeJarOneErrorListsWhatWasTriedAndWhatHelps() throws Exception {
        Object[] result = run(CLASSES_JAR);
        assertEquals(1, result[0]);
        String out = (String) result[1];
        assertTrue(out.contains("ipc4j: cannot load the native library libipc4j-" + VERSION
                + ".so for platform linux-x86_64"), out);
        assertTrue(out.contains("class path resource META-INF/native/linux-x86_64/libipc4j-" + VERSION
                + ".so: not found (is the ipc4j-" + VERSION + "-linux-x86_64.jar on the class path?)"), out);
        assertTrue(out.contains("-Dipc4j.library.path=/path/to/libipc4j-" + VERSION + ".so"), out);
        assertTrue(out.contains("-Dipc4j.extract.dir="), out);
        assertTrue(out.contains("--enable-native-access=ALL-UNNAMED"), out);
        assertTrue(out.contains("Enable-Native-Access: ALL-UNNAMED"), out);
    }

    @Test
    void aMissingOverrideFileIsNamed() throws Exception {
        Path missing = temp.resolve("nope.so");
        Object[] result = run(CLASSES_JAR + File.pathSeparator + NATIVE_JAR,
                "-D" + NativeLoader.LIBRARY_PATH_PROPERTY + "=" + missing);
        assertEquals(1, result[0]);
        assertTrue(((String) result[1]).contains(missing + " (from -Dipc4j.library.path): no such file"),
                (String) result[1]);
    }

    /** A library that loads but is not ipc4j's (here the JDK's libjaas.so): named as such, not a bare error. */
    @Test
    void anOverrideThatIsAnotherLibraryIsNamed() throws Exception {
        Path other = Paths.get(System.getProperty("java.home"), "lib", "libjaas.so");
        assumeTrue(Files.isRegularFile(other), other + " is not in this JDK");
        Object[] result = run(CLASSES_JAR + File.pathSeparator + NATIVE_JAR,
                "-D" + NativeLoader.LIBRARY_PATH_PROPERTY + "=" + other);
        assertEquals(1, result[0]);
        String out = (String) result[1];
        assertTrue(out.contains(other + " (from -Dipc4j.library.path): loaded, but it is not ipc4j's library"), out);
        assertTrue(out.contains("What helps"), out);
    }

    @Test
    void theExtractDirectoryPropertyIsHonouredAndLeftClean() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("extract"));
        String library = loaded(run(CLASSES_JAR + File.pathSeparator + NATIVE_JAR,
                "-D" + NativeLoader.EXTRACT_DIR_PROPERTY + "=" + dir));
        assertTrue(library.startsWith(dir + "/ipc4j-"), library);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "nothing left behind");
        }
    }

    @Test
    void aNoexecTemporaryDirectoryFallsBackToTheHomeDirectory() throws Exception {
        assumeTrue(PosixQueues.isRoot(), "mounting a noexec tmpfs needs root");
        Path noexec = Files.createDirectory(temp.resolve("noexec"));
        Path home = Files.createDirectory(temp.resolve("home"));
        assumeTrue(exec("mount", "-t", "tmpfs", "-o", "noexec,size=16m", "tmpfs", noexec.toString()) == 0,
                "cannot mount a tmpfs here");
        try {
            String library = loaded(run(CLASSES_JAR + File.pathSeparator + NATIVE_JAR,
                    "-Djava.io.tmpdir=" + noexec, "-Duser.home=" + home));
            assertTrue(library.startsWith(home.resolve(".cache/ipc4j") + "/ipc4j-"), library);
        } finally {
            exec("umount", noexec.toString());
        }
    }

    @Test
    void aLibraryOfAnotherVersionIsRefused() throws Exception {
        Path build = temp.resolve("build");
        Path stage = temp.resolve("stage");
        assertEquals(0, exec("cmake", "-S", Paths.get("..", "native").toAbsolutePath().toString(), "-B",
                build.toString(), "-DIPC4J_VERSION=9.9.9", "-DIPC4J_SKIP_TESTS=ON",
                "-DIPC4J_JNI_HEADERS=" + Paths.get("target", "jni-headers").toAbsolutePath(),
                "-DIPC4J_JAVA_HOME=" + System.getProperty("java.home"), "-DIPC4J_STAGE_DIR=" + stage));
        assertEquals(0, exec("cmake", "--build", build.toString()));
        Object[] result = run(CLASSES_JAR, "-D" + NativeLoader.LIBRARY_PATH_PROPERTY + "="
                + stage.resolve("libipc4j-9.9.9.so"));
        assertEquals(1, result[0]);
        assertTrue(((String) result[1]).contains("library version 9.9.9 does not match the ipc4j classes' version "
                + VERSION), (String) result[1]);
    }

    /** A directory holding the built library under the name a distribution installs: libipc4j.so. */
    private Path systemLibraryDirectory() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("usr-lib"));
        Files.copy(nativeLibrary(), dir.resolve("libipc4j.so"));
        return dir;
    }

    @Test
    void theSystemPropertyLoadsAnInstalledCopyFromTheLibraryPath() throws Exception {
        Path dir = systemLibraryDirectory();
        String library = loaded(run(CLASSES_JAR, "-D" + NativeLoader.SYSTEM_LIBRARY_PROPERTY + "=true",
                "-Djava.library.path=" + dir));
        assertEquals(dir.resolve("libipc4j.so").toString(), library);
    }

    @Test
    void theSystemPropertyComesBeforeTheNativeJar() throws Exception {
        Path dir = systemLibraryDirectory();
        String library = loaded(run(CLASSES_JAR + File.pathSeparator + NATIVE_JAR,
                "-D" + NativeLoader.SYSTEM_LIBRARY_PROPERTY + "=true", "-Djava.library.path=" + dir));
        assertEquals(dir.resolve("libipc4j.so").toString(), library);
    }

    @Test
    void withoutTheSystemPropertyAnInstalledCopyIsNotLoaded() throws Exception {
        Path dir = systemLibraryDirectory();
        Object[] result = run(CLASSES_JAR, "-Djava.library.path=" + dir);
        assertEquals(1, result[0], (String) result[1]);
        assertFalse(((String) result[1]).contains("System.loadLibrary"), (String) result[1]);
    }

    @Test
    void eachFailedAttemptIsASuppressedExceptionOfTheError() throws Exception {
        Path empty = Files.createDirectory(temp.resolve("empty"));
        String testClasses = Paths.get(PrintLoadFailure.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toString();
        List<String> command = ChildJvm.javaCommand(CLASSES_JAR + File.pathSeparator + testClasses,
                List.of("-D" + NativeLoader.SYSTEM_LIBRARY_PROPERTY + "=true", "-Djava.library.path=" + empty));
        command.add(PrintLoadFailure.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> suppressed = out.lines().filter(l -> l.startsWith("suppressed: ")).collect(
                java.util.stream.Collectors.toList());
        assertEquals(3, suppressed.size(), out);
        assertTrue(suppressed.get(0).startsWith("suppressed: System.loadLibrary(\"ipc4j-" + VERSION
                + "\") (from -Dipc4j.library.system, java.library.path=" + empty + "): "), out);
        assertTrue(suppressed.get(0).endsWith(" caused by java.lang.UnsatisfiedLinkError"), out);
        assertTrue(suppressed.get(1).startsWith("suppressed: System.loadLibrary(\"ipc4j\")"), out);
        assertTrue(suppressed.get(1).endsWith(" caused by java.lang.UnsatisfiedLinkError"), out);
        assertTrue(suppressed.get(2).startsWith("suppressed: class path resource META-INF/native/linux-x86_64/"
                + "libipc4j-" + VERSION + ".so: not found"), out);
        assertTrue(suppressed.get(2).endsWith(" caused by nothing"), out);
        for (String line : suppressed) { // the message lists the same attempts, as text
            assertTrue(out.contains("\n  - " + line.substring("suppressed: ".length(), line.lastIndexOf(" caused by"))),
                    out);
        }
    }

    /** Child JVM main: loads the library, prints the error's suppressed exceptions and their causes. */
    public static final class PrintLoadFailure {
        public static void main(String[] args) {
            try {
                NativeLoader.load();
                System.out.println("loaded");
                System.exit(1);
            } catch (UnsatisfiedLinkError e) {
                System.out.println(e.getMessage());
                for (Throwable s : e.getSuppressed()) {
                    System.out.println("suppressed: " + s.getMessage() + " caused by "
                            + (s.getCause() == null ? "nothing" : s.getCause().getClass().getName()));
                }
            }
        }
    }

    private static int exec(String... command) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
