package io.github.ipc4j.sysv;

/** Flags of one semaphore operation in a {@link SemOperation}. */
public enum SemFlag {
    /**
     * IPC_NOWAIT: if this operation would have to wait, the whole call fails at once and changes nothing
     * ({@link SysvSemaphoreSet#perform} then returns false).
     */
    NO_WAIT,
    /**
     * SEM_UNDO: the kernel records the change and reverses it when this process exits, however it exits
     * (even SIGKILL), so a crashed holder does not keep a semaphore taken.
     */
    UNDO
}
