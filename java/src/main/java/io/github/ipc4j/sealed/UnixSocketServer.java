package io.github.ipc4j.sealed;

import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.NativeSealedShm;
import io.github.ipc4j.internal.PathNames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A listening Unix-domain stream socket at a path, for handing {@link SealedSharedMemory} to the processes
 * that connect ({@link UnixSocket#connect}). The socket file is made mode 0600 (only this user can
 * connect) before it listens, and removed at {@link #close()}. Check who connected with
 * {@link UnixSocket#peer()} before sharing anything.
 *
 * <p>Thread-safe: several threads may accept at once, and close from any thread ends their waits.
 */
public final class UnixSocketServer extends SocketEnd {
    private static final int BACKLOG = 64;

    private final Path path;

    private UnixSocketServer(Path path, int fd) throws IOException {
        super(fd, "Unix socket server " + path, () -> removeSocketFile(path));
        this.path = path;
    }

    /**
     * Listens at path, which must not exist (a stale socket file from a dead server: delete it first).
     *
     * @param path where the socket file goes
     * @return the listening server
     * @throws java.nio.file.FileAlreadyExistsException something is at path
     * @throws IOException path too long (108 bytes on Linux), no such directory, or another failure
     */
    public static UnixSocketServer bind(Path path) throws IOException {
        return bind(path, 0600);
    }

    /**
     * Listens at path with a socket file of exactly mode (0600 by default; 0660 lets the group connect).
     *
     * @param path where the socket file goes; nothing may be there
     * @param mode the socket file's permission bits, within 0777
     * @return the listening server
     * @throws IllegalArgumentException mode has bits outside 0777
     * @throws IOException as {@link #bind(Path)}
     */
    public static UnixSocketServer bind(Path path, int mode) throws IOException {
        byte[] nativePath = PathNames.nativePath(path, "path");
        if ((mode & ~0777) != 0) {
            throw new IllegalArgumentException("mode must be permission bits within 0777, was 0"
                    + Integer.toOctalString(mode));
        }
        requireSupported();
        int fd = opened(NativeSealedShm.listen(nativePath, mode, BACKLOG), "bind", path.toString());
        try {
            return new UnixSocketServer(path.toAbsolutePath(), fd); // closes fd if it fails
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /**
     * Waits for the next connection.
     *
     * @return the connected socket
     * @throws IOException accepting failed, or the server was closed
     * @throws InterruptedException the thread was interrupted while it waited
     */
    public UnixSocket accept() throws IOException, InterruptedException {
        return accept(Deadline.NONE);
    }

    /**
     * Waits at most timeout for the next connection.
     *
     * @param timeout how long to wait at most
     * @return the connected socket; null when none came in time
     * @throws IOException accepting failed, or the server was closed
     * @throws InterruptedException the thread was interrupted while it waited
     */
    public UnixSocket accept(Duration timeout) throws IOException, InterruptedException {
        return accept(Deadline.after(timeout));
    }

    /**
     * Waits at most timeout units for the next connection.
     *
     * @param timeout the longest wait, in units; zero or negative looks once
     * @param unit the unit of timeout
     * @return the connection, or null when none came in time
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting
     */
    public UnixSocket accept(long timeout, TimeUnit unit) throws IOException, InterruptedException {
        return accept(Deadline.after(timeout, unit));
    }

    /**
     * Where the socket is bound.
     *
     * @return the socket file's path
     */
    public Path path() {
        return path;
    }

    private UnixSocket accept(long deadline) throws IOException, InterruptedException {
        handle.enter();
        try {
            for (;;) {
                int r = NativeSealedShm.accept(fd);
                if (r >= 0) {
                    return UnixSocket.connected(r, "Unix socket accepted at " + path);
                }
                if (r != NativeSealedShm.WOULD_BLOCK) {
                    throw failure(-r, "accept", path.toString());
                }
                if (!await(false, deadline, "poll")) {
                    return null;
                }
            }
        } finally {
            handle.exit();
        }
    }

    /** After the descriptor is closed: the socket file goes (static, so the Cleaner need not hold the server). */
    private static void removeSocketFile(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the directory went away or became unwritable: nothing is left to clean
        }
    }
}
