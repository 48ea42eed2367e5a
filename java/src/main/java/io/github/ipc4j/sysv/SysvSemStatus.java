package io.github.ipc4j.sysv;

import java.time.Instant;
import java.util.Optional;

/**
 * What IPC_STAT (or a line of /proc/sysvipc/sem in a listing) tells of a semaphore set at one moment.
 *
 * @param id the set's identifier (semid)
 * @param key the key the set was created with ({@link IpcKey#PRIVATE} for a private set)
 * @param ownerUid the owner's user id
 * @param ownerGid the owner's group id
 * @param creatorUid the creator's user id
 * @param creatorGid the creator's group id
 * @param mode the permission bits, 0 to 0777
 * @param semaphores how many semaphores the set has (sem_nsems)
 * @param lastOperationTime when the last semop completed (sem_otime), or empty if none has: then the set
 *        may not be initialised
 * @param changeTime when the set was created or last changed by IPC_SET, SETVAL or SETALL (sem_ctime)
 */
public record SysvSemStatus(int id, IpcKey key, long ownerUid, long ownerGid, long creatorUid, long creatorGid,
                            int mode, int semaphores, Optional<Instant> lastOperationTime, Instant changeTime)
        implements SysvStatus {
    /** s as NativeSysvSem.status fills it: key, uid, gid, cuid, cgid, mode, nsems, otime, ctime. */
    static SysvSemStatus of(int id, long[] s) {
        return new SysvSemStatus(id, IpcKey.of((int) s[0]), s[1], s[2], s[3], s[4], (int) s[5], (int) s[6],
                SysvOpening.time(s[7]), Instant.ofEpochSecond(s[8]));
    }

    @Override
    public String toString() {
        return "SysvSemStatus[id " + id + ", key " + key + ", " + semaphores + " semaphores, mode 0"
                + Integer.toOctalString(mode) + ", owner " + ownerUid + ":" + ownerGid + ", creator " + creatorUid + ":"
                + creatorGid + ", last operation " + lastOperationTime.map(Instant::toString).orElse("never")
                + ", changed " + changeTime + "]";
    }
}
