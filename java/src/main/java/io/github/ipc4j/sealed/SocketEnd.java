package io.github.ipc4j.sealed;

import io.github.ipc4j.Feature;
import io.github.ipc4j.Platform;
import io.github.ipc4j.internal.Errors;
import io.github.ipc4j.internal.FdWaiter;
import io.github.ipc4j.internal.NativeHandle;
import io.github.ipc4j.internal.NativePosixShm;

import java.io.IOException;

/** What both kinds of socket share: the descriptor's lifecycle and the interruptible, closeable wait. */
abstract class SocketEnd implements AutoCloseable {
    final int fd;
    final NativeHandle handle;

    /**
     * afterRelease runs once the descriptor is closed (the server removes its socket file); it and the
     * handle's resource must not hold this object, which the leak Cleaner watches (see Leaks).
     */
    SocketEnd(int fd, String description, Runnable afterRelease) {
        this.fd = fd;
        this.handle = new NativeHandle(description, () -> {
            NativePosixShm.close(fd);
            afterRelease.run();
        }).closeWhenLeaked(this);
    }

    /** Sockets are Unix; the memory they carry is Linux's memfd. */
    static void requireSupported() {
        Platform.require(Feature.SEALED_SHARED_MEMORY);
    }

    /** A native result that opened a descriptor: the descriptor, or the exception. */
    static int opened(int r, String call, String object) throws IOException {
        if (r >= 0) {
            return r;
        }
        throw failure(-r, call, object);
    }

    /** The exception for a failed call that opens descriptors: a descriptor limit named as such. */
    static IOException failure(int errno, String call, String object) {
        IOException limit = Errors.descriptorLimit(errno, call, object);
        return limit != null ? limit : Errors.of(errno, call, object);
    }

    /** Waits (between handle.enter and exit) until fd is ready; false once the deadline passed. */
    final boolean await(boolean forWrite, long deadline, String call) throws IOException, InterruptedException {
        return FdWaiter.await(handle, fd, forWrite, deadline, call) == FdWaiter.READY;
    }

    /**
     * Whether this end is still open.
     *
     * @return false once closed
     */
    public boolean isOpen() {
        return !handle.isClosed();
    }

    /** Closes; idempotent; a thread blocked on it returns with {@link io.github.ipc4j.IpcClosedException}. */
    @Override
    public void close() {
        handle.close();
    }

    @Override
    public String toString() {
        return handle.description() + (isOpen() ? "" : " (closed)");
    }
}
