package io.github.ipc4j;

import java.io.IOException;

/**
 * An operating-system call failed. Carries the call, the errno (value and name), the object it was
 * made on and, where a kernel limit caused the failure, which limit and how to raise it.
 */
public class IpcException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The OS call that failed. */
    private final String call;
    /** The errno value on this platform. */
    private final int errno;
    /** The errno's symbolic name. */
    private final String errnoName;
    /** The object the call was made on, or null. */
    private final String objectName;
    /** The kernel limit that caused the failure, or null. */
    private final String limit;

    /**
     * An OS call that failed; the message reads "call failed on object: ERRNO (detail); limit reached: limit;
     * to raise it: howToRaise", leaving out what is null.
     *
     * @param call the OS call, e.g. "mq_open"
     * @param errno the errno value on this platform
     * @param errnoName the errno's symbolic name, e.g. "EMFILE"
     * @param objectName the object the call was made on, or null
     * @param detail what the errno means here, or null
     * @param limit the kernel limit that caused the failure, or null
     * @param howToRaise how to raise that limit, or null
     */
    public IpcException(String call, int errno, String errnoName, String objectName, String detail, String limit,
                        String howToRaise) {
        super(format(call, errnoName, objectName, detail, limit, howToRaise));
        this.call = call;
        this.errno = errno;
        this.errnoName = errnoName;
        this.objectName = objectName;
        this.limit = limit;
    }

    private static String format(String call, String errnoName, String objectName, String detail, String limit,
                                 String howToRaise) {
        StringBuilder sb = new StringBuilder(call).append(" failed");
        if (objectName != null) {
            sb.append(" on ").append(objectName);
        }
        sb.append(": ").append(errnoName);
        if (detail != null) {
            sb.append(" (").append(detail).append(')');
        }
        if (limit != null) {
            sb.append("; limit reached: ").append(limit);
            if (howToRaise != null) {
                sb.append("; to raise it: ").append(howToRaise);
            }
        }
        return sb.toString();
    }

    /**
     * The OS call that failed, e.g. "mq_open".
     *
     * @return the call
     */
    public String call() {
        return call;
    }

    /**
     * The errno value on this platform.
     *
     * @return the errno
     */
    public int errno() {
        return errno;
    }

    /**
     * The errno's symbolic name, e.g. "EMFILE".
     *
     * @return the name
     */
    public String errnoName() {
        return errnoName;
    }

    /**
     * The name of the object the call was made on, or null.
     *
     * @return the object's name, or null
     */
    public String objectName() {
        return objectName;
    }

    /**
     * The kernel limit that caused the failure (e.g. "/proc/sys/fs/mqueue/queues_max"), or null.
     *
     * @return the limit, or null
     */
    public String limit() {
        return limit;
    }
}
