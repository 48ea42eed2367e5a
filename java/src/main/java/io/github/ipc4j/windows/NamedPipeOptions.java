package io.github.ipc4j.windows;

/**
 * How {@link WindowsNamedPipeServer#create(String, NamedPipeOptions)} creates a pipe. The defaults are
 * the safe ones: byte mode, up to 255 instances, 64 KiB buffers, the name refused when it exists
 * already ({@code FILE_FLAG_FIRST_PIPE_INSTANCE}, so another process cannot squat it), remote clients
 * refused ({@code PIPE_REJECT_REMOTE_CLIENTS}), and a security descriptor that admits only the current
 * user. Mutable; not thread-safe.
 */
public final class NamedPipeOptions {
    private NamedPipeOptions() {
        // made by options()
    }

    /** PIPE_UNLIMITED_INSTANCES: as many instances as the system allows. */
    public static final int UNLIMITED_INSTANCES = 255;

    private boolean messageMode;
    private int maxInstances = UNLIMITED_INSTANCES;
    private int outBufferSize = 65536;
    private int inBufferSize = 65536;
    private boolean firstInstance = true;
    private boolean rejectRemoteClients = true;
    private boolean currentUserOnly = true;

    /**
     * New options: byte mode, unlimited instances, 64 KiB buffers each way, first instance only, remote
     * clients refused, the current user only.
     *
     * @return the options
     */
    public static NamedPipeOptions options() {
        return new NamedPipeOptions();
    }

    /**
     * Message mode: each write is one message, and readers see its boundaries. Default false (bytes).
     *
     * @param messageMode true for message mode
     * @return these options
     */
    public NamedPipeOptions messageMode(boolean messageMode) {
        this.messageMode = messageMode;
        return this;
    }

    /**
     * How many clients can be connected at once (one instance each): 1 to 255 (255: unlimited).
     *
     * @param maxInstances the number of instances
     * @return these options
     * @throws IllegalArgumentException maxInstances is outside 1 to 255
     */
    public NamedPipeOptions maxInstances(int maxInstances) {
        if (maxInstances < 1 || maxInstances > UNLIMITED_INSTANCES) {
            throw new IllegalArgumentException("maxInstances must be from 1 to " + UNLIMITED_INSTANCES
                    + " (" + UNLIMITED_INSTANCES + ": unlimited), was " + maxInstances);
        }
        this.maxInstances = maxInstances;
        return this;
    }

    /**
     * The sizes the system reserves for each direction, in bytes (advisory; 0 and up).
     *
     * @param outBufferSize the server-to-client buffer
     * @param inBufferSize the client-to-server buffer
     * @return these options
     * @throws IllegalArgumentException a size is negative
     */
    public NamedPipeOptions bufferSizes(int outBufferSize, int inBufferSize) {
        if (outBufferSize < 0 || inBufferSize < 0) {
            throw new IllegalArgumentException("buffer sizes must not be negative, were " + outBufferSize + " and "
                    + inBufferSize);
        }
        this.outBufferSize = outBufferSize;
        this.inBufferSize = inBufferSize;
        return this;
    }

    /**
     * Whether creating fails when the name exists (FILE_FLAG_FIRST_PIPE_INSTANCE). Default true.
     *
     * @param firstInstance false to add instances to an existing pipe
     * @return these options
     */
    public NamedPipeOptions firstInstance(boolean firstInstance) {
        this.firstInstance = firstInstance;
        return this;
    }

    /**
     * Whether clients on other computers are refused (PIPE_REJECT_REMOTE_CLIENTS). Default true.
     *
     * @param rejectRemoteClients false to admit remote clients
     * @return these options
     */
    public NamedPipeOptions rejectRemoteClients(boolean rejectRemoteClients) {
        this.rejectRemoteClients = rejectRemoteClients;
        return this;
    }

    /**
     * Whether the pipe admits only the user this process runs as (a DACL with that user alone). Default
     * true; false gives Windows' default security for pipes.
     *
     * @param currentUserOnly false for Windows' default security
     * @return these options
     */
    public NamedPipeOptions currentUserOnly(boolean currentUserOnly) {
        this.currentUserOnly = currentUserOnly;
        return this;
    }

    /**
     * Whether the pipe is created in message mode.
     *
     * @return true for message mode, false for bytes
     */
    public boolean messageMode() {
        return messageMode;
    }

    /**
     * How many clients can be connected at once.
     *
     * @return the number of instances (255: unlimited)
     */
    public int maxInstances() {
        return maxInstances;
    }

    /**
     * The server-to-client buffer size.
     *
     * @return the size in bytes
     */
    public int outBufferSize() {
        return outBufferSize;
    }

    /**
     * The client-to-server buffer size.
     *
     * @return the size in bytes
     */
    public int inBufferSize() {
        return inBufferSize;
    }

    /**
     * Whether creating fails when the name exists.
     *
     * @return true unless set otherwise
     */
    public boolean firstInstance() {
        return firstInstance;
    }

    /**
     * Whether clients on other computers are refused.
     *
     * @return true unless set otherwise
     */
    public boolean rejectRemoteClients() {
        return rejectRemoteClients;
    }

    /**
     * Whether the pipe admits only the user this process runs as.
     *
     * @return true unless set otherwise
     */
    public boolean currentUserOnly() {
        return currentUserOnly;
    }
}
