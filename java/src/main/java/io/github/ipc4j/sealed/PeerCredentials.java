package io.github.ipc4j.sealed;

/**
 * Who is at the other end of a {@link UnixSocket}, as the kernel recorded it when the connection was made
 * ({@code SO_PEERCRED} on Linux; {@code getpeereid} and {@code LOCAL_PEERPID} on macOS). A process cannot
 * forge these; they describe the peer at connect time (a process that changed its uid since still shows
 * the old one).
 *
 * @param pid the peer's process id, -1 where the OS does not say
 * @param uid the peer's effective user id
 * @param gid the peer's effective group id
 *
 * <p>Immutable, and so thread-safe.
 */
public record PeerCredentials(long pid, long uid, long gid) {
}
