package io.github.ipc4j.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Who owns a file, by number: comparing names needs the user database, which a process out of descriptors
 * cannot open. Unix only (the JDK's "unix" attribute view).
 */
public final class FileOwner {
    private FileOwner() {}

    /** The uid of the file itself (a symbolic link's own, not its target's). */
    public static long uid(Path file) throws IOException {
        return ((Number) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
    }
}
