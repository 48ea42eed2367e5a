package io.github.ipc4j.sysv;


import java.time.Instant;
import java.util.Optional;

/** What IPC_STAT tells of a semaphore set at one moment. Immutable. */
public final class SysvSemStatus {
    private final int id;
    private final IpcKey key;
    private final int semaphores;
    private final long lastOperationSeconds;
    private final long changeSeconds;
    private final long ownerUid;
    private final long ownerGid;
    private final long creatorUid;
    private final long creatorGid;
    private final int mode;

    SysvSemStatus(int id, IpcKey key, int semaphores, long lastOperationSeconds, long changeSeconds, long ownerUid,
                  long ownerGid, long creatorUid, long creatorGid, int mode) {
        this.id = id;
        this.key = key;
        this.semaphores = semaphores;
        this.lastOperationSeconds = lastOperationSeconds;
        this.changeSeconds = changeSeconds;
        this.ownerUid = ownerUid;
        this.ownerGid = ownerGid;
        this.creatorUid = creatorUid;
        this.creatorGid = creatorGid;
        this.mode = mode;
    }

    /** {@return the identifier (as ipcs shows it)} */
    public int id() {
        return id;
    }

    /** {@return the key the object was created with (PRIVATE for a private one)} */
    public IpcKey key() {
        return key;
    }

    /** {@return how many semaphores the set has (sem_nsems)} */
    public int semaphores() {
        return semaphores;
    }

    /** {@return when the last semop completed (sem_otime), or empty if none has: then the set may not be initialised} */
    public Optional<Instant> lastOperationTime() {
        return lastOperationSeconds == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(lastOperationSeconds));
    }

    /** {@return when the set was created or last changed by IPC_SET, SETVAL or SETALL (sem_ctime)} */
    public Instant changeTime() {
        return Instant.ofEpochSecond(changeSeconds);
    }

    /** {@return the owner's user id} */
    public long ownerUid() {
        return ownerUid;
    }

    /** {@return the owner's group id} */
    public long ownerGid() {
        return ownerGid;
    }

    /** {@return the creator's user id} */
    public long creatorUid() {
        return creatorUid;
    }

    /** {@return the creator's group id} */
    public long creatorGid() {
        return creatorGid;
    }

    /** {@return permission bits, 0 to 0777} */
    public int mode() {
        return mode;
    }

    @Override
    public String toString() {
        return "SysvSemStatus[id " + id + ", key " + key + ", " + semaphores + " semaphores, mode 0"
                + Integer.toOctalString(mode) + ", owner " + ownerUid + ":" + ownerGid + ", creator " + creatorUid + ":"
                + creatorGid + ", last operation " + lastOperationTime().map(Instant::toString).orElse("never")
                + ", changed " + changeTime() + "]";
    }
}
