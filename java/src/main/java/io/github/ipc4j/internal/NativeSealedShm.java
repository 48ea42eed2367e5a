package io.github.ipc4j.internal;

/**
 * Natives of sealed shared memory (Linux memfd) and of the Unix-domain sockets that hand descriptors
 * over. Results are values or -errno; paths and names are NUL-terminated bytes.
 */
public final class NativeSealedShm {
    /** A socket call found nothing to accept or receive, or no room to send. */
    public static final int WOULD_BLOCK = -100000;
    /** A handed-over descriptor is not a memfd (or cannot be sealed). */
    public static final int NOT_MEMFD = -100011;
    /** A message came without exactly one descriptor. */
    public static final int NO_DESCRIPTOR = -100012;
    /** childExit: the child has not exited yet. */
    public static final int CHILD_RUNNING = -100013;
    // The kernel's seal bits (F_SEAL_*)
    public static final int SEAL_SEAL = 0x1;
    public static final int SEAL_SHRINK = 0x2;
    public static final int SEAL_GROW = 0x4;
    public static final int SEAL_WRITE = 0x8;

    static {
        NativeLoader.load();
    }

    private NativeSealedShm() {}

    /** A new memfd of size bytes sealed against shrinking plus extraSeals: the descriptor, or -errno. */
    public static native int create(byte[] debugName, long size, int extraSeals);

    /**
     * Checks a handed-over descriptor: (size << 5) | (writable << 4) | seals, or NOT_MEMFD,
     * -EPERM (requiredSeals missing), -errno.
     */
    public static native long verify(int fd, int requiredSeals);

    public static native int seals(int fd);

    /** Takes over an inherited descriptor (sets close-on-exec): 0 or -errno. */
    public static native int keep(int fd);

    /** A duplicate of fd without close-on-exec, for a child to inherit, or -errno. */
    public static native int inheritable(int fd);

    /**
     * Starts a child (posix_spawnp) with fd at childFd; args are count NUL-terminated strings; output (NUL-
     * terminated path, or null to inherit) takes its stdout and stderr. The pid, or -errno.
     */
    public static native long spawn(byte[] args, int count, int fd, int childFd, byte[] output);

    /** The child's exit code, 256 + signal, CHILD_RUNNING, or -errno; reaps it once it exited. */
    public static native int childExit(long pid);

    /** A listening, non-blocking socket bound to path (made exactly mode), or -errno. */
    public static native int listen(byte[] path, int mode, int backlog);

    /** A connection's descriptor (non-blocking), WOULD_BLOCK, or -errno. */
    public static native int accept(int listener);

    public static native int connect(byte[] path);

    /** Fills out with the peer's pid (-1 if unknown), uid and gid; 0 or -errno. */
    public static native int peer(int fd, long[] out);

    /** Sends the byte tag with passed attached (SCM_RIGHTS): 0, WOULD_BLOCK, or -errno. */
    public static native int sendFd(int fd, int passed, int tag);

    /** (tag << 32) | received descriptor, WOULD_BLOCK, -EPIPE (peer gone), NO_DESCRIPTOR, -errno. */
    public static native long receiveFd(int fd);
}
