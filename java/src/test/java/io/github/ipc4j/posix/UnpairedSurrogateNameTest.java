package io.github.ipc4j.posix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A name holding an unpaired surrogate has no UTF-8 form: String.getBytes(UTF_8) would turn it into '?' and
 * create another object ("/x\uD800y" as "/x?y"). Every POSIX name-taking call refuses it before any native call.
 */
@EnabledOnOs(OS.LINUX)
class UnpairedSurrogateNameTest {
    private static final String RULE = "is not valid UTF-16 (an unpaired surrogate at index ";

    private static void refused(Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(RULE), e.getMessage());
    }

    private static String unique() {
        return String.format(Locale.ROOT, "/ipc4j-sur-%d-%08x", ProcessHandle.current().pid() % 100000,
                ThreadLocalRandom.current().nextInt());
    }

    @Test
    void everyPosixCallRefusesItAndCreatesNothing() throws Exception {
        String base = unique();
        for (String bad : new String[] {base + "\uD800y", base + "\uDC00y", base + "y\uD800"}) {
            String replaced = bad.replace('\uD800', '?').replace('\uDC00', '?');
            try {
                refused(() -> PosixMessageQueue.open(bad, PosixMqOptions.options().createNew()));
                refused(() -> PosixMessageQueue.unlink(bad));
                refused(() -> PosixSemaphore.open(bad, PosixSemOptions.options().createNew()));
                refused(() -> PosixSemaphore.unlink(bad));
                refused(() -> PosixSharedMemory.open(bad, PosixShmOptions.options().createNew().size(4096)));
                refused(() -> PosixSharedMemory.unlink(bad));
                // nothing was created under the name getBytes(UTF_8) would have made
                assertFalse(Files.exists(Path.of("/dev/mqueue" + replaced)), replaced);
                assertFalse(Files.exists(Path.of("/dev/shm" + replaced)), replaced);
                assertFalse(Files.exists(Path.of("/dev/shm/sem." + replaced.substring(1))), replaced);
            } finally { // what a failure would have left
                Files.deleteIfExists(Path.of("/dev/mqueue" + replaced));
                Files.deleteIfExists(Path.of("/dev/shm" + replaced));
                Files.deleteIfExists(Path.of("/dev/shm/sem." + replaced.substring(1)));
            }
        }
    }

    @Test
    void aPairedSurrogateIsAnOrdinaryCharacter() throws Exception {
        String name = unique() + "\uD83D\uDE00"; // U+1F600, 4 bytes of UTF-8
        try (PosixSemaphore sem = PosixSemaphore.open(name, PosixSemOptions.options().createNew())) {
            assertTrue(Files.exists(Path.of("/dev/shm/sem." + name.substring(1))));
        } finally {
            PosixSemaphore.unlink(name);
        }
    }
}
