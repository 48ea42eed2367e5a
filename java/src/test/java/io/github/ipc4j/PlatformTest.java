package io.github.ipc4j;

import io.github.ipc4j.internal.NativeLoader;
import io.github.ipc4j.internal.PlatformId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where the library was loaded from: the file the dynamic linker mapped into this process, named as this
 * platform names ipc4j's library (the tests load it as users do, extracted from the class path; that copy is
 * deleted once mapped, so the path is checked against the mappings, not the directory).
 */
class PlatformTest {
    @Test
    @EnabledOnOs(OS.LINUX)
    void theLibraryPathIsTheMappedFile() throws Exception {
        Path library = Platform.libraryPath();
        assertTrue(library.isAbsolute(), library.toString());
        String base = PlatformId.current().libraryFileName(NativeLoader.javaVersion());
        String name = library.getFileName().toString();
        assertTrue(name.startsWith(base.substring(0, base.lastIndexOf('.'))), name + " is a copy of " + base);
        assertTrue(Files.readAllLines(Paths.get("/proc/self/maps")).stream().anyMatch(l -> l.endsWith(name)
                || l.contains(library.toString())), "the process maps " + library);
    }
}
