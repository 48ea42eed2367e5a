package io.github.ipc4j.cli;

import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.Platform;
import io.github.ipc4j.internal.NativeUnix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

/**
 * User names and ids, from /etc/passwd (the tool shows names, and takes a name or a number for --owner), and this
 * process's own user.
 */
final class Users {
    private static Map<Long, String> names;

    private Users() {}

    /**
     * The user's name, or the number when /etc/passwd has none. macOS keeps its users in Directory Services, not in
     * /etc/passwd (which holds only system accounts): there this process's own user is named by user.name.
     */
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
        String name = names.get(uid);
        if (name == null && uid == self()) {
            name = System.getProperty("user.name");
        }
        return name != null ? name : Long.toString(uid);
    }

    /** A uid from a name or a number; usage error when neither. */
    static long uid(String user) {
        if (user.chars().allMatch(Character::isDigit) && !user.isEmpty()) {
            return Long.parseLong(user);
        }
        name(0);
        if (user.equals(System.getProperty("user.name")) && self() >= 0) {
            return self(); // this process's user, named on macOS although /etc/passwd does not have it
        }
        synchronized (Users.class) {
            for (Map.Entry<Long, String> e : names.entrySet()) {
                if (e.getValue().equals(user)) {
                    return e.getKey();
                }
            }
        }
        throw CliException.usage("--owner " + user + ": no such user (give a user name or a uid)");
    }

    /** The effective uid of this process (geteuid; macOS has no /proc/self to ask); -1 on Windows. */
    static long self() {
        return Platform.os() == OperatingSystem.WINDOWS ? -1 : NativeUnix.effectiveUid();
    }
}
