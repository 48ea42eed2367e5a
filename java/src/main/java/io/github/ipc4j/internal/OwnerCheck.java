package io.github.ipc4j.internal;

import io.github.ipc4j.OpenOptions;

import java.io.IOException;
import java.nio.file.AccessDeniedException;

/** The checks an opener demands of an existing object (owner, widest mode), on its open descriptor. */
public final class OwnerCheck {
    private OwnerCheck() {}

    /** Throws AccessDeniedException when the object open at fd fails options' checks. */
    public static void verify(int fd, OpenOptions<?> options, String objectName, String call) throws IOException {
        if (!options.ownerRequired() && options.maxMode() == 0777) {
            return;
        }
        long r = NativeUnix.ownerAndMode(fd);
        if (r < 0) {
            throw Errors.of((int) -r, "fstat", objectName);
        }
        verify(r >>> 16, (int) (r & 0777), options, objectName);
    }

    /** Throws AccessDeniedException when an object owned by uid with permission bits mode fails options' checks. */
    public static void verify(long uid, int mode, OpenOptions<?> options, String objectName) throws IOException {
        if (!options.ownerRequired() && options.maxMode() == 0777) {
            return;
        }
        long me = NativeUnix.effectiveUid();
        if (options.ownerRequired() && uid != me) {
            throw new AccessDeniedException(objectName, null, "refused: owned by uid " + uid
                    + ", not by this process's effective uid " + me + " (requireOwner was asked)");
        }
        int excess = mode & ~options.maxMode();
        if (excess != 0) {
            throw new AccessDeniedException(objectName, null, "refused: mode 0" + Integer.toOctalString(mode)
                    + " grants more than the allowed 0" + Integer.toOctalString(options.maxMode())
                    + " (extra bits 0" + Integer.toOctalString(excess) + "; maxMode was asked)");
        }
    }
}
