package io.github.ipc4j.sysv;

import io.github.ipc4j.Access;

import java.io.IOException;

/**
 * What a System V message queue, semaphore set and shared memory segment have in common: an identifier and
 * the key it was made with, a status read from the kernel (IPC_STAT), an owner and permission bits that
 * IPC_SET changes, and removal (IPC_RMID), which is separate from closing.
 *
 * <p>Each is reached the same ways: {@code open(key)} (the existing object, read-write),
 * {@code open(key, options)}, {@code createPrivate(...)} and {@code ofId(id)} / {@code ofId(id, access)}.
 * After {@link #close()}, {@link #status()}, {@link #setOwner} and {@link #setMode} throw
 * {@link io.github.ipc4j.IpcClosedException} without reaching the kernel; {@link #remove()} still works, as
 * unlinking a closed POSIX object's name does: it acts on the identifier, not on what this object holds.
 *
 * @param <S> the kind's status record
 */
public sealed interface SysvObject<S extends SysvStatus> extends AutoCloseable
        permits SysvMessageQueue, SysvSemaphoreSet, SysvSharedMemory {
    /**
     * The object's identifier: what {@code ofId} takes in another process, and what ipcs shows.
     *
     * @return the msqid, semid or shmid
     */
    int id();

    /**
     * The key the object was opened with.
     *
     * @return the key; {@link IpcKey#PRIVATE} for a private object
     */
    IpcKey key();

    /**
     * Whether this open created the object.
     *
     * @return true if this open created it
     */
    boolean created();

    /**
     * What this object was opened for.
     *
     * @return the access asked for at open
     */
    Access access();

    /**
     * The object's status now (IPC_STAT; needs read permission).
     *
     * @return the status record
     * @throws io.github.ipc4j.IpcClosedException this object was closed
     * @throws io.github.ipc4j.IpcRemovedException the object was removed
     * @throws IOException any other failure
     */
    S status() throws IOException;

    /**
     * Gives the object to another owner (IPC_SET); the creator stays. Allowed to the owner, the creator and
     * privileged processes.
     *
     * @param uid the new owner's user id, 0 to 4294967294
     * @param gid the new owner's group id, 0 to 4294967294
     * @throws IllegalArgumentException uid or gid out of range (checked before any call)
     * @throws java.nio.file.AccessDeniedException this process may not change it
     * @throws io.github.ipc4j.IpcClosedException this object was closed
     * @throws IOException any other failure
     */
    void setOwner(long uid, long gid) throws IOException;

    /**
     * Sets the permission bits exactly (IPC_SET). Allowed to the owner, the creator and privileged processes.
     *
     * @param mode 0 to 0777
     * @throws IllegalArgumentException mode out of range (checked before any call)
     * @throws java.nio.file.AccessDeniedException this process may not change it
     * @throws io.github.ipc4j.IpcClosedException this object was closed
     * @throws IOException any other failure
     */
    void setMode(int mode) throws IOException;

    /**
     * Removes the object (IPC_RMID) for every process: a queue or a set at once, a segment once the last
     * process has detached it. Allowed to the owner, the creator and privileged processes. Works after
     * {@link #close()} too.
     *
     * @throws java.nio.file.AccessDeniedException this process may not remove it
     * @throws io.github.ipc4j.IpcRemovedException it was removed already (through this object, or as the
     *         kernel says)
     * @throws IOException any other failure
     */
    void remove() throws IOException;

    /**
     * Whether this object knows the object was removed (by its {@link #remove()}, or as a call found).
     *
     * @return true once known removed
     */
    boolean isRemoved();

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once closed
     */
    boolean isClosed();

    /** Lets go of this object; the kernel object stays ({@link #remove()} removes it). Idempotent. */
    @Override
    void close();
}
