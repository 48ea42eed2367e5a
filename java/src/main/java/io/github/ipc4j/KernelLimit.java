package io.github.ipc4j;

import io.github.ipc4j.internal.KernelLimits;
import io.github.ipc4j.internal.Unsupported;

import java.util.OptionalLong;

/**
 * The Linux kernel's limits on IPC objects, which {@code sysctl} shows and sets: what each one limits, its value
 * now and the command that raises it. Most limits an {@link IpcException} names when one caused a failure
 * ({@link IpcException#limit()}) are among these. Each IPC namespace (a container) has its own values.
 *
 * <p>Linux only: on another OS {@link #value()} throws UnsupportedOperationException naming the OS and the
 * {@code /proc/sys} file it lacks (macOS builds its System V limits into the kernel as {@code kern.sysv.*}).
 *
 * <p>Thread-safe: an enum; {@link #value()} reads the kernel's value at each call.
 */
public enum KernelLimit {
    /** The most messages a POSIX message queue holds, for a process without CAP_SYS_RESOURCE. */
    MQ_MSG_MAX("fs.mqueue.msg_max", "messages a POSIX message queue holds at most (unprivileged)"),
    /** The largest message of a POSIX message queue in bytes, for a process without CAP_SYS_RESOURCE. */
    MQ_MSGSIZE_MAX("fs.mqueue.msgsize_max", "bytes a POSIX message can have at most (unprivileged)"),
    /** The most POSIX message queues the IPC namespace has at once. */
    MQ_QUEUES_MAX("fs.mqueue.queues_max", "POSIX message queues the IPC namespace can have"),
    /** The largest System V message, in bytes. */
    MSGMAX("kernel.msgmax", "bytes a System V message can have at most"),
    /** The bytes a new System V message queue holds, and the most an unprivileged process may set. */
    MSGMNB("kernel.msgmnb", "bytes a new System V message queue holds at most"),
    /** The most System V message queues the IPC namespace has at once. */
    MSGMNI("kernel.msgmni", "System V message queues the IPC namespace can have"),
    /** The most semaphores in one System V set (the first field of kernel.sem). */
    SEMMSL(0, "semaphores in one System V set"),
    /** The most semaphores in all System V sets together (the second field of kernel.sem). */
    SEMMNS(1, "semaphores in all System V sets together"),
    /** The most operations one {@code semop} call makes (the third field of kernel.sem). */
    SEMOPM(2, "operations one semop call makes at most"),
    /** The most System V semaphore sets the IPC namespace has at once (the fourth field of kernel.sem). */
    SEMMNI(3, "System V semaphore sets the IPC namespace can have"),
    /** The largest System V shared memory segment, in bytes. */
    SHMMAX("kernel.shmmax", "bytes a System V shared memory segment can have at most"),
    /** The System V shared memory of all segments together, in pages. */
    SHMALL("kernel.shmall", "pages of all System V shared memory segments together"),
    /** The most System V shared memory segments the IPC namespace has at once. */
    SHMMNI("kernel.shmmni", "System V shared memory segments the IPC namespace can have");

    private static final String SEM = "kernel.sem";
    private static final int SEM_FIELDS = 4;

    private final String sysctl;
    /** Which number of kernel.sem this is, or -1: the file holds one number. */
    private final int field;
    private final String description;

    KernelLimit(String sysctl, String description) {
        this(sysctl, -1, description);
    }

    KernelLimit(int semField, String description) {
        this(SEM, semField, description);
    }

    KernelLimit(String sysctl, int field, String description) {
        this.sysctl = sysctl;
        this.field = field;
        this.description = description;
    }

    /**
     * The sysctl that holds the limit: "fs.mqueue.msg_max", "kernel.shmmax"; "kernel.sem" for
     * {@link #SEMMSL}, {@link #SEMMNS}, {@link #SEMOPM} and {@link #SEMMNI}, its four fields in that order.
     *
     * @return the sysctl's name
     */
    public String sysctl() {
        return sysctl;
    }

    /**
     * What the limit limits, in a few words: "System V message queues the IPC namespace can have".
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * The limit now, read from {@code /proc/sys}. A value above Long.MAX_VALUE (Linux's defaults of
     * kernel.shmmax and kernel.shmall are close to 2^64, meaning "no limit") is given as Long.MAX_VALUE.
     *
     * @return the value, or empty when the file cannot be read (no /proc mounted, a kernel built without that
     *         kind of IPC)
     * @throws UnsupportedOperationException not on Linux
     */
    public OptionalLong value() {
        String file = KernelLimits.file(sysctl);
        Unsupported.requireLinux(file, "the kernel limit " + name());
        long[] numbers = KernelLimits.numbers(file);
        if (numbers == null || numbers.length != (field < 0 ? 1 : SEM_FIELDS)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(numbers[Math.max(field, 0)]);
    }

    /**
     * The command that raises the limit, as root: "sysctl -w kernel.msgmni=&lt;higher&gt; (root), or write the
     * value to /proc/sys/kernel/msgmni". For a field of kernel.sem, the command sets all four fields, the
     * other three as they are now (their names where they cannot be read).
     *
     * @return the command, with {@code <higher>} (or the field's name) where the new value goes
     */
    public String howToRaise() {
        if (field < 0) {
            return KernelLimits.howToRaise(KernelLimits.file(sysctl));
        }
        long[] now = KernelLimits.numbers(KernelLimits.file(SEM));
        StringBuilder fields = new StringBuilder();
        for (KernelLimit limit : new KernelLimit[] {SEMMSL, SEMMNS, SEMOPM, SEMMNI}) {
            if (fields.length() > 0) {
                fields.append(' ');
            }
            boolean known = limit != this && now != null && now.length == SEM_FIELDS;
            fields.append(known ? String.valueOf(now[limit.field]) : "<" + limit.name() + ">");
        }
        return "sysctl -w " + SEM + "='" + fields + "' with a higher " + name() + " (root; the four fields are "
                + "SEMMSL SEMMNS SEMOPM SEMMNI)";
    }
}
