package io.github.ipc4j.sysv;

import java.time.Instant;
import java.util.Optional;

/**
 * A System V message queue's state at one moment (msgctl IPC_STAT, or in a listing a line of /proc/sysvipc/msg on
 * Linux, a record of the kern.sysv.ipcs.msg sysctl on macOS).
 *
 * @param id the queue's identifier (msqid)
 * @param key the key the queue was created with ({@link IpcKey#PRIVATE} for a private queue, and where the
 *        OS does not say)
 * @param ownerUid the owner's user id
 * @param ownerGid the owner's group id
 * @param creatorUid the creator's user id
 * @param creatorGid the creator's group id
 * @param mode the permission bits, 0 to 0777
 * @param bytes bytes of payload in the queue now (ipcs: used-bytes)
 * @param messages messages in the queue now
 * @param maxBytes the queue's byte limit (msg_qbytes); -1 in a listing from Linux's /proc, which does not carry it
 *        (macOS's carries it)
 * @param lastSenderPid the process that sent last, 0 if none yet
 * @param lastReceiverPid the process that received last, 0 if none yet
 * @param lastSendTime when the last message was sent; empty if never
 * @param lastReceiveTime when the last message was received; empty if never
 * @param changeTime when the queue was created or last changed by IPC_SET
 */
public record SysvMsgQueueStatus(int id, IpcKey key, long ownerUid, long ownerGid, long creatorUid, long creatorGid,
                                 int mode, long bytes, long messages, long maxBytes, long lastSenderPid,
                                 long lastReceiverPid, Optional<Instant> lastSendTime,
                                 Optional<Instant> lastReceiveTime, Instant changeTime) implements SysvStatus {
    /** values as NativeSysvMsg.stat fills them. */
    static SysvMsgQueueStatus of(int id, long[] values) {
        return new SysvMsgQueueStatus(id, IpcKey.of((int) values[0]), values[1], values[2], values[3], values[4],
                (int) values[5], values[6], values[7], values[8], values[9], values[10], SysvOpening.time(values[11]),
                SysvOpening.time(values[12]), Instant.ofEpochSecond(values[13]));
    }

    @Override
    public String toString() {
        return "SysvMsgQueueStatus[key " + key + ", id " + id + ", owner " + ownerUid + ", mode 0"
                + Integer.toOctalString(mode) + ", " + messages + " messages, " + bytes + " bytes"
                + (maxBytes >= 0 ? " of " + maxBytes : "") + "]";
    }
}
