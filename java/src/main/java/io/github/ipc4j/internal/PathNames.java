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
        byte[] bytes = s.getBytes(FILE_NAMES);
        byte[] terminated = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, terminated, 0, bytes.length);
        return terminated;
    }

    /** The absolute path as NUL-terminated bytes. */
    public static byte[] nativePath(Path path, String what) {
        Objects.requireNonNull(path, what + " must not be null");
        return nativeString(path.toAbsolutePath().toString());
    }
}
