package io.github.ipc4j.internal;

import io.github.ipc4j.IpcException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

/**
 * Turns an errno into the exception a caller expects: name-based failures become the java.nio.file
 * exceptions, everything else an {@link IpcException} that names the call, the errno and the object.
 */
public final class Errors {
    /** What a native range check's refusal means (EFAULT here, ERROR_INVALID_USER_BUFFER on Windows). */
    static final String BUFFER_MOVED = "the buffer's position or limit changed while the call used it (is another "
            + "thread using the buffer?): nothing was done and nothing outside the buffer touched";
    private Errors() {}

    /** The exception for a failed call; errno is positive (a native result r &lt; 0 is errno -r). */
    public static IOException of(int errno, String call, String objectName) {
        if (errno == Errno.ENOTRECOVERABLE && !PlatformId.current().isWindows() && NativeUnix.blockerBroken()) {
            throw new IllegalStateException(WakeSignal.problem());
        }
        String reason = call + ": " + Errno.name(errno) + " (" + Errno.text(errno) + ")";
        if (errno == Errno.ENOENT) {
            return new NoSuchFileException(objectName, null, reason);
        }
        if (errno == Errno.EEXIST) {
            return new FileAlreadyExistsException(objectName, null, reason);
        }
        if (errno == Errno.EACCES || errno == Errno.EPERM) {
            return new AccessDeniedException(objectName, null, reason);
        }
        if (errno == Errno.EFAULT) { // the only source: ipc4j's native range check (ipc4j_jni.h)
            return ipc(errno, call, objectName, BUFFER_MOVED);
        }
        return ipc(errno, call, objectName, Errno.text(errno));
    }

    public static IpcException ipc(int errno, String call, String objectName, String detail) {
        return new IpcException(call, errno, Errno.name(errno), objectName, detail, null, null);
    }

    /** A failure caused by a kernel limit: names the limit and how to raise it. */
    public static IpcException limit(int errno, String call, String objectName, String detail, String limit,
                                     String howToRaise) {
        return new IpcException(call, errno, Errno.name(errno), objectName, detail, limit, howToRaise);
    }

    /**
     * EFBIG from sizing an object as a file (ftruncate, posix_fallocate): past this process's RLIMIT_FSIZE (the
     * JVM ignores the SIGXFSZ that comes with it). Null when errno is not EFBIG.
     */
    public static IpcException fileSizeLimit(int errno, String call, String objectName, long size) {
        if (errno != Errno.EFBIG) {
            return null;
        }
        return limit(errno, call, objectName, "cannot make it " + size + " bytes: more than this process may "
                + "write to a file", "RLIMIT_FSIZE (ulimit -f)", "ulimit -f unlimited, or LimitFSIZE= for a "
                + "systemd service");
    }

    /**
     * A JDK file call's failure from a descriptor limit as the IpcException that names it; anything else as it
     * was. The JDK gives only the C library's text for the errno, which is the text {@link Errno#text} gives.
     */
    public static IOException descriptorLimit(java.nio.file.FileSystemException e, String call, String objectName) {
        String reason = e.getReason();
        for (int errno : new int[] {Errno.EMFILE, Errno.ENFILE}) {
            if (Errno.text(errno).equals(reason)) {
                IpcException named = descriptorLimit(errno, call, objectName);
                named.addSuppressed(e);
                return named;
            }
        }
        return e;
    }

    /** The common limits any call that opens a descriptor can hit. Null when errno is not one. */
    public static IpcException descriptorLimit(int errno, String call, String objectName) {
        if (errno == Errno.EMFILE) {
            return limit(errno, call, objectName, "this process has too many open descriptors",
                    "RLIMIT_NOFILE (ulimit -n)", "ulimit -n <higher>, or LimitNOFILE= for a systemd service");
        }
        if (errno == Errno.ENFILE) {
            return limit(errno, call, objectName, "the system has too many open files", "/proc/sys/fs/file-max",
                    "sysctl -w fs.file-max=<higher> (root)");
        }
        return null;
    }
}
