package io.github.ipc4j.sysv;

import io.github.ipc4j.Feature;
import io.github.ipc4j.Platform;
import io.github.ipc4j.internal.Errno;
import io.github.ipc4j.internal.Errors;
import io.github.ipc4j.internal.NativeSysv;
import io.github.ipc4j.internal.PathNames;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The key that names a System V IPC object (message queue, semaphore set, shared memory segment): an
 * immutable 32-bit value. Processes that agree on a key reach the same object.
 *
 * <ul>
 * <li>{@link #of(int)}: an explicit value (what {@code ipcmk} and {@code ipcs} show in hex);</li>
 * <li>{@link #ftok(Path, int)}: made by the OS from an existing file and a project id, so that programs
 * sharing a file can agree on a key without agreeing on a number;</li>
 * <li>{@link #PRIVATE}: {@code IPC_PRIVATE}, which always creates a new object that only its identifier
 * reaches (pass the identifier to the other process, e.g. to a child).</li>
 * </ul>
 */
public final class IpcKey {
    /** IPC_PRIVATE (0): every open with it creates a new object. */
    public static final IpcKey PRIVATE = new IpcKey(0);

    private final int value;

    private IpcKey(int value) {
        this.value = value;
    }

    /**
     * The key with this value; 0 is {@link #PRIVATE}. Any 32-bit value is a key.
     *
     * @param value the key's value
     * @return the key
     */
    public static IpcKey of(int value) {
        return value == 0 ? PRIVATE : new IpcKey(value);
    }

    /**
     * The key the OS's {@code ftok(path, projectId)} makes: the same file and project id give the same key
     * in every process, as long as the file is not deleted and re-created.
     *
     * <p>Every {@code int} is accepted, as C's ftok accepts it, and gives the key C's ftok gives: ftok keeps
     * only the low 8 bits of the project id, so {@code 0x101}, {@code 1} and {@code -255} make the same key.
     * POSIX leaves a project id whose low 8 bits are 0 unspecified (Linux and macOS then put 0 in the key's
     * top byte); it is accepted for programs that must meet a C program using one, but a new program should
     * use 1 to 255.
     *
     * <p>Collisions: ftok keeps only the low 8 bits of the project id, the low 8 bits of the file's device
     * number and the low 16 bits of its inode number. Two different files (on different devices, or whose
     * inode numbers differ only above bit 15) can give the same key, and then unrelated programs meet on one
     * object. Where that matters, prefer {@link #of(int)} with a value the programs agree on, or
     * {@link #PRIVATE} with the identifier passed along, and open with
     * {@link io.github.ipc4j.OpenOptions#requireOwner()} / {@code maxMode} to refuse a stranger's object.
     *
     * @param path an existing file or directory (it is only looked at)
     * @param projectId the project id; ftok uses its low 8 bits only (1 to 255 is portable)
     * @return the key ftok made
     * @throws java.nio.file.NoSuchFileException path does not exist (the exception names it)
     * @throws java.nio.file.AccessDeniedException path cannot be looked at
     * @throws IllegalArgumentException path is longer than the OS allows, or holds a NUL character
     * @throws IOException any other failure of ftok (its stat of the file)
     */
    public static IpcKey ftok(Path path, int projectId) throws IOException {
        byte[] nativePath = PathNames.nativePath(path, "ftok path");
        Platform.require(Feature.SYSV_MESSAGE_QUEUE);
        long r = NativeSysv.ftok(nativePath, projectId);
        if (r < 0) {
            int errno = (int) -r;
            if (errno == Errno.ENAMETOOLONG) {
                throw new IllegalArgumentException("ftok path is longer than the OS allows (PATH_MAX): " + path);
            }
            throw Errors.of(errno, "ftok", path.toString());
        }
        return of((int) r);
    }

    /** {@return the key's value, as msgget/semget/shmget take it} */
    public int value() {
        return value;
    }

    /** {@return whether this is {@link #PRIVATE}} */
    public boolean isPrivate() {
        return value == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpcKey && ((IpcKey) o).value == value;
    }

    @Override
    public int hashCode() {
        return value;
    }

    /** As ipcs prints keys: "0x" and eight hex digits, e.g. 0x0001e240; PRIVATE is 0x00000000. */
    @Override
    public String toString() {
        return String.format("0x%08x", value);
    }
}
