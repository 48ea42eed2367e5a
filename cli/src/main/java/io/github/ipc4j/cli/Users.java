package io.github.ipc4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

/** User names and ids, from /etc/passwd (the tool shows names, and takes a name or a number for --owner). */
final class Users {
    private static Map<Long, String> names;

    private Users() {}

    /** The user's name, or the number when /etc/passwd has none. */
    static synchronized String name(long uid) {
        if (names == null) {
            names = new HashMap<>();
            try {
                for (String line : Files.readAllLines(Paths.get("/etc/passwd"))) {
                    String[] f = line.split(":");
                    if (f.length > 2) {
                        try {
                            names.putIfAbsent(Long.parseLong(f[2]), f[0]);
                        } catch (NumberFormatException e) {
                            // a malformed line: skip
                        }
                    }
                }
            } catch (IOException e) {
                // no passwd file: numbers only
            }
        }
        return names.getOrDefault(uid, Long.toString(uid));
    }

    /** A uid from a name or a number; usage error when neither. */
    static long uid(String user) {
        if (user.chars().allMatch(Character::isDigit) && !user.isEmpty()) {
            return Long.parseLong(user);
        }
        name(0);
        synchronized (Users.class) {
            for (Map.Entry<Long, String> e : names.entrySet()) {
                if (e.getValue().equals(user)) {
                    return e.getKey();
                }
            }
        }
        throw CliException.usage("--owner " + user + ": no such user (give a user name or a uid)");
    }

    /** The effective uid of this process (the owner of /proc/self). */
    static long self() {
        try {
            return ((Number) Files.getAttribute(Paths.get("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
