package io.github.ipc4j.pipe;

import io.github.ipc4j.Feature;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.OpenOptions;
import io.github.ipc4j.Platform;
import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.Errno;
import io.github.ipc4j.internal.Errors;
import io.github.ipc4j.internal.NativeFifo;
import io.github.ipc4j.internal.PathNames;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Named pipes on Linux and macOS ({@code mkfifo}): create, delete, and open either end.
 *
 * <p>Opening a FIFO for writing normally blocks until a reader has it open. Here that wait is made
 * usable: {@link #openWriter(Path)} waits (interruptibly), {@link #openWriter(Path, Duration)} waits at
 * most a timeout, {@link #openWriterNow(Path)} does not wait and says clearly when there is no reader.
 * Opening for reading never waits; the first read waits for a writer's data instead. Ends are opened
 * without following symbolic links, and anything that is not a FIFO is refused.
 *
 * <p>Writes of at most {@link #pipeBuf()} bytes are atomic: several writers' records never interleave.
 *
 * <p>Thread-safe: static methods only, each call independent.
 */
public final class Fifo {
    /** How long a waiting writer open sleeps between tries, at most. */
    private static final long MAX_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private Fifo() {}

    /**
     * Creates a FIFO with mode 0600 (whatever the umask).
     *
     * @param path where to create it; its directory must exist
     * @throws NoSuchFileException the directory does not exist
     * @throws FileAlreadyExistsException something (a FIFO or not) exists at path
     * @throws IOException another failure of {@code mkfifo}, as {@link IpcException}
     */
    public static void create(Path path) throws IOException {
        create(path, OpenOptions.DEFAULT_MODE);
    }

    /**
     * Creates a FIFO with exactly mode (0 to 0777; the umask does not apply).
     *
     * @param path where to create it; its directory must exist
     * @param mode the permission bits, 0 to 0777 (octal)
     * @throws IllegalArgumentException mode is outside 0 to 0777
     * @throws NoSuchFileException the directory does not exist
     * @throws FileAlreadyExistsException something (a FIFO or not) exists at path
     * @throws IOException another failure of {@code mkfifo}, as {@link IpcException}
     */
    public static void create(Path path, int mode) throws IOException {
        byte[] nativePath = PathNames.nativePath(path, "FIFO path");
        if (mode < 0 || mode > 0777) {
            throw new IllegalArgumentException("mode must be permission bits from 0 to 0777 (octal), was 0"
                    + Integer.toOctalString(mode) + " (" + mode + ")");
        }
        Platform.require(Feature.FIFO);
        int r = NativeFifo.create(nativePath, mode);
        if (r == -Errno.ENOENT) {
            Path dir = path.toAbsolutePath().getParent();
            throw new NoSuchFileException(String.valueOf(dir), null, "cannot create FIFO " + path
                    + ": the directory does not exist");
        }
        if (r == -Errno.EEXIST) {
            String what = describe(path);
            throw new FileAlreadyExistsException(path.toString(), null, what.equals("a FIFO")
                    ? "a FIFO exists there already" : "exists and is not a FIFO (" + what + ")");
        }
        check(r, "mkfifo", path);
    }

    /**
     * Removes the FIFO at path; anything else there (a file, a link) is refused and left alone.
     *
     * @param path the FIFO
     * @throws IOException nothing is there, it is not a FIFO, or {@code unlink} failed
     */
    public static void delete(Path path) throws IOException {
        byte[] nativePath = PathNames.nativePath(path, "FIFO path");
        Platform.require(Feature.FIFO);
        check(NativeFifo.delete(nativePath), "unlink", path);
    }

    /**
     * Opens the reading end; never waits.
     *
     * @param path the FIFO
     * @return the reading end, open
     * @throws IOException nothing is there, it is not a FIFO, or {@code open} failed
     */
    public static FifoReader openReader(Path path) throws IOException {
        byte[] nativePath = PathNames.nativePath(path, "FIFO path");
        Platform.require(Feature.FIFO);
        int fd = NativeFifo.open(nativePath, false);
        check(fd, "open", path);
        return new FifoReader(path, fd, waitingTwin(fd, nativePath, path));
    }

    /**
     * Opens the writing end, waiting until a reader has the FIFO open.
     *
     * @param path the FIFO
     * @return the writing end, open
     * @throws IOException nothing is there, it is not a FIFO, or {@code open} failed
     * @throws InterruptedException the thread was interrupted while it waited for a reader
     */
    public static FifoWriter openWriter(Path path) throws IOException, InterruptedException {
        return openWriter(path, Deadline.NONE).orElseThrow(AssertionError::new);
    }

    /**
     * Opens the writing end, waiting at most timeout for a reader; empty if none came.
     *
     * @param path the FIFO
     * @param timeout how long to wait for a reader at most
     * @return the writing end, or empty when no reader came in time
     * @throws IOException nothing is there, it is not a FIFO, or {@code open} failed
     * @throws InterruptedException the thread was interrupted while it waited for a reader
     */
    public static Optional<FifoWriter> openWriter(Path path, Duration timeout) throws IOException,
            InterruptedException {
        return openWriter(path, Deadline.after(timeout));
    }

    /**
     * Opens the writing end, waiting at most timeout units for a reader.
     *
     * @param path the FIFO
     * @param timeout the longest wait, in units; zero or negative looks once
     * @param unit the unit of timeout
     * @return the writing end, or empty if no reader came in time
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting
     */
    public static Optional<FifoWriter> openWriter(Path path, long timeout, TimeUnit unit) throws IOException,
            InterruptedException {
        return openWriter(path, Deadline.after(timeout, unit));
    }

    /**
     * Opens the writing end if a reader has the FIFO open now.
     *
     * @param path the FIFO
     * @return the writing end, open
     * @throws IpcException ENXIO when no process has the FIFO open for reading
     * @throws IOException nothing is there, it is not a FIFO, or {@code open} failed otherwise
     */
    public static FifoWriter openWriterNow(Path path) throws IOException {
        byte[] nativePath = PathNames.nativePath(path, "FIFO path");
        Platform.require(Feature.FIFO);
        int fd = NativeFifo.open(nativePath, true);
        if (fd == -Errno.ENXIO) {
            throw Errors.ipc(Errno.ENXIO, "open", path.toString(), "no process has the FIFO open for reading; "
                    + "openWriter(path) waits for one, openWriter(path, timeout) waits at most that long");
        }
        check(fd, "open", path);
        return new FifoWriter(path, fd, waitingTwin(fd, nativePath, path));
    }

    /**
     * open(O_WRONLY|O_NONBLOCK) fails with ENXIO and no descriptor while there is no reader, so there is
     * nothing to poll: the wait is a retry with a short sleep that grows to 20 ms (Thread.sleep, so an
     * interrupt ends it).
     */
    private static Optional<FifoWriter> openWriter(Path path, long deadline) throws IOException,
            InterruptedException {
        byte[] nativePath = PathNames.nativePath(path, "FIFO path");
        Platform.require(Feature.FIFO);
        long pause = TimeUnit.MICROSECONDS.toNanos(500);
        for (;;) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            int fd = NativeFifo.open(nativePath, true);
            if (fd >= 0) {
                return Optional.of(new FifoWriter(path, fd, waitingTwin(fd, nativePath, path)));
            }
            if (fd != -Errno.ENXIO) {
                check(fd, "open", path);
            }
            long remaining = Deadline.remaining(deadline);
            if (remaining == 0) {
                return Optional.empty();
            }
            long sleep = remaining < 0 ? pause : Math.min(pause, remaining);
            TimeUnit.NANOSECONDS.sleep(sleep);
            pause = Math.min(pause * 2, MAX_RETRY_NANOS);
        }
    }

    /**
     * The second description of an end, in blocking mode, that its waiting calls use (FifoEnd); closes fd and
     * throws when it cannot be had. A write end whose reader left in between gets none (-1): its writes fail
     * with EPIPE anyway, and a later reader's are waited for by polling.
     */
    private static int waitingTwin(int fd, byte[] nativePath, Path path) throws IOException {
        int twin = NativeFifo.openTwin(fd, nativePath);
        if (twin == -Errno.ENXIO) {
            return -1;
        }
        if (twin < 0) {
            NativeFifo.close(fd);
            check(twin, "open", path);
        }
        return twin;
    }

    /**
     * PIPE_BUF: writes of up to this many bytes are atomic.
     *
     * @return PIPE_BUF of this OS (4096 on Linux, 512 on macOS)
     */
    public static int pipeBuf() {
        Platform.require(Feature.FIFO);
        return PipeBuf.VALUE;
    }

    /** What is at path, for messages: "a FIFO", "a regular file", "a directory", ... */
    private static String describe(Path path) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() ? "a regular file" : a.isDirectory() ? "a directory"
                    : a.isSymbolicLink() ? "a symbolic link" : a.isOther() ? "a FIFO" : "something else";
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    static void check(int r, String call, Path path) throws IOException {
        if (r >= 0) {
            return;
        }
        if (r == NativeFifo.NOT_A_FIFO) {
            throw new FileSystemException(path.toString(), null, call + ": not a FIFO (" + describe(path) + ")");
        }
        if (r == NativeFifo.REPLACED) {
            throw new FileSystemException(path.toString(), null, call + ": another process replaced the FIFO "
                    + "while it was opened");
        }
        if (r == -Errno.ELOOP) {
            throw new FileSystemException(path.toString(), null, call
                    + ": a symbolic link; FIFOs are opened without following links (O_NOFOLLOW)");
        }
        throw Errors.of(-r, call, path.toString());
    }

    private static final class PipeBuf {
        static final int VALUE = NativeFifo.pipeBuf();
    }
}
