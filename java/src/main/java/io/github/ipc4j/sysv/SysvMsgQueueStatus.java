package io.github.ipc4j.sysv;

import java.time.Instant;
import java.util.Optional;

/**
 * A System V message queue's state at one moment (msgctl IPC_STAT, or a line of /proc/sysvipc/msg in a
 * listing): immutable.
 */
public final class SysvMsgQueueStatus {
    private final IpcKey key;
    private final int id;
    private final long uid;
    private final long gid;
    private final long creatorUid;
    private final long creatorGid;
    private final int mode;
    private final long bytes;
    private final long messages;
    private final long maxBytes;
    private final long lastSenderPid;
    private final long lastReceiverPid;
    private final long sendTime;
    private final long receiveTime;
    private final long changeTime;

    /** values as NativeSysvMsg.stat fills them. */
    SysvMsgQueueStatus(int id, long[] values) {
        this.id = id;
        this.key = IpcKey.of((int) values[0]);
        this.uid = values[1];
        this.gid = values[2];
        this.creatorUid = values[3];
        this.creatorGid = values[4];
        this.mode = (int) values[5];
        this.bytes = values[6];
        this.messages = values[7];
        this.maxBytes = values[8];
        this.lastSenderPid = values[9];
        this.lastReceiverPid = values[10];
        this.sendTime = values[11];
        this.receiveTime = values[12];
        this.changeTime = values[13];
    }

    /** {@return the key the queue was created with (PRIVATE for a private queue; PRIVATE too where the OS does not say)} */
    public IpcKey key() {
        return key;
    }

    /** {@return the queue's identifier (msqid)} */
    public int id() {
        return id;
    }

    /** {@return the owner's user id} */
    public long ownerUid() {
        return uid;
    }

    /** {@return the owner's group id} */
    public long ownerGid() {
        return gid;
    }

    /** {@return the creator's user id} */
    public long creatorUid() {
        return creatorUid;
    }

    /** {@return the creator's group id} */
    public long creatorGid() {
        return creatorGid;
    }

    /** {@return the permission bits (0 to 0777)} */
    public int mode() {
        return mode;
    }

    /** {@return bytes of payload in the queue now (ipcs: used-bytes)} */
    public long bytes() {
        return bytes;
    }

    /** {@return messages in the queue now} */
    public long messages() {
        return messages;
    }

    /** {@return the queue's byte limit (msg_qbytes); -1 in a listing, which does not carry it} */
    public long maxBytes() {
        return maxBytes;
    }

    /** {@return the process that sent last, 0 if none yet} */
    public long lastSenderPid() {
        return lastSenderPid;
    }

    /** {@return the process that received last, 0 if none yet} */
    public long lastReceiverPid() {
        return lastReceiverPid;
    }

    /** {@return when the last message was sent; empty if never} */
    public Optional<Instant> lastSendTime() {
        return time(sendTime);
    }

    /** {@return when the last message was received; empty if never} */
    public Optional<Instant> lastReceiveTime() {
        return time(receiveTime);
    }

    /** {@return when the queue was created or last changed by IPC_SET} */
    public Instant changeTime() {
        return Instant.ofEpochSecond(changeTime);
    }

    private static Optional<Instant> time(long seconds) {
        return seconds == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds));
    }

    @Override
    public String toString() {
        return "SysvMsgQueueStatus[key " + key + ", id " + id + ", owner " + uid + ", mode 0" + Integer.toOctalString(mode)
                + ", " + messages + " messages, " + bytes + " bytes" + (maxBytes >= 0 ? " of " + maxBytes : "") + "]";
    }
}
