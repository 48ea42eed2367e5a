package io.github.ipc4j.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Validation of Windows pipe, mailslot and kernel object names, in Java, before any native call; the same rules as
 * the C layer's (ipc4j_win_names.h), so a name that passes here is not refused there.
 */
public final class WindowsNames {
    /** The longest whole pipe name, in UTF-16 units. */
    public static final int PIPE_NAME_MAX = 256;
    /** The longest whole mailslot name, in UTF-16 units (MAX_PATH - 1). */
    public static final int MAILSLOT_NAME_MAX = 259;

    /** The longest whole kernel object name (file mapping, semaphore, mutex, event), in UTF-16 units. */
    public static final int KERNEL_NAME_MAX = 260;

    /** Where a name points. */
    public enum Scope { LOCAL, BROADCAST, REMOTE }

    private static final String MAILSLOT_FORBIDDEN = "<>:\"|?*";

    private WindowsNames() {}

    /** A pipe name as NUL-terminated UTF-8; a server's must be local. */
    public static byte[] pipe(String name, boolean server) {
        String kind = "named pipe";
        String rule = "named pipe names are \\\\.\\pipe\\ followed by 1 or more characters with no '\\' and no control "
                + "character, " + PIPE_NAME_MAX + " characters in all at most, e.g. \"\\\\.\\pipe\\orders\""
                + (server ? "" : "; a client may name another computer: \\\\HOST\\pipe\\NAME");
        String rest = afterPrefix(name, "pipe", server, kind, rule);
        if (scope(name) == Scope.BROADCAST) {
            throw invalid(kind, name, "pipes have no broadcast form (\\\\*\\)", rule);
        }
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '\\' || c < 0x20) {
                throw invalid(kind, name, "contains " + describe(c) + " after the prefix", rule);
            }
        }
        return terminated(name, PIPE_NAME_MAX, kind, rule);
    }

    /** A mailslot name as NUL-terminated UTF-8; a server's must be local. */
    public static byte[] mailslot(String name, boolean server) {
        String kind = "mailslot";
        String rule = "mailslot names are \\\\.\\mailslot\\ followed by a path of 1 or more parts separated by '\\', "
                + "none empty, with no control character and none of " + MAILSLOT_FORBIDDEN + ", "
                + MAILSLOT_NAME_MAX + " characters in all at most, e.g. \"\\\\.\\mailslot\\orders\""
                + (server ? "" : "; a client may also write to \\\\*\\mailslot\\PATH (the primary domain, "
                + NativeMailslot.BROADCAST_MAX + " bytes a message at most) or \\\\HOST\\mailslot\\PATH");
        String rest = afterPrefix(name, "mailslot", server, kind, rule);
        char previous = '\\';
        for (int i = 0; i < rest.length(); previous = rest.charAt(i++)) {
            char c = rest.charAt(i);
            if (c < 0x20 || MAILSLOT_FORBIDDEN.indexOf(c) >= 0) {
                throw invalid(kind, name, "contains " + describe(c), rule);
            }
            if (c == '\\' && previous == '\\') {
                throw invalid(kind, name, "has an empty part (\\\\)", rule);
            }
        }
        if (previous == '\\') {
            throw invalid(kind, name, "ends with '\\'", rule);
        }
        return terminated(name, MAILSLOT_NAME_MAX, kind, rule);
    }

    /**
     * The name of a kernel object (file mapping, semaphore, mutex, event) as NUL-terminated UTF-8:
     * NAME, Local\NAME or Global\NAME, where NAME is 1 or more characters with no '\' and no control
     * character; an unprefixed NAME is Local\NAME (this session's namespace).
     */
    public static byte[] kernelObject(String name, String kind) {
        String rule = "Windows object names are NAME, Local\\NAME or Global\\NAME (all sessions), NAME being 1 "
                + "or more characters with no '\\' and no control character, " + KERNEL_NAME_MAX
                + " characters in all at most, e.g. \"Local\\orders\"";
        Objects.requireNonNull(name, kind + " name must not be null");
        String rest = name;
        if (name.regionMatches(true, 0, "Local\\", 0, 6)) {
            rest = name.substring(6);
        } else if (name.regionMatches(true, 0, "Global\\", 0, 7)) {
            rest = name.substring(7);
        }
        if (rest.isEmpty()) {
            throw invalid(kind, name, "nothing after the namespace", rule);
        }
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '\\' || c < 0x20) {
                throw invalid(kind, name, "contains " + describe(c) + (c == '\\' ? " (only Local\\ and Global\\ "
                        + "name a namespace)" : ""), rule);
            }
        }
        return terminated(name, KERNEL_NAME_MAX, kind, rule);
    }

    /** Where a name (already validated) points: \\.\ local, \\*\ broadcast, else another computer or domain. */
    public static Scope scope(String name) {
        String host = name.substring(2, name.indexOf('\\', 2));
        return host.equals(".") ? Scope.LOCAL : host.equals("*") ? Scope.BROADCAST : Scope.REMOTE;
    }

    private static String afterPrefix(String name, String word, boolean server, String kind, String rule) {
        Objects.requireNonNull(name, kind + " name must not be null");
        int hostEnd = name.startsWith("\\\\") ? name.indexOf('\\', 2) : -1;
        if (hostEnd <= 2) {
            throw invalid(kind, name, "must start with \\\\.\\" + word + "\\", rule);
        }
        String host = name.substring(2, hostEnd);
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c < 0x20 || "/<>:\"|?".indexOf(c) >= 0) {
                throw invalid(kind, name, "the computer name contains " + describe(c), rule);
            }
        }
        if (server && !host.equals(".")) {
            throw invalid(kind, name, "a " + kind + " can only be created on this computer (\\\\.\\" + word + "\\)",
                    rule);
        }
        String prefix = word + "\\";
        if (!name.regionMatches(true, hostEnd + 1, prefix, 0, prefix.length())) {
            throw invalid(kind, name, "must start with \\\\" + host + "\\" + word + "\\", rule);
        }
        String rest = name.substring(hostEnd + 1 + prefix.length());
        if (rest.isEmpty()) {
            throw invalid(kind, name, "nothing after the prefix", rule);
        }
        return rest;
    }

    private static byte[] terminated(String name, int max, String kind, String rule) {
        if (name.length() > max) {
            throw invalid(kind, name, name.length() + " characters long, more than " + max, rule);
        }
        return Names.terminated(name, StandardCharsets.UTF_8, "invalid " + kind + " name", rule);
    }

    private static String describe(char c) {
        return c < 0x20 ? String.format(Locale.ROOT, "the control character U+%04X", (int) c) : "'" + c + "'";
    }

    private static IllegalArgumentException invalid(String kind, String name, String why, String rule) {
        String shown = name.chars().anyMatch(c -> c < 0x20) ? name.replaceAll("\\p{Cntrl}", "?") : name;
        return new IllegalArgumentException("invalid " + kind + " name \"" + shown + "\": " + why + "; " + rule);
    }
}
