package io.github.ipc4j;

/**
 * The object was removed from the system (System V {@code IPC_RMID}, by this or another process): a
 * thread blocked on it when it was removed, and every later call on it, get this. Unlike
 * {@link IpcClosedException} (this process let go of its handle) the object itself is gone for everyone.
 */
public class IpcRemovedException extends IpcException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception for an object found removed.
     *
     * @param call the OS call that found the object gone, e.g. "msgrcv"
     * @param errno the errno it failed with (EIDRM while blocked, EINVAL for a removed identifier), or 0
     *              when the removal was known without a call
     * @param errnoName its symbolic name
     * @param objectName the object, e.g. "System V message queue 0x1234abcd (id 32769)"
     */
    public IpcRemovedException(String call, int errno, String errnoName, String objectName) {
        this(call, errno, errnoName, objectName, null);
    }

    /**
     * The object was removed, with what else is known.
     *
     * @param call the OS call that found the object gone, e.g. "msgrcv"
     * @param errno the errno it failed with, or 0 when the removal was known without a call
     * @param errnoName its symbolic name
     * @param objectName the object
     * @param detail what else is known, e.g. what the identifier names now; null for nothing
     */
    public IpcRemovedException(String call, int errno, String errnoName, String objectName, String detail) {
        super(call, errno, errnoName, objectName,
                "the object was removed (IPC_RMID) by this or another process; it no longer exists"
                        + (detail == null ? "" : "; " + detail), null, null);
    }
}
