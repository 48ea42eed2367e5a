package io.github.ipc4j.windows;

import io.github.ipc4j.Feature;
import io.github.ipc4j.Platform;
import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.NativeWinObjects;
import io.github.ipc4j.internal.NativeWindows;
import io.github.ipc4j.internal.WinErrors;
import io.github.ipc4j.internal.WinObject;
import io.github.ipc4j.internal.WindowsNames;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.Objects;

/**
 * A Windows named event ({@code CreateEventW} / {@code OpenEventW}), Windows only. A manual-reset event
 * stays set until {@link #reset()} and releases every waiter; an auto-reset event lets exactly one waiter
 * through per {@link #set()} (the wait that sees it resets it). A blocked {@link #await()} returns when the
 * thread is interrupted (InterruptedException) or another thread closes the event (IpcClosedException),
 * consuming nothing. Thread-safe.
 */
public final class WindowsEvent extends WindowsKernelObject {
    private static final String KIND = "Windows event";
    private static final String WAIT = "WaitForMultipleObjects";

    private WindowsEvent(WinObject object) {
        super(object);
    }

    /**
     * Opens an existing event.
     *
     * @param name {@code NAME}, {@code Local\NAME} (the default, this session) or {@code Global\NAME}
     * @return the event
     * @throws IOException as {@link #open(String, WindowsEventOptions)}
     */
    public static WindowsEvent open(String name) throws IOException {
        return open(name, WindowsEventOptions.options());
    }

    /**
     * Opens (or creates, as options say) the event called name; manual/auto reset and the initial state
     * apply to a created event only.
     *
     * @param name {@code NAME}, {@code Local\NAME} (the default, this session) or {@code Global\NAME}
     * @param options the open mode, the created event's reset kind, initial state and security descriptor
     * @return the event
     * @throws IllegalArgumentException a bad name
     * @throws java.nio.file.FileAlreadyExistsException CREATE_NEW and it exists
     * @throws java.nio.file.NoSuchFileException OPEN_EXISTING and it does not
     * @throws java.nio.file.AccessDeniedException Windows refused, or requireOwner found another owner
     */
    public static WindowsEvent open(String name, WindowsEventOptions options) throws IOException {
        byte[] nativeName = WindowsNames.kernelObject(name, KIND);
        Objects.requireNonNull(options, "options must not be null");
        Platform.require(Feature.WINDOWS_EVENT);
        return new WindowsEvent(WinObject.open(KIND, name, "CreateEvent", () ->
                NativeWinObjects.eventOpen(nativeName, options.openMode().ordinal(), options.nativeSddl(),
                        options.ownerRequired(), options.manualReset(), options.initiallySet())));
    }

    /**
     * Sets the event (SetEvent).
     *
     * @throws IOException Windows refused, or the event was closed ({@link io.github.ipc4j.IpcClosedException})
     */
    public void set() throws IOException {
        object.enter();
        try {
            int r = NativeWindows.eventSet(object.object());
            if (r < 0) {
                throw WinErrors.of(-r, "SetEvent", name());
            }
        } finally {
            object.exit();
        }
    }

    /**
     * Resets the event (ResetEvent).
     *
     * @throws IOException Windows refused, or the event was closed ({@link io.github.ipc4j.IpcClosedException})
     */
    public void reset() throws IOException {
        object.enter();
        try {
            int r = NativeWinObjects.eventReset(object.object());
            if (r < 0) {
                throw WinErrors.of(-r, "ResetEvent", name());
            }
        } finally {
            object.exit();
        }
    }

    /**
     * Waits until the event is set (an auto-reset event is reset by this wait).
     *
     * @throws InterruptedException the thread was interrupted while it waited
     * @throws IOException the wait failed, or the event was closed ({@link io.github.ipc4j.IpcClosedException})
     */
    public void await() throws InterruptedException, IOException {
        object.await(Deadline.NONE, WAIT);
    }

    /**
     * Waits at most timeout for the event to be set (an auto-reset event is reset by a successful wait).
     *
     * @param timeout how long to wait at most
     * @return true when the event was set, false when it was not set in time
     * @throws InterruptedException the thread was interrupted while it waited
     * @throws IOException the wait failed, or the event was closed ({@link io.github.ipc4j.IpcClosedException})
     */
    public boolean await(Duration timeout) throws InterruptedException, IOException {
        return object.await(Deadline.after(timeout), WAIT) == 0;
    }

    /**
     * Waits at most timeout units; a negative timeout means zero.
     *
     * @param timeout the longest wait, in units
     * @param unit the unit of timeout
     * @return true if the event was set, false when it was not set in time
     * @throws InterruptedException the thread was interrupted while waiting
     * @throws IOException the OS refused
     */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException, IOException {
        return object.await(Deadline.after(timeout, unit), WAIT) == 0;
    }

    /**
     * Whether the event is set now, without waiting (an auto-reset event is reset by a true answer).
     *
     * @return true if it was set
     * @throws IOException the OS refused
     */
    public boolean poll() throws IOException {
        return object.poll(WAIT) == 0;
    }
}
