package io.github.ipc4j.cli;

import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.Platform;
import io.github.ipc4j.UnixUser;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * User names and ids (the tool shows names, and takes a name or a number for --owner), from the system's user
 * database through {@link UnixUser} (NSS on Linux, Directory Services on macOS), and this process's own user.
 */
final class Users {
    /** A listing names the same few owners on many rows: each is asked for once. */
    private static final Map<Long, String> NAMES = new ConcurrentHashMap<>();

    private Users() {}

    /** The user's name, or the number when the user database has none (or cannot be asked). */
    static String name(long uid) {
        return NAMES.computeIfAbsent(uid, Users::lookUp);
    }

    private static String lookUp(long uid) {
        try {
            return UnixUser.ofUid(uid).map(UnixUser::name).orElse(Long.toString(uid));
        } catch (IOException | RuntimeException e) {
            return Long.toString(uid); // an NSS source that fails, or a uid no user can have: the number says it
        }
    }

    /** A uid from a name or a number; usage error when neither. */
    static long uid(String user) {
        if (user.chars().allMatch(Character::isDigit) && !user.isEmpty()) {
            return Long.parseLong(user);
        }
        try {
            return UnixUser.ofName(user).orElseThrow(() -> CliException.usage("--owner " + user
                    + ": no such user (give a user name or a uid)")).uid();
        } catch (IOException e) {
            throw CliException.failure("--owner " + user + ": the user database failed: " + e.getMessage());
        }
    }

    /** The effective uid of this process; -1 on Windows. */
    static long self() {
        return Platform.os() == OperatingSystem.WINDOWS ? -1 : UnixUser.effectiveUid();
    }
}
