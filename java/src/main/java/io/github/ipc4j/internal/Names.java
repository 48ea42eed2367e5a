package io.github.ipc4j.internal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Validation of object names, in Java, before any native call. */
public final class Names {
    private Names() {}

    /**
     * A POSIX IPC name: a leading '/', then 1 to maxBytes bytes of UTF-8 with no other '/' and no NUL,
     * not "." or "..". Returns it as NUL-terminated UTF-8 for the native call.
     */
    public static byte[] posix(String name, int maxBytes, String kind) {
        Objects.requireNonNull(name, kind + " name must not be null");
        String rule = kind + " names are '/' followed by 1 to " + maxBytes
                + " bytes (UTF-8) with no other '/' and no NUL, and not '/.' or '/..', e.g. \"/orders\"";
        if (name.isEmpty() || name.charAt(0) != '/') {
            throw new IllegalArgumentException("invalid " + kind + " name \"" + name + "\": must start with '/'; "
                    + rule);
        }
        if (name.length() == 1) {
            throw new IllegalArgumentException("invalid " + kind + " name \"/\": empty after the '/'; " + rule);
        }
        if (name.indexOf('/', 1) >= 0) {
            throw new IllegalArgumentException("invalid " + kind + " name \"" + name
                    + "\": contains a '/' after the first character; " + rule);
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid " + kind + " name \"" + name.replace("\0", "\\0")
                    + "\": contains a NUL character; " + rule);
        }
        if (name.equals("/.") || name.equals("/..")) {
            throw new IllegalArgumentException("invalid " + kind + " name \"" + name + "\"; " + rule);
        }
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        if (utf8.length - 1 > maxBytes) {
            throw new IllegalArgumentException("invalid " + kind + " name: " + (utf8.length - 1)
                    + " bytes after the '/', more than " + maxBytes + "; " + rule);
        }
        byte[] terminated = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, terminated, 0, utf8.length);
        return terminated;
    }
}
