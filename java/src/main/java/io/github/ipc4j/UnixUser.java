package io.github.ipc4j;

import io.github.ipc4j.internal.Errno;
import io.github.ipc4j.internal.Errors;
import io.github.ipc4j.internal.NativeUnix;
import io.github.ipc4j.internal.Unsupported;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A user of a Unix system: the uid that IPC objects carry as their owner or creator (for example
 * {@link io.github.ipc4j.sysv.SysvStatus#ownerUid()}, {@link IpcListing.PosixObject#ownerUid()}) and the name the
 * system's user database gives it. The lookups ask that database as {@code ls -l} and {@code id} do
 * ({@code getpwuid_r}, {@code getpwnam_r}): through NSS on Linux, so LDAP, SSSD and systemd's dynamic users are
 * found, and through Directory Services on macOS; not by reading {@code /etc/passwd}. Windows has no uids:
 * there every method throws UnsupportedOperationException.
 *
 * <p>Immutable; the static methods are thread-safe.
 *
 * @param uid the user id, 0 to 4294967294
 * @param name the user's name, e.g. "root"
 */
public record UnixUser(long uid, String name) {
    private static final String LOOKUPS = "Unix user ids (getpwuid_r, getpwnam_r)";
    /** Room for a name: no system allows longer ones (Linux's LOGIN_NAME_MAX is 256). */
    private static final int NAME_BYTES = 1024;

    /**
     * A user.
     *
     * @param uid the user id, 0 to 4294967294
     * @param name the user's name, not empty
     * @throws IllegalArgumentException the uid is out of range or the name empty
     * @throws NullPointerException name is null
     */
    public UnixUser {
        checkUid(uid);
        Objects.requireNonNull(name, "name must not be null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a user name is not empty");
        }
    }

    /**
     * The effective uid of this process: the owner the kernel gives the objects it creates, and the uid its
     * permission checks compare with an object's owner.
     *
     * @return the uid ({@code geteuid})
     * @throws UnsupportedOperationException on Windows, which has no uids
     */
    public static long effectiveUid() {
        Unsupported.requireUnix(LOOKUPS, "UnixUser");
        return NativeUnix.effectiveUid();
    }

    /**
     * The user with that uid, as the system's user database knows it.
     *
     * @param uid the user id, 0 to 4294967294
     * @return the user, or empty when the database has no user with that uid (an object may well be owned
     *         by such a uid: a container's user, or a user since deleted)
     * @throws IllegalArgumentException uid is negative or more than 4294967294
     * @throws UnsupportedOperationException on Windows, which has no uids
     * @throws IOException the database could not be asked (an NSS source failed): an {@link IpcException}
     */
    public static Optional<UnixUser> ofUid(long uid) throws IOException {
        checkUid(uid);
        Unsupported.requireUnix(LOOKUPS, "UnixUser");
        byte[] name = new byte[NAME_BYTES];
        int length = NativeUnix.userName(uid, name);
        if (length == -Errno.ENOENT) {
            return Optional.empty();
        }
        if (length < 0) {
            throw Errors.ipc(-length, "getpwuid_r", "uid " + uid, Errno.text(-length));
        }
        return Optional.of(new UnixUser(uid, new String(name, 0, length, StandardCharsets.UTF_8)));
    }

    /**
     * The user with that name, as the system's user database knows it.
     *
     * @param name the user's name, e.g. "root"
     * @return the user, or empty when the database has no user of that name
     * @throws NullPointerException name is null
     * @throws UnsupportedOperationException on Windows, which has no uids
     * @throws IOException the database could not be asked (an NSS source failed): an {@link IpcException}
     */
    public static Optional<UnixUser> ofName(String name) throws IOException {
        Objects.requireNonNull(name, "name must not be null");
        Unsupported.requireUnix(LOOKUPS, "UnixUser");
        byte[] bytes = (name + '\0').getBytes(StandardCharsets.UTF_8);
        if (name.isEmpty() || name.indexOf('\0') >= 0 || bytes.length > NAME_BYTES) {
            return Optional.empty(); // no user has such a name
        }
        long uid = NativeUnix.userId(bytes);
        if (uid == -Errno.ENOENT) {
            return Optional.empty();
        }
        if (uid < 0) {
            throw Errors.ipc((int) -uid, "getpwnam_r", name, Errno.text((int) -uid));
        }
        return Optional.of(new UnixUser(uid, name));
    }

    private static void checkUid(long uid) {
        // (uid_t) -1 means "no change" to chown and setreuid: no user has it
        if (uid < 0 || uid > 0xFFFF_FFFEL) {
            throw new IllegalArgumentException("a uid is 0 to 4294967294, was " + uid);
        }
    }
}
