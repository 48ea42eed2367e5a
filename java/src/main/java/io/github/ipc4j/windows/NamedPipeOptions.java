package io.github.ipc4j.windows;

/**
 * How {@link WindowsNamedPipeServer#create(String, NamedPipeOptions)} creates a pipe. The defaults are
 * the safe ones: byte mode, up to 255 instances, 64 KiB buffers, the name refused when it exists
 * already ({@code FILE_FLAG_FIRST_PIPE_INSTANCE}, so another process cannot squat it), remote clients
 * refused ({@code PIPE_REJECT_REMOTE_CLIENTS}), and a security descriptor that admits only the current
 * user. Mutable; not thread-safe.
 */
public final class NamedPipeOptions {
    /** PIPE_UNLIMITED_INSTANCES: as many instances as the system allows. */
    public static final int UNLIMITED_INSTANCES = 255;

    private boolean messageMode;
    private int maxInstances = UNLIMITED_INSTANCES;
    private int outBufferSize = 65536;
    private int inBufferSize = 65536;
    private boolean firstInstance = true;
    private boolean rejectRemoteClients = true;
    private boolean currentUserOnly = true;

    public static NamedPipeOptions options() {
        return new NamedPipeOptions();
    }

    /** Message mode: each write is one message, and readers see its boundaries. Default false (bytes). */
    public NamedPipeOptions messageMode(boolean messageMode) {
        this.messageMode = messageMode;
        return this;
    }

    /** How many clients can be connected at once (one instance each): 1 to 255 (255: unlimited). */
    public NamedPipeOptions maxInstances(int maxInstances) {
        if (maxInstances < 1 || maxInstances > UNLIMITED_INSTANCES) {
            throw new IllegalArgumentException("maxInstances must be from 1 to " + UNLIMITED_INSTANCES
                    + " (" + UNLIMITED_INSTANCES + ": unlimited), was " + maxInstances);
        }
        this.maxInstances = maxInstances;
        return this;
    }

    /** The sizes the system reserves for each direction, in bytes (advisory; 0 and up). */
    public NamedPipeOptions bufferSizes(int outBufferSize, int inBufferSize) {
        if (outBufferSize < 0 || inBufferSize < 0) {
            throw new IllegalArgumentException("buffer sizes must not be negative, were " + outBufferSize + " and "
                    + inBufferSize);
        }
        this.outBufferSize = outBufferSize;
        this.inBufferSize = inBufferSize;
        return this;
    }

    /** Whether creating fails when the name exists (FILE_FLAG_FIRST_PIPE_INSTANCE). Default true. */
    public NamedPipeOptions firstInstance(boolean firstInstance) {
        this.firstInstance = firstInstance;
        return this;
    }

    /** Whether clients on other computers are refused (PIPE_REJECT_REMOTE_CLIENTS). Default true. */
    public NamedPipeOptions rejectRemoteClients(boolean rejectRemoteClients) {
        this.rejectRemoteClients = rejectRemoteClients;
        return this;
    }

    /**
     * Whether the pipe admits only the user this process runs as (a DACL with that user alone). Default
     * true; false gives Windows' default security for pipes.
     */
    public NamedPipeOptions currentUserOnly(boolean currentUserOnly) {
        this.currentUserOnly = currentUserOnly;
        return this;
    }

    public boolean messageMode() {
        return messageMode;
    }

    public int maxInstances() {
        return maxInstances;
    }

    public int outBufferSize() {
        return outBufferSize;
    }

    public int inBufferSize() {
        return inBufferSize;
    }

    public boolean firstInstance() {
        return firstInstance;
    }

    public boolean rejectRemoteClients() {
        return rejectRemoteClients;
    }

    public boolean currentUserOnly() {
        return currentUserOnly;
    }
}
