package io.github.ipc4j.internal;

import io.github.ipc4j.IpcException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

/**
 * Turns a Windows error code into the exception a caller expects, as {@link Errors} does for errno:
 * name-based failures become the java.nio.file exceptions, everything else an {@link IpcException}
 * whose errno is the Windows code and whose errno name is its ERROR_ name.
 */
public final class WinErrors {
    private WinErrors() {}

    /** "ERROR_PIPE_BUSY", or "Windows error 1234" for a code not in the library's table. */
    public static String name(int code) {
        String name = NativeWindows.errorName(code);
        return name != null ? name : "Windows error " + code;
    }

    /** The exception for a failed call; code is positive (a native result r &lt; 0 is code -r). */
    public static IOException of(int code, String call, String objectName) {
        String reason = call + ": " + name(code) + " (" + NativeWindows.errorText(code) + ")";
        switch (code) {
            case NativeWindows.ERROR_FILE_NOT_FOUND:
            case NativeWindows.ERROR_PATH_NOT_FOUND:
            case NativeWindows.ERROR_BAD_NETPATH:
                return new NoSuchFileException(objectName, null, reason);
            case NativeWindows.ERROR_ALREADY_EXISTS:
                return new FileAlreadyExistsException(objectName, null, reason);
            case NativeWindows.ERROR_ACCESS_DENIED:
                return new AccessDeniedException(objectName, null, reason);
            case NativeWindows.ERROR_INVALID_USER_BUFFER:
                return ipc(code, call, objectName, Errors.BUFFER_MOVED);
            default:
                return ipc(code, call, objectName, NativeWindows.errorText(code));
        }
    }

    public static IpcException ipc(int code, String call, String objectName, String detail) {
        return new IpcException(call, code, name(code), objectName, detail, null, null);
    }
}
