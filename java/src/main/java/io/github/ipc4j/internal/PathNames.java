package io.github.ipc4j.internal;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Objects;

/** File system paths for native calls, encoded as the JDK's own file APIs encode them. */
public final class PathNames {
    private static final Charset FILE_NAMES = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

    private PathNames() {}

    /** A string (a command-line argument) as NUL-terminated bytes, encoded as file names are. */
    public static byte[] nativeString(String s) {
        return Names.terminated(s, FILE_NAMES, "invalid name",
                "it must be text that the file name encoding (sun.jnu.encoding, " + FILE_NAMES.name()
                        + ") can encode");
    }

    /** The absolute path as NUL-terminated bytes. */
    public static byte[] nativePath(Path path, String what) {
        Objects.requireNonNull(path, what + " must not be null");
        return Names.terminated(path.toAbsolutePath().toString(), FILE_NAMES, "invalid " + what,
                "a path must be text that the file name encoding (sun.jnu.encoding, " + FILE_NAMES.name()
                        + ") can encode");
    }
}
