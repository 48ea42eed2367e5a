package io.github.ipc4j.sysv;

import java.time.Instant;

/**
 * What the status of every System V object tells (its {@code ipc_perm} and change time), whichever kind:
 * {@link SysvMsgQueueStatus}, {@link SysvSemStatus} or {@link SysvShmStatus}, records read from IPC_STAT or
 * from a listing ({@link SysvIpc}).
 */
public sealed interface SysvStatus permits SysvMsgQueueStatus, SysvSemStatus, SysvShmStatus {
    /**
     * The object's identifier.
     *
     * @return the msqid, semid or shmid
     */
    int id();

    /**
     * The key the object was created with.
     *
     * @return the key; {@link IpcKey#PRIVATE} for a private object
     */
    IpcKey key();

    /**
     * The owner's user id.
     *
     * @return the uid
     */
    long ownerUid();

    /**
     * The owner's group id.
     *
     * @return the gid
     */
    long ownerGid();

    /**
     * The creator's user id.
     *
     * @return the uid
     */
    long creatorUid();

    /**
     * The creator's group id.
     *
     * @return the gid
     */
    long creatorGid();

    /**
     * The permission bits.
     *
     * @return 0 to 0777
     */
    int mode();

    /**
     * When the object was created or last changed by IPC_SET (and, for a semaphore set, SETVAL or SETALL).
     *
     * @return the time, to the second
     */
    Instant changeTime();
}
