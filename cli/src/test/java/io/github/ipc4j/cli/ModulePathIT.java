package io.github.ipc4j.cli;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tool as a module (its module-info): its classes, ipc4j's classes jar and picocli on the module path and
 * the native jar on the class path, as a modular application runs ipc4j. The compiler holds the tool's sources to
 * what its descriptor reads (ipc4j's exported packages, not io.github.ipc4j.internal); this shows that the
 * descriptor says only that, and that the module resolves and runs: picocli reaches the commands, the library
 * loads, and the commands that read the kernel's limits, users and creator records work.
 */
class ModulePathIT {
    private static final String MODULE = "io.github.ipc4j.cli";

    private static Path path(String property) {
        String value = System.getProperty(property);
        assertTrue(value != null && Files.exists(Paths.get(value)), property + " names no file: " + value);
        return Paths.get(value);
    }

    /** The platform jar beside the classes jar: ipc4j-VERSION.jar and ipc4j-VERSION-CLASSIFIER.jar. */
    private static Path nativeJar(Path classesJar) {
        String name = classesJar.getFileName().toString();
        return classesJar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + "-"
                + System.getProperty("ipc4j.cli.nativeClassifier") + ".jar");
    }

    private static Tool.Result runAsModule(String... args) throws Exception {
        Path library = path("ipc4j.cli.libraryJar");
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString()));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=io.github.ipc4j"); // JEP 472, as the module's documentation asks
        }
        command.addAll(List.of("--module-path", String.join(File.pathSeparator, library.toString(),
                        path("ipc4j.cli.picocliJar").toString(), path("ipc4j.cli.classes").toString()),
                "--class-path", nativeJar(library).toString(), "--module", MODULE + "/" + Main.class.getName()));
        command.addAll(Arrays.asList(args));
        return Tool.execRaw(command, null);
    }

    @Test
    void theDescriptorReadsTheLibrarysApiAndPicocliOnly() {
        ModuleDescriptor descriptor = ModuleFinder.of(path("ipc4j.cli.classes")).find(MODULE)
                .orElseThrow(() -> new AssertionError("no module " + MODULE + " in the tool's classes"))
                .descriptor();
        Set<String> requires = descriptor.requires().stream().map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("io.github.ipc4j", "info.picocli", "java.base", "jdk.unsupported")), requires);
        ModuleDescriptor library = ModuleFinder.of(path("ipc4j.cli.libraryJar")).find("io.github.ipc4j")
                .orElseThrow().descriptor();
        assertTrue(library.exports().stream().noneMatch(e -> e.source().equals("io.github.ipc4j.internal")),
                "the library exports no internal package for the tool to lean on");
    }

    @Test
    void theToolRunsAsAModule() throws Exception {
        Tool.Result help = runAsModule("--help").expect(0);
        assertTrue(help.out.contains("Usage: ipc4j"), help.toString());
        Tool.Result doctor = runAsModule("doctor", "--json");
        assertTrue(doctor.exit == 0 || doctor.exit == 1, doctor.toString()); // 1: this machine has a problem
        assertTrue(doctor.out.contains("{\"check\":\"JNI library\",\"status\":\"ok\""), doctor.toString());
        assertTrue(doctor.out.contains("{\"check\":\"kernel.msgmni\""), "the kernel's limits are read:\n" + doctor);
        runAsModule("ls", "--owner", System.getProperty("user.name")).expect(0);
        runAsModule("gc").expect(0);
        assertTrue(!doctor.err.contains("WARNING"), "no warning (native access, illegal access):\n" + doctor);
    }
}
