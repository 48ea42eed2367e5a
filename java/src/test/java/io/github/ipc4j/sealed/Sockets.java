package io.github.ipc4j.sealed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A private temporary directory for a test's socket files, removed with everything in it by close(). */
final class Sockets implements AutoCloseable {
    private final Path dir;
    private int next;

    Sockets() throws IOException {
        dir = Files.createTempDirectory("ipc4j-sock");
    }

    /** A fresh socket path (short: Unix socket paths have at most 107 bytes). */
    Path path() {
        return dir.resolve("s" + next++);
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
