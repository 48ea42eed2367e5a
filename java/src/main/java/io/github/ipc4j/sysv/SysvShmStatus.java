package io.github.ipc4j.sysv;

import java.time.Instant;
import java.util.Optional;

/** What IPC_STAT tells of a shared memory segment at one moment (as {@code ipcs -m} shows it). Immutable. */
public final class SysvShmStatus {
    private final int id;
    private final long[] s;

    /** s: key, uid, gid, cuid, cgid, mode, size, attaches, cpid, lpid, atime, dtime, ctime, removed. */
    SysvShmStatus(int id, long[] s) {
        this.id = id;
        this.s = s.clone();
    }

    /** {@return the identifier (as ipcs shows it)} */
    public int id() {
        return id;
    }

    /** {@return the key the object was created with (PRIVATE for a private one)} */
    public IpcKey key() {
        return IpcKey.of((int) s[0]);
    }

    /** {@return the owner's user id} */
    public long ownerUid() {
        return s[1];
    }

    /** {@return the owner's group id} */
    public long ownerGid() {
        return s[2];
    }

    /** {@return the creator's user id} */
    public long creatorUid() {
        return s[3];
    }

    /** {@return the creator's group id} */
    public long creatorGid() {
        return s[4];
    }

    /** {@return permission bits, 0 to 0777} */
    public int mode() {
        return (int) s[5];
    }

    /** {@return size in bytes (shm_segsz)} */
    public long size() {
        return s[6];
    }

    /** {@return how many attachments the segment has, over all processes (shm_nattch)} */
    public long attachments() {
        return s[7];
    }

    /** {@return the pid that created the segment} */
    public long creatorPid() {
        return s[8];
    }

    /** {@return the pid of the last attach or detach} */
    public long lastPid() {
        return s[9];
    }

    /** {@return when a process last attached the segment; empty if never} */
    public Optional<Instant> lastAttachTime() {
        return time(s[10]);
    }

    /** {@return when a process last detached the segment; empty if never} */
    public Optional<Instant> lastDetachTime() {
        return time(s[11]);
    }

    /** {@return when the segment was created or last changed by IPC_SET} */
    public Instant changeTime() {
        return Instant.ofEpochSecond(s[12]);
    }

    /** {@return whether it was removed while attached: it goes when the last attachment does (Linux's "dest")} */
    public boolean removedPendingDetach() {
        return s[13] != 0;
    }

    private static Optional<Instant> time(long seconds) {
        return seconds == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds));
    }

    @Override
    public String toString() {
        return "SysvShmStatus[id " + id + ", key " + key() + ", " + size() + " bytes, " + attachments()
                + " attached, mode 0" + Integer.toOctalString(mode()) + ", owner " + ownerUid()
                + (removedPendingDetach() ? ", removed when detached" : "") + "]";
    }
}
