package io.github.ipc4j.portable;

import io.github.ipc4j.CrashSafeLock;
import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.OwnerDiedException;
import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.Errors;
import io.github.ipc4j.internal.FileOwner;
import io.github.ipc4j.internal.NativeUnix;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The macOS NamedLock (macOS has no robust mutexes): an fcntl record lock on a lock file, which the kernel
 * releases when the holding process dies, plus a marker byte in the file that the holder sets after taking
 * the lock and clears before releasing it. A taker that finds the marker set knows the previous holder died
 * holding the lock. Pure Java (FileChannel.tryLock is fcntl F_SETLK on Unix), so it is tested on Linux too.
 *
 * <p>fcntl locks belong to a process, and closing any descriptor of the file drops them all: so the
 * threads of one JVM share one channel per file and take turns through a semaphore before the fcntl lock.
 * Waits poll the fcntl lock every {@value #SLICE_MILLIS} ms (the call that blocks, F_SETLKW, cannot be cut
 * short), checking interrupt and close between tries. Files: $TMPDIR/ipc4j-USER/NAME.lock, the directory
 * 0700 and the file 0600; an existing directory that is a link, another user's, or open to others is refused.
 */
final class FileCrashSafeLock implements CrashSafeLock, AutoCloseable {
    static final long SLICE_MILLIS = 5;

    private static final Map<Path, Shared> OPEN = new HashMap<>(); // guarded by itself
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    /** What the threads of this JVM share for one lock file. */
    private static final class Shared {
        final FileChannel channel;
        /**
         * The marker byte, mapped: a read or write of the channel on an interrupted thread would close it (the
         * interruptible-channel contract), dropping the fcntl lock and failing every later call in this JVM.
         */
        final MappedByteBuffer marker;
        final Semaphore turn = new Semaphore(1);
        int users;

        Shared(FileChannel channel, MappedByteBuffer marker) {
            this.channel = channel;
            this.marker = marker;
        }
    }

    private final String description;
    private final Path file;
    private final Shared shared;
    private volatile boolean closed;
    private volatile Thread holder;
    private FileLock held; // guarded by the turn

    private FileCrashSafeLock(String description, Path file, Shared shared) {
        this.description = description;
        this.file = file;
        this.shared = shared;
    }

    /** The lock file of name: $TMPDIR/ipc4j-USER/NAME.lock (java.io.tmpdir is per user on macOS). */
    static Path file(String name) {
        return Paths.get(System.getProperty("java.io.tmpdir"), "ipc4j-" + System.getProperty("user.name"),
                name + ".lock");
    }

    static FileCrashSafeLock open(String name) throws IOException {
        Path file = file(name);
        checkDirectory(file.getParent());
        synchronized (OPEN) {
            Shared shared = OPEN.get(file);
            if (shared == null) {
                FileChannel channel;
                try {
                    channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                            PosixFilePermissions.asFileAttribute(FILE));
                } catch (FileSystemException e) {
                    throw Errors.descriptorLimit(e, "open", file.toString());
                }
                try {
                    shared = new Shared(channel, mapMarker(channel));
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
                OPEN.put(file, shared);
            }
            shared.users++;
            return new FileCrashSafeLock("named lock " + name + " (lock file " + file + ")", file, shared);
        }
    }

    /** Maps the file's first byte, growing an empty file to one 0 byte (no marker set). */
    private static MappedByteBuffer mapMarker(FileChannel channel) throws IOException {
        boolean interrupted = Thread.interrupted(); // map too is cut short, and the channel closed, by an interrupt
        try {
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, 1);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Removes the lock file; a lock that other processes use stops excluding them, so only when none does. */
    static void remove(String name) throws IOException {
        try {
            Files.delete(file(name));
        } catch (NoSuchFileException gone) {
            // removed already
        }
    }

    private static void checkDirectory(Path dir) throws IOException {
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
            Files.setPosixFilePermissions(dir, DIRECTORY); // the umask may have taken bits away, never added
        } catch (FileAlreadyExistsException exists) {
            String why = null;
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                why = "it is not a directory (or is a symbolic link)";
            } else if (FileOwner.uid(dir) != NativeUnix.effectiveUid()) { // by name, root's own was refused as "0"
                why = "it belongs to uid " + FileOwner.uid(dir) + ", not this process's " + NativeUnix.effectiveUid();
            } else if (!DIRECTORY.containsAll(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS))) {
                why = "others can use it (" + PosixFilePermissions.toString(Files.getPosixFilePermissions(dir,
                        LinkOption.NOFOLLOW_LINKS)) + ")";
            }
            if (why != null) {
                throw new AccessDeniedException(dir.toString(), null, "refused as the directory of ipc4j's lock files: "
                        + why + "; it must be a directory of this user's with mode 0700");
            }
        }
    }

    Path path() {
        return file;
    }

    @Override
    public void lock() throws OwnerDiedException, InterruptedException, IOException {
        lock(Deadline.NONE);
    }

    @Override
    public boolean tryLock() throws OwnerDiedException, IOException {
        try {
            return lock(Deadline.NOW);
        } catch (InterruptedException notWaiting) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean tryLock(Duration timeout) throws OwnerDiedException, InterruptedException, IOException {
        return lock(Deadline.after(timeout));
    }

    @Override
    public boolean tryLock(long timeout, TimeUnit unit) throws OwnerDiedException, InterruptedException, IOException {
        return lock(Deadline.after(timeout, unit));
    }

    private boolean lock(long deadline) throws OwnerDiedException, InterruptedException, IOException {
        if (holder == Thread.currentThread()) {
            throw new IllegalMonitorStateException(description + ": this thread holds it already (the lock is not "
                    + "reentrant)");
        }
        if (!takeTurn(deadline)) {
            return false;
        }
        boolean ownerDied;
        try {
            FileLock lock = fileLock(deadline);
            if (lock == null) {
                shared.turn.release();
                return false;
            }
            held = lock;
            ownerDied = readMarker() != 0;
            writeMarker((byte) 1);
        } catch (IOException | InterruptedException | RuntimeException e) {
            shared.turn.release();
            throw e;
        }
        holder = Thread.currentThread();
        if (ownerDied) {
            throw new OwnerDiedException(description);
        }
        return true;
    }

    /** This JVM's turn at the file, in slices that see close and interrupt. */
    private boolean takeTurn(long deadline) throws InterruptedException, IpcClosedException {
        for (;;) {
            checkOpen();
            long remaining = Deadline.remaining(deadline);
            long slice = remaining < 0 ? TimeUnit.MILLISECONDS.toNanos(SLICE_MILLIS * 4)
                    : Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(SLICE_MILLIS * 4));
            if (remaining == 0 ? shared.turn.tryAcquire() : shared.turn.tryAcquire(slice, TimeUnit.NANOSECONDS)) {
                return true;
            }
            if (Deadline.remaining(deadline) == 0) {
                return false;
            }
        }
    }

    /** The fcntl lock, tried every slice until the deadline; null when it was not free in time. */
    private FileLock fileLock(long deadline) throws IOException, InterruptedException {
        for (;;) {
            checkOpen();
            FileLock lock = shared.channel.tryLock();
            if (lock != null) {
                return lock;
            }
            long remaining = Deadline.remaining(deadline);
            if (remaining == 0) {
                return null;
            }
            long sleep = remaining < 0 ? SLICE_MILLIS : Math.min(SLICE_MILLIS, TimeUnit.NANOSECONDS.toMillis(remaining) + 1);
            Thread.sleep(sleep);
        }
    }

    @Override
    public void unlock() throws IOException {
        if (holder != Thread.currentThread()) {
            throw new IllegalMonitorStateException(description + ": unlock by a thread that does not hold it");
        }
        try {
            writeMarker((byte) 0);
            held.release();
        } finally {
            held = null;
            holder = null;
            shared.turn.release();
        }
    }

    /** Nothing to repair (the marker is all the state, and the next unlock clears it); but not after close. */
    void markConsistent() throws IpcClosedException {
        checkOpen();
    }

    private int readMarker() {
        return shared.marker.get(0);
    }

    private void writeMarker(byte value) {
        shared.marker.put(0, value);
    }

    private void checkOpen() throws IpcClosedException {
        if (closed) {
            throw new IpcClosedException(description, false);
        }
    }

    /**
     * Closes this handle: waiting lockers get IpcClosedException. A lock still held through it is let go
     * with its marker set, so the next holder is told of an owner death: unlock before closing.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        FileLock lock = held;
        if (lock != null && holder != null) {
            held = null;
            holder = null;
            lock.release();
            shared.turn.release();
        }
        synchronized (OPEN) {
            if (--shared.users == 0) {
                OPEN.remove(file);
                shared.channel.close();
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
