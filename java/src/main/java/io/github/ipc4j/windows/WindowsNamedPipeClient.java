package io.github.ipc4j.windows;

import io.github.ipc4j.Feature;
import io.github.ipc4j.Platform;
import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.HandleWaiter;
import io.github.ipc4j.internal.NativeWinPipe;
import io.github.ipc4j.internal.NativeWindows;
import io.github.ipc4j.internal.WinErrors;
import io.github.ipc4j.internal.WindowsNames;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.Optional;

/**
 * Connects to a Windows named pipe as a client ({@code CreateFile} on \\.\pipe\NAME or
 * \\HOST\pipe\NAME), Windows only. While every instance of the pipe is busy it waits
 * ({@code WaitNamedPipe}), interruptibly. By default the server may only identify the client
 * ({@code SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION}), never act as it: a hostile server cannot
 * use the client's rights.
 *
 * <p>Thread-safe: static methods only, each call independent.
 */
public final class WindowsNamedPipeClient {
    private static final HandleWaiter.Call CONNECT =
            (allowImpersonation, direct, name, offset, length, closed, wake, timeout) ->
                    NativeWinPipe.connect(name, allowImpersonation != 0, closed, wake, timeout);

    private WindowsNamedPipeClient() {}

    /**
     * Connects, waiting as long as every instance is busy.
     *
     * @param name \\.\pipe\NAME, or \\HOST\pipe\NAME on another computer
     * @return the client's end of the pipe
     * @throws java.nio.file.NoSuchFileException no pipe of that name exists
     * @throws InterruptedException the thread was interrupted while it waited
     */
    public static WindowsNamedPipe connect(String name) throws IOException, InterruptedException {
        return connect(name, Deadline.NONE, false).orElseThrow(() -> new AssertionError("connect timed out"));
    }

    /**
     * Connects, waiting at most timeout for a free instance; empty if none became free.
     *
     * @param name \\.\pipe\NAME, or \\HOST\pipe\NAME on another computer
     * @param timeout how long to wait for a free instance at most
     * @return the client's end; empty if no instance became free in time
     * @throws IOException no pipe of that name exists, or the Windows call failed
     * @throws InterruptedException the thread was interrupted while it waited
     */
    public static Optional<WindowsNamedPipe> connect(String name, Duration timeout)
            throws IOException, InterruptedException {
        return connect(name, Deadline.after(timeout), false);
    }

    /**
     * As {@link #connect(String, Duration)}; allowImpersonation true lets the server act as this client
     * (impersonation level SecurityImpersonation), which only a trusted server should get.
     *
     * @param name \\.\pipe\NAME, or \\HOST\pipe\NAME on another computer
     * @param timeout how long to wait for a free instance at most
     * @param allowImpersonation true to let the server impersonate this client
     * @return the client's end; empty if no instance became free in time
     * @throws IOException no pipe of that name exists, or the Windows call failed
     * @throws InterruptedException the thread was interrupted while it waited
     */
    public static Optional<WindowsNamedPipe> connect(String name, Duration timeout, boolean allowImpersonation)
            throws IOException, InterruptedException {
        return connect(name, Deadline.after(timeout), allowImpersonation);
    }

    /**
     * Connects, waiting at most timeout units for a free instance.
     *
     * @param name the pipe's name
     * @param timeout the longest wait, in units; zero or negative looks once
     * @param unit the unit of timeout
     * @return the connected pipe, or empty if no instance became free in time
     * @throws IOException the OS refused
     * @throws InterruptedException the thread was interrupted while waiting
     */
    public static Optional<WindowsNamedPipe> connect(String name, long timeout, TimeUnit unit)
            throws IOException, InterruptedException {
        return connect(name, Deadline.after(timeout, unit), false);
    }

    private static Optional<WindowsNamedPipe> connect(String name, long deadline, boolean allowImpersonation)
            throws IOException, InterruptedException {
        byte[] nativeName = WindowsNames.pipe(name, false);
        Platform.require(Feature.WINDOWS_NAMED_PIPE);
        HandleWaiter waiter = new HandleWaiter();
        long r;
        try {
            // nothing can close a connection that does not exist yet: no handle, only interrupts
            r = waiter.call(null, deadline, CONNECT, allowImpersonation ? 1 : 0, null, nativeName, 0, 0);
        } catch (InterruptedException | RuntimeException e) {
            waiter.release();
            throw e;
        }
        if (r == NativeWindows.TIMEOUT) {
            waiter.release();
            return Optional.empty();
        }
        if (r < 0) {
            waiter.release();
            throw WinErrors.of((int) -r, "CreateFile", name);
        }
        return Optional.of(new WindowsNamedPipe(name, r, waiter));
    }
}
