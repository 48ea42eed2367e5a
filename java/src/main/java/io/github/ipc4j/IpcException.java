package io.github.ipc4j;

import java.io.IOException;

/**
 * An operating-system call failed. Carries the call, the errno (value and name), the object it was
 * made on and, where a kernel limit caused the failure, which limit and how to raise it.
 */
public class IpcException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;
    private final String errnoName;
    private final String objectName;
    private final String limit;

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

    /** The OS call that failed, e.g. "mq_open". */
    public String call() {
        return call;
    }

    /** The errno value on this platform. */
    public int errno() {
        return errno;
    }

    /** The errno's symbolic name, e.g. "EMFILE". */
    public String errnoName() {
        return errnoName;
    }

    /** The name of the object the call was made on, or null. */
    public String objectName() {
        return objectName;
    }

    /** The kernel limit that caused the failure (e.g. "/proc/sys/fs/mqueue/queues_max"), or null. */
    public String limit() {
        return limit;
    }
}
