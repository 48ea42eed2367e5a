package io.github.ipc4j.internal;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.posix.PosixSemOptions;
import io.github.ipc4j.posix.PosixSemaphore;
import io.github.ipc4j.windows.WindowsEvent;
import io.github.ipc4j.windows.WindowsEventOptions;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Locale;

/**
 * {@link AddressWaiter} over two named kernel objects that remember one wake-up, one per side of the ring:
 * POSIX named semaphores (macOS before 14.4, which has no shared address wait; Linux when asked for) or
 * Windows auto-reset named events (Windows' WaitOnAddress works within one process only). A side sleeps on
 * its own object; the other side's wake posts (sets) it. The ring calls wake only when the side's sleeping
 * flag is set, so nothing here costs a system call per message.
 *
 * <p>No lost wake-up: a wake posted between the sleeper's last look at the counter and its wait is kept by
 * the object, and that wait returns at once. A wake that finds the sleeper already gone leaves one permit
 * behind, which makes one later sleep return at once: a spurious wake-up, which the ring re-checks. Sleeps
 * are bounded by the ring's liveness slice, so a peer that died holding nothing is noticed as on the futex
 * path. The objects are named from a random id the creator writes into the ring's header
 * ({@link ChannelLayout#WAITER_ID_AT}): a channel made again under the same name gets new ones, never the
 * stale permits of the old.
 */
public final class NamedWakeWaiter implements AddressWaiter {
    /** One side's object. */
    private interface Side {
        boolean sleep(Duration timeout) throws InterruptedException, IOException;

        void wake() throws IOException;

        void close();
    }

    private final Side receiver;
    private final Side sender;
    private final NativeHandle handle;

    private NamedWakeWaiter(Side receiver, Side sender, NativeHandle handle) {
        this.receiver = receiver;
        this.sender = sender;
        this.handle = handle;
    }

    /** The POSIX name of one side's semaphore. */
    public static String objectName(long id, boolean receiverSide) {
        return String.format(Locale.ROOT, "/ipc4jch.%016x.%s", id, receiverSide ? "r" : "s");
    }

    /** Opens (creating when missing, 0600) the two POSIX named semaphores of the channel whose id is given. */
    public static NamedWakeWaiter semaphores(long id, NativeHandle handle) throws IOException {
        return bothSides(receiverSide -> semaphore(PosixSemaphore.open(objectName(id, receiverSide),
                PosixSemOptions.options().openOrCreate())), handle);
    }

    /** Opens (creating when missing, current user only) the two auto-reset named events of the channel. */
    public static NamedWakeWaiter events(long id, NativeHandle handle) throws IOException {
        return bothSides(receiverSide -> event(WindowsEvent.open(eventName(id, receiverSide),
                WindowsEventOptions.options().openOrCreate())), handle);
    }

    /** Opens one side's object. */
    private interface SideOpener {
        Side open(boolean receiverSide) throws IOException;
    }

    /** Opens the receiver's side, then the sender's; the first is closed again when the second fails. */
    private static NamedWakeWaiter bothSides(SideOpener opener, NativeHandle handle) throws IOException {
        Side receiver = opener.open(true);
        try {
            return new NamedWakeWaiter(receiver, opener.open(false), handle);
        } catch (IOException | RuntimeException e) {
            receiver.close();
            throw e;
        }
    }

    /** Removes the semaphores of the channel whose id is given (those already gone are no failure). */
    public static void unlinkSemaphores(long id) throws IOException {
        for (boolean side : new boolean[] {true, false}) {
            try {
                PosixSemaphore.unlink(objectName(id, side));
            } catch (NoSuchFileException gone) {
                // removed before, or never made (no side ever waited this way)
            }
        }
    }

    /** Windows: Local\ipc4jchwake.ID.r / .s (a prefix no channel's own mapping, Local\ipc4jch.NAME, has). */
    public static String eventName(long id, boolean receiverSide) {
        return String.format(Locale.ROOT, "Local\\ipc4jchwake.%016x.%s", id, receiverSide ? "r" : "s");
    }

    private static Side semaphore(PosixSemaphore semaphore) {
        return new Side() {
            @Override
            public boolean sleep(Duration timeout) throws InterruptedException, IOException {
                return semaphore.tryAcquire(timeout);
            }

            @Override
            public void wake() throws IOException {
                try {
                    semaphore.release();
                } catch (io.github.ipc4j.IpcException full) {
                    if (full.errno() != Errno.EOVERFLOW) { // at SEM_VALUE_MAX: the sleeper wakes anyway
                        throw full;
                    }
                }
            }

            @Override
            public void close() {
                semaphore.close();
            }
        };
    }

    private static Side event(WindowsEvent event) {
        return new Side() {
            @Override
            public boolean sleep(Duration timeout) throws InterruptedException, IOException {
                return event.await(timeout);
            }

            @Override
            public void wake() throws IOException {
                event.set();
            }

            @Override
            public void close() {
                event.close();
            }
        };
    }

    private Side side(long offset) {
        return offset == ChannelLayout.TAIL + ChannelLayout.LOW_WORD ? receiver : sender;
    }

    @Override
    public boolean await(long offset, int expected, long timeoutNanos) throws InterruptedException, IOException {
        try {
            return side(offset).sleep(Duration.ofNanos(timeoutNanos));
        } catch (IpcClosedException e) {
            if (handle.isClosed()) {
                throw handle.closedWhileBlocked(); // the channel's close closed the object under the sleep
            }
            throw e;
        }
    }

    @Override
    public void wake(long offset) throws IOException {
        try {
            side(offset).wake();
        } catch (IpcClosedException e) {
            if (handle.isClosed()) {
                throw handle.closedWhileBlocked(); // closed by the channel's close, under this call
            }
            throw e;
        }
    }

    /** Closes both objects (a sleep in progress ends with the channel's IpcClosedException). */
    @Override
    public void close() {
        receiver.close();
        sender.close();
    }
}
