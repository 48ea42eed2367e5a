package io.github.ipc4j.portable;

import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.Platform;
import io.github.ipc4j.windows.WindowsSemaphore;
import io.github.ipc4j.windows.WindowsSharedMemory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where Linux shows the portable objects as files, for the tests of their security defaults (macOS shows
 * POSIX objects nowhere, and keeps no owner for a semaphore; Windows objects are checked through their
 * DACL by {@link #assertWindowsCurrentUserOnly}).
 */
final class PortableFiles {
    private PortableFiles() {}

    static List<Path> of(NamedMessageQueue.Backend backend, String name) {
        if (backend == NamedMessageQueue.Backend.POSIX_MQ) {
            return List.of(Paths.get("/dev/mqueue", name));
        }
        return List.of(shm(name + ShmQueueEngine.MEMORY), sem(name + ShmQueueEngine.FREE),
                sem(name + ShmQueueEngine.USED));
    }

    static Path shm(String object) {
        return Paths.get("/dev/shm", object);
    }

    static Path sem(String object) {
        return Paths.get("/dev/shm", "sem." + object);
    }

    /** Mode 0600 and this user's, where Linux shows the object (/dev/mqueue may not be mounted: then skip). */
    static void assertOwnerOnly(Path file) throws IOException {
        if (Platform.os() != OperatingSystem.LINUX && file.startsWith("/dev")) {
            return;
        }
        if (!Files.exists(file) && file.startsWith("/dev/mqueue")) {
            return;
        }
        assertTrue(Files.exists(file), file + " exists");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
        assertEquals(System.getProperty("user.name"), Files.getOwner(file).getName(), file.toString());
    }

    /** On Windows: the semaphore and the mapping named (either may be null) admit the current user only. */
    static void assertWindowsCurrentUserOnly(String semaphore, String shm) throws IOException {
        if (Platform.os() != OperatingSystem.WINDOWS) {
            return;
        }
        if (semaphore != null) {
            try (WindowsSemaphore sem = WindowsSemaphore.open("Local\\" + semaphore)) {
                assertTrue(sem.isCurrentUserOnly(), semaphore);
            }
        }
        if (shm != null) {
            try (WindowsSharedMemory memory = WindowsSharedMemory.open("Local\\" + shm)) {
                assertTrue(memory.isCurrentUserOnly(), shm);
            }
        }
    }
}
