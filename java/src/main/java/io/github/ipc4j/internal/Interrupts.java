package io.github.ipc4j.internal;

import java.io.InterruptedIOException;

/** For methods whose contract (java.nio channels, streams) cannot throw InterruptedException. */
public final class Interrupts {
    private Interrupts() {}

    /**
     * The InterruptedIOException a channel method throws instead, with the thread's interrupt flag set
     * again so that callers further up still see the interrupt.
     */
    public static InterruptedIOException asIoException(InterruptedException e, String message) {
        Thread.currentThread().interrupt();
        InterruptedIOException io = new InterruptedIOException(message);
        io.initCause(e);
        return io;
    }
}
