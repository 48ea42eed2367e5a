package io.github.ipc4j.testing;

import io.github.ipc4j.posix.PosixMessageQueue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Unique POSIX message queue names for a test, and their removal whatever the test's outcome: use as
 * a field with {@code @RegisterExtension}-free try-with-resources, or call {@link #close()} in @AfterEach.
 */
public final class PosixQueues implements AutoCloseable {
    private final PosixNames names = new PosixNames(PosixMessageQueue::unlink);

    /** A fresh name, removed by {@link #close()}. */
    public String name() {
        return names.name();
    }

    /** Unlinks every queue named here that still exists. */
    @Override
    public void close() throws IOException {
        names.close();
    }

    /** Where the mqueue filesystem is mounted, mounting it when absent and allowed (root). Null if not. */
    public static Path mqueueMount() {
        Path dir = Paths.get("/dev/mqueue");
        if (isMqueueMounted()) {
            return dir;
        }
        try {
            Files.createDirectories(dir);
            Process mount = new ProcessBuilder("mount", "-t", "mqueue", "none", dir.toString())
                    .redirectErrorStream(true).start();
            mount.getInputStream().readAllBytes();
            mount.waitFor();
        } catch (IOException | InterruptedException e) {
            return null;
        }
        return isMqueueMounted() ? dir : null;
    }

    private static boolean isMqueueMounted() {
        try {
            return Files.readAllLines(Paths.get("/proc/self/mounts")).stream()
                    .anyMatch(line -> line.split(" ")[1].equals("/dev/mqueue") && line.split(" ")[2].equals("mqueue"));
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
