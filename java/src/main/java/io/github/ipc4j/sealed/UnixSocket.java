package io.github.ipc4j.sealed;

import io.github.ipc4j.internal.Errno;
import io.github.ipc4j.internal.Errors;
import io.github.ipc4j.internal.NativeSealedShm;
import io.github.ipc4j.internal.PathNames;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A connected Unix-domain stream socket that carries descriptors ({@code SCM_RIGHTS}): what
 * {@link SealedSharedMemory#sendTo} and {@link SealedSharedMemory#receive} use, and that says who the peer
 * is ({@link #peer()}). Get one from {@link #connect(Path)} or {@link UnixSocketServer#accept()}.
 * Thread-safe; blocking calls end with InterruptedException on interrupt and IpcClosedException on close.
 * Linux, where sealed shared memory exists ({@link io.github.ipc4j.Feature#SEALED_SHARED_MEMORY});
 * elsewhere it throws UnsupportedOperationException.
 */
public final class UnixSocket extends SocketEnd {
    private UnixSocket(int fd, String description) throws IOException {
        super(fd, description, () -> { });
    }

    /**
     * Connects to the server listening at path.
     *
     * @param path the server's socket file
     * @return the connected socket
     * @throws IOException nobody listens there, the server's queue is full, or another failure
     */
    public static UnixSocket connect(Path path) throws IOException {
        byte[] nativePath = PathNames.nativePath(path, "path");
        requireSupported();
        int r = NativeSealedShm.connect(nativePath);
        if (r == -Errno.EAGAIN) {
            throw Errors.ipc(-r, "connect", path.toString(), "the server's queue of connections to accept is full");
        }
        return connected(opened(r, "connect", path.toString()), "Unix socket connected to " + path.toAbsolutePath());
    }

    static UnixSocket connected(int fd, String description) throws IOException {
        return new UnixSocket(fd, description);
    }

    /**
     * Who the peer is, as the kernel recorded it at connect: check it before sharing memory.
     *
     * @return the peer's pid, uid and gid
     * @throws IOException the OS call failed
     */
    public PeerCredentials peer() throws IOException {
        long[] out = new long[3];
        handle.enter();
        try {
            int r = NativeSealedShm.peer(fd, out);
            if (r < 0) {
                throw Errors.of(-r, "getsockopt(SO_PEERCRED)", handle.description());
            }
        } finally {
            handle.exit();
        }
        return new PeerCredentials(out[0], out[1], out[2]);
    }

    /** Sends the byte tag with passed attached; waits while the socket's buffer is full. */
    void sendDescriptor(int passed, int tag, long deadline) throws IOException, InterruptedException {
        handle.enter();
        try {
            for (;;) {
                int r = NativeSealedShm.sendFd(fd, passed, tag);
                if (r == 0) {
                    return;
                }
                if (r != NativeSealedShm.WOULD_BLOCK) {
                    if (r == -Errno.EPIPE) {
                        throw Errors.ipc(-r, "sendmsg", handle.description(), "the peer closed its end");
                    }
                    throw Errors.of(-r, "sendmsg", handle.description());
                }
                if (!await(true, deadline, "poll")) {
                    throw Errors.ipc(Errno.ETIMEDOUT, "sendmsg", handle.description(),
                            "the peer did not read in time");
                }
            }
        } finally {
            handle.exit();
        }
    }

    /**
     * Receives one byte and the descriptor attached to it: (tag << 32) | descriptor (close-on-exec, now this
     * process's to close), or -1 when the deadline passed first.
     */
    long receiveDescriptor(long deadline) throws IOException, InterruptedException {
        handle.enter();
        try {
            for (;;) {
                long r = NativeSealedShm.receiveFd(fd);
                if (r >= 0) {
                    return r;
                }
                if (r == NativeSealedShm.NO_DESCRIPTOR) {
                    throw Errors.ipc(Errno.EINVAL, "recvmsg", handle.description(),
                            "the peer sent a message without exactly one descriptor attached (what came was closed)");
                }
                if (r == -Errno.EPIPE) {
                    throw Errors.ipc(Errno.EPIPE, "recvmsg", handle.description(),
                            "the peer closed its end before sending a descriptor");
                }
                if (r != NativeSealedShm.WOULD_BLOCK) {
                    throw failure((int) -r, "recvmsg", handle.description());
                }
                if (!await(false, deadline, "poll")) {
                    return -1;
                }
            }
        } finally {
            handle.exit();
        }
    }
}
