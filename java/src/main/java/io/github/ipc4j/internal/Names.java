package io.github.ipc4j.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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
        byte[] terminated = terminated(name, StandardCharsets.UTF_8, "invalid " + kind + " name", rule);
        if (terminated.length - 2 > maxBytes) {
            throw new IllegalArgumentException("invalid " + kind + " name: " + (terminated.length - 2)
                    + " bytes after the '/', more than " + maxBytes + "; " + rule);
        }
        return terminated;
    }

    /**
     * text as NUL-terminated bytes of charset, for a native call. Unlike String.getBytes, which puts '?' in
     * place of what the charset cannot encode (and so names another object), this refuses such text:
     * an unpaired surrogate (no UTF-8 form) or, for another charset, a character it lacks.
     *
     * @param invalid how the message starts, e.g. "invalid POSIX message queue name"
     * @param rule the rule the message ends with
     */
    public static byte[] terminated(String text, Charset charset, String invalid, String rule) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(invalid + " \"" + shown(text) + "\" is not valid UTF-16 (an unpaired "
                        + "surrogate at index " + i + String.format(Locale.ROOT, ", U+%04X", (int) c)
                        + "): it has no " + charset.name() + " form; " + rule);
            }
        }
        ByteBuffer encoded;
        try {
            encoded = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(invalid + " \"" + shown(text) + "\" has a character that "
                    + charset.name() + " cannot encode; " + rule, e);
        }
        byte[] out = new byte[encoded.remaining() + 1];
        encoded.get(out, 0, out.length - 1);
        return out;
    }

    /** text with surrogates and control characters escaped, for a message. */
    private static String shown(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c) || c < 0x20) {
                b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
