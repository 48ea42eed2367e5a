package io.github.ipc4j.sysv;

import java.time.Instant;
import java.util.Optional;

/**
 * What IPC_STAT (or a line of /proc/sysvipc/shm in a listing) tells of a shared memory segment at one
 * moment, as {@code ipcs -m} shows it.
 *
 * @param id the segment's identifier (shmid)
 * @param key the key the segment was created with ({@link IpcKey#PRIVATE} for a private segment)
 * @param ownerUid the owner's user id
 * @param ownerGid the owner's group id
 * @param creatorUid the creator's user id
 * @param creatorGid the creator's group id
 * @param mode the permission bits, 0 to 0777
 * @param size the size in bytes (shm_segsz)
 * @param attachments how many attachments the segment has, over all processes (shm_nattch)
 * @param creatorPid the process that created the segment
 * @param lastPid the process of the last attach or detach
 * @param lastAttachTime when the segment was last attached; empty if never
 * @param lastDetachTime when the segment was last detached; empty if never
 * @param changeTime when the segment was created or last changed by IPC_SET
 * @param removedPendingDetach whether it was removed while attached: it goes when the last attachment does
 *        (Linux's "dest")
 */
public record SysvShmStatus(int id, IpcKey key, long ownerUid, long ownerGid, long creatorUid, long creatorGid,
                            int mode, long size, long attachments, long creatorPid, long lastPid,
                            Optional<Instant> lastAttachTime, Optional<Instant> lastDetachTime, Instant changeTime,
                            boolean removedPendingDetach) implements SysvStatus {
    /** s: key, uid, gid, cuid, cgid, mode, size, attaches, cpid, lpid, atime, dtime, ctime, removed. */
    static SysvShmStatus of(int id, long[] s) {
        return new SysvShmStatus(id, IpcKey.of((int) s[0]), s[1], s[2], s[3], s[4], (int) s[5], s[6], s[7], s[8],
                s[9], SysvOpening.time(s[10]), SysvOpening.time(s[11]), Instant.ofEpochSecond(s[12]), s[13] != 0);
    }

    @Override
    public String toString() {
        return "SysvShmStatus[id " + id + ", key " + key + ", " + size + " bytes, " + attachments + " attached, mode 0"
                + Integer.toOctalString(mode) + ", owner " + ownerUid
                + (removedPendingDetach ? ", removed when detached" : "") + "]";
    }
}
