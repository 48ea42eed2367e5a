package io.github.ipc4j.windows;

import io.github.ipc4j.Feature;
import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.Platform;
import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.HandleWaiter;
import io.github.ipc4j.internal.NativeHandle;
import io.github.ipc4j.internal.NativeWinPipe;
import io.github.ipc4j.internal.NativeWindows;
import io.github.ipc4j.internal.WinErrors;
import io.github.ipc4j.internal.WindowsNames;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server of a Windows named pipe ({@code CreateNamedPipe}), Windows only: elsewhere {@link #create}
 * throws UnsupportedOperationException. One listening instance waits for a client; {@link #accept()}
 * hands the connected instance over as a {@link WindowsNamedPipe} and creates the next listening
 * instance, so several clients are served at once (one instance each, up to the options' maxInstances).
 *
 * <p>A blocked accept returns when the server is closed (IpcClosedException) or the thread interrupted
 * (InterruptedException). Closing the server leaves accepted connections open. Thread-safe.
 */
public final class WindowsNamedPipeServer implements AutoCloseable {
    private static final String KIND = "Windows named pipe server";
    private static final HandleWaiter.Call ACCEPT = (pipe, direct, array, offset, length, closed, wake, timeout) ->
            NativeWinPipe.accept(pipe, closed, wake, timeout);

    private final String name;
    private final byte[] nativeName;
    private final NamedPipeOptions options;
    private final HandleWaiter waiter;
    private final NativeHandle handle;
    private final Object acceptLock = new Object();
    /**
     * The listening instance, 0 when none could be made (all instances in use). Written under acceptLock. A
     * holder of its own, so that the handle's release (which closes it) holds the holder, not this server,
     * and a leaked server can be found unreachable and closed (Leaks).
     */
    private final AtomicLong listening;

    private WindowsNamedPipeServer(String name, byte[] nativeName, NamedPipeOptions options, long first,
                                   HandleWaiter waiter) {
        this.name = name;
        this.nativeName = nativeName;
        this.options = options;
        AtomicLong instance = new AtomicLong(first);
        this.listening = instance;
        this.waiter = waiter;
        this.handle = waiter.newHandle(KIND + " " + name, () -> {
            long last = instance.get();
            if (last != 0) {
                NativeWinPipe.close(last);
            }
        }).closeWhenLeaked(this);
    }

    /**
     * Creates the pipe \\.\pipe\NAME with the default (safe) options.
     *
     * @param name \\.\pipe\NAME
     * @return the server
     * @throws IOException as {@link #create(String, NamedPipeOptions)}
     */
    public static WindowsNamedPipeServer create(String name) throws IOException {
        return create(name, NamedPipeOptions.options());
    }

    /**
     * Creates the pipe's first instance.
     *
     * @param name \\.\pipe\NAME
     * @param options the mode, instances, buffer sizes and security
     * @return the server
     * @throws IllegalArgumentException a bad name (see the message for the rule)
     * @throws FileAlreadyExistsException the name exists and options.firstInstance() is set
     * @throws io.github.ipc4j.IpcException any other failure
     */
    public static WindowsNamedPipeServer create(String name, NamedPipeOptions options) throws IOException {
        byte[] nativeName = WindowsNames.pipe(name, true);
        Objects.requireNonNull(options, "options must not be null");
        Platform.require(Feature.WINDOWS_NAMED_PIPE);
        HandleWaiter waiter = new HandleWaiter();
        long first = NativeWinPipe.create(nativeName, options.messageMode(), options.maxInstances(),
                options.outBufferSize(), options.inBufferSize(), options.firstInstance(),
                options.rejectRemoteClients(), options.currentUserOnly());
        if (first < 0) {
            waiter.release();
            int code = (int) -first;
            if (code == NativeWindows.ERROR_ACCESS_DENIED && options.firstInstance()) {
                throw new FileAlreadyExistsException(name, null, "CreateNamedPipe: ERROR_ACCESS_DENIED: a pipe of "
                        + "that name exists already (FILE_FLAG_FIRST_PIPE_INSTANCE refuses to join it), or this user "
                        + "may not create it");
            }
            throw createFailure(code, name);
        }
        return new WindowsNamedPipeServer(name, nativeName, options, first, waiter);
    }

    /**
     * The pipe's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The options the pipe was created with.
     *
     * @return the options
     */
    public NamedPipeOptions options() {
        return options;
    }

    /**
     * Waits for a client and returns the connection.
     *
     * @return the server's end of the connection
     * @throws IOException the Windows call failed, or the server was closed ({@link io.github.ipc4j.IpcClosedException},
     *         also while waiting)
     * @throws InterruptedException the thread was interrupted while it waited
     */
    public WindowsNamedPipe accept() throws IOException, InterruptedException {
        return accept(Deadline.NONE).orElseThrow(() -> new AssertionError("accept without deadline timed out"));
    }

    /**
     * Waits at most timeout for a client; empty if none came.
     *
     * @param timeout how long to wait at most
     * @return the server's end of the connection; empty if no client came in time
     * @throws IOException the Windows call failed, or the server was closed ({@link io.github.ipc4j.IpcClosedException},
     *         also while waiting)
     * @throws InterruptedException the thread was interrupted while it waited
     */
    public Optional<WindowsNamedPipe> accept(Duration timeout) throws IOException, InterruptedException {
        return accept(Deadline.after(timeout));
    }

    /**
     * Waits at most timeout units for a client.
     *
     * @param timeout the longest wait, in units; zero or negative looks once
     * @param unit the unit of timeout
     * @return the connected pipe, or empty if no client came in time
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting
     */
    public Optional<WindowsNamedPipe> accept(long timeout, TimeUnit unit) throws IOException, InterruptedException {
        return accept(Deadline.after(timeout, unit));
    }

    private Optional<WindowsNamedPipe> accept(long deadline) throws IOException, InterruptedException {
        synchronized (acceptLock) {
            handle.enter();
            try {
                if (listening.get() == 0) {
                    listening.set(newInstance(true));
                }
                long r = waiter.call(handle, deadline, ACCEPT, listening.get(), null, null, 0, 0);
                if (r == NativeWindows.TIMEOUT) {
                    return Optional.empty();
                }
                if (r < 0) {
                    throw WinErrors.of((int) -r, "ConnectNamedPipe", name);
                }
                long connected = listening.get();
                listening.set(newInstance(false));
                return Optional.of(new WindowsNamedPipe(name, connected, new HandleWaiter()));
            } finally {
                handle.exit();
            }
        }
    }

    /** A further instance; 0 (when not required) if all maxInstances are in use: the next accept retries. */
    private long newInstance(boolean required) throws IOException {
        long instance = NativeWinPipe.create(nativeName, options.messageMode(), options.maxInstances(),
                options.outBufferSize(), options.inBufferSize(), false, options.rejectRemoteClients(),
                options.currentUserOnly());
        if (instance >= 0) {
            return instance;
        }
        if (!required && instance == -NativeWindows.ERROR_PIPE_BUSY) {
            return 0;
        }
        throw createFailure((int) -instance, name);
    }

    private static IOException createFailure(int code, String name) {
        if (code == NativeWindows.ERROR_PIPE_BUSY) {
            return WinErrors.ipc(code, "CreateNamedPipe", name, "every instance the pipe allows is connected: "
                    + "close a connection, or create the pipe with a higher NamedPipeOptions.maxInstances (up to 255)");
        }
        return WinErrors.of(code, "CreateNamedPipe", name);
    }

    /**
     * Whether this server was closed.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return handle.isClosed();
    }

    /**
     * Closes the listening instance: no new client can connect through this server (a thread blocked
     * in accept returns with {@link IpcClosedException}). Accepted connections stay open. Idempotent.
     */
    @Override
    public void close() {
        handle.close();
    }

    @Override
    public String toString() {
        return "WindowsNamedPipeServer[" + name + (isClosed() ? ", closed]" : "]");
    }
}
