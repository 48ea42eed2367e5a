package io.github.ipc4j;

import io.github.ipc4j.internal.FeatureTable;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureTest {
    @Test
    void theLoadedLibraryHasExactlyWhatFeatureDeclaresForThisOs() {
        OperatingSystem os = Platform.os();
        assertNotNull(os, "tests run on an OS ipc4j supports");
        for (Feature feature : Feature.values()) {
            assertEquals(feature.systems().contains(os), Platform.supports(feature),
                    feature + ": Feature declares " + feature.systems() + " but the library built here says "
                            + Platform.supports(feature) + " (CMake feature check and declaration disagree)");
        }
    }

    @Test
    void requireNamesTheOsAndTheMissingCall() {
        for (Feature feature : Feature.values()) {
            if (!Platform.supports(feature)) {
                UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                        () -> Platform.require(feature));
                assertTrue(e.getMessage().contains(System.getProperty("os.name")), e.getMessage());
                assertTrue(e.getMessage().contains(feature.call()), e.getMessage());
            }
        }
    }

    @Test
    void readmeHoldsTheGeneratedTable() throws Exception {
        Path readme = Paths.get("..", "README.md");
        String text = new String(Files.readAllBytes(readme), StandardCharsets.UTF_8);
        assertTrue(text.contains(FeatureTable.markdown()),
                "README.md's platform table differs from what FeatureTable makes; replace it with the output of "
                        + "io.github.ipc4j.internal.FeatureTable:\n" + FeatureTable.markdown());
    }
}
