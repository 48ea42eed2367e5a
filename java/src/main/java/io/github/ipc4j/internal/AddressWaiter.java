package io.github.ipc4j.internal;

import java.io.IOException;

/**
 * The pluggable kernel wait under {@link ChannelRing}: sleep while a 32-bit word of the ring's shared memory
 * holds a value, and wake whoever sleeps on it. The ring decides when to call it (only when someone
 * sleeps, per the waiting flags in its header); an implementation only sleeps and wakes. Linux and macOS use
 * {@link FutexWaiter}; another OS (Windows named events) plugs in its own.
 */
public interface AddressWaiter {
    /**
     * Sleeps while the int at offset (in the ring's memory) holds expected, at most timeoutNanos (&gt; 0).
     * Returns true when woken or the word changed (or spuriously), false when the timeout passed.
     *
     * @throws InterruptedException the thread was interrupted while it slept
     * @throws io.github.ipc4j.IpcClosedException the channel was closed while it slept
     */
    boolean await(long offset, int expected, long timeoutNanos) throws InterruptedException, IOException;

    /** Wakes the threads (in any process) sleeping on the int at offset. */
    void wake(long offset) throws IOException;

    /** Gives back what the waiter holds (named objects); a sleep in progress ends. Idempotent. */
    default void close() {}
}
