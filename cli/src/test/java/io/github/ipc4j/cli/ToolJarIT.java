package io.github.ipc4j.cli;

import io.github.ipc4j.Platform;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the build ships: the executable jar with each platform's library it was given, and both launchers. */
class ToolJarIT {
    @Test
    void theJarCarriesTheRunningPlatformsLibraryAndOneLibraryPerPlatformItHas() throws Exception {
        Set<String> classifiers = new TreeSet<>();
        try (JarFile jar = new JarFile(Tool.jar().toFile())) {
            jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("META-INF/native/") && !n.endsWith("/"))
                    .forEach(n -> {
                        String[] parts = n.split("/");
                        assertEquals(4, parts.length, n);
                        assertTrue(parts[3].contains("ipc4j-"), n);
                        assertTrue(classifiers.add(parts[2]), "two libraries for " + parts[2]);
                    });
        }
        assertTrue(classifiers.contains(Platform.classifier()), classifiers.toString());
        // -Pall-platforms (ci/build-all-platforms.sh) gives it all five; a plain build the running one
        assertTrue(classifiers.size() == 1 || classifiers.size() == 5, classifiers.toString());
    }

    @Test
    void bothLaunchersSitNextToTheJar() throws Exception {
        Path dir = Tool.jar().getParent();
        assertTrue(Files.isExecutable(dir.resolve("ipc4j")));
        String cmd = new String(Files.readAllBytes(dir.resolve("ipc4j.cmd")), StandardCharsets.US_ASCII);
        assertTrue(cmd.startsWith("@echo off\r\n"), "ipc4j.cmd needs CRLF line ends");
        assertTrue(cmd.contains("-jar \"%jar%\" %*"), cmd);
    }
}
