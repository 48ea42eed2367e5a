package io.github.ipc4j.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One IPC object as the tool lists it: its type, how to name it on the command line, owner, mode, size, count and
 * the processes that made or last used it. Fields a type has not are -1 (numbers) or null.
 */
final class Listed {
    static final String POSIX_MQ = "posix-mq";
    static final String POSIX_SEM = "posix-sem";
    static final String POSIX_SHM = "posix-shm";
    static final String SYSV_MSG = "sysv-msg";
    static final String SYSV_SEM = "sysv-sem";
    static final String SYSV_SHM = "sysv-shm";
    static final String FIFO = "fifo";
    /** A Windows named pipe (\\.\pipe\NAME). */
    static final String PIPE = "pipe";
    static final String[] TYPES = {POSIX_MQ, POSIX_SEM, POSIX_SHM, SYSV_MSG, SYSV_SEM, SYSV_SHM, FIFO, PIPE};
    /** The detail that says why an object's owner is unknown (uid -1), where the tool can say it. */
    static final String OWNER_UNKNOWN = "ownerUnknown";

    final String type;
    /** POSIX: "/name"; FIFO: its path; System V: the key as ipcs prints it (0x0000abcd); pipe: \\.\pipe\NAME. */
    final String name;
    final int key;
    final int id;
    /** Owner, group and permission bits; -1 where the object has none the tool can read (Windows pipes). */
    final long uid;
    final long gid;
    final int mode;
    /** Bytes: a queue's queued bytes, a segment's or object's size; -1 for semaphores. */
    long size = -1;
    /** Messages queued, semaphores in a set, a semaphore's value, attachments of a segment. */
    long count = -1;
    long creatorPid;
    Boolean creatorAlive;
    long lastPid;
    Boolean lastAlive;
    /** The latest change the kernel records (send, receive, attach, operation), for watch's ordering. */
    Instant lastActivity;
    /** Details that stat shows (and --json). */
    final Map<String, Object> details = new LinkedHashMap<>();

    Listed(String type, String name, int key, int id, long uid, long gid, int mode) {
        this.type = type;
        this.name = name;
        this.key = key;
        this.id = id;
        this.uid = uid;
        this.gid = gid;
        this.mode = mode;
    }

    boolean isSysv() {
        return type.startsWith("sysv-");
    }

    /** What stat and rm take to find this object again: mq:/orders, msg:0x00004950, shm:32769 (id), fifo:/tmp/f. */
    String ref() {
        switch (type) {
            case POSIX_MQ: return "mq:" + name;
            case POSIX_SEM: return "sem:" + name;
            case POSIX_SHM: return "shm:" + name;
            case FIFO: return "fifo:" + name;
            case PIPE: return "pipe:" + name;
            default:
                String prefix = type.equals(SYSV_MSG) ? "msg:" : type.equals(SYSV_SEM) ? "sem:" : "shm:";
                return prefix + (key == 0 ? Integer.toString(id) : name);
        }
    }

    /** What COUNT means for this type. */
    String countMeaning() {
        switch (type) {
            case POSIX_MQ: case SYSV_MSG: return "messages";
            case POSIX_SEM: return "value";
            case SYSV_SEM: return "semaphores";
            case SYSV_SHM: return "attachments";
            case PIPE: return "instances";
            default: return null;
        }
    }

    /** The permission bits as ls shows them (0600), or null when there are none. */
    String mode() {
        return mode < 0 ? null : String.format("0%03o", mode);
    }

    /** The owner's name, or null when there is none. */
    String owner() {
        return uid < 0 ? null : Users.name(uid);
    }

    static String pid(long pid, Boolean alive) {
        if (pid <= 0) {
            return "-";
        }
        return pid + (alive == null ? "" : alive ? "" : "(dead)");
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("object", ref());
        m.put("type", type);
        m.put("name", name);
        if (isSysv()) {
            m.put("key", key);
            m.put("id", id);
        }
        m.put("owner", owner());
        m.put("uid", uid < 0 ? null : uid);
        m.put("gid", gid < 0 ? null : gid);
        m.put("mode", mode());
        m.put("size", size < 0 ? null : size);
        m.put("count", count < 0 ? null : count);
        m.put("countMeaning", countMeaning());
        m.put("creatorPid", creatorPid > 0 ? creatorPid : null);
        m.put("creatorAlive", creatorPid > 0 ? creatorAlive : null);
        m.put("lastPid", lastPid > 0 ? lastPid : null);
        m.put("lastAlive", lastPid > 0 ? lastAlive : null);
        m.put("lastActivity", lastActivity == null ? null : lastActivity.toString());
        m.putAll(details);
        return m;
    }
}
