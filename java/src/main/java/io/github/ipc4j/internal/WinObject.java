package io.github.ipc4j.internal;

import io.github.ipc4j.IpcClosedException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;

/**
 * One open Windows named kernel object (semaphore, mutex, event, file mapping): its handle, its lifecycle
 * (close wakes the threads waiting on it; the handle is closed when the last call has left) and the one
 * blocking call the synchronisation objects share, {@link #await}.
 */
public final class WinObject {
    /** Opens the object: the native open's result (handle | CREATED, or -code). */
    @FunctionalInterface
    public interface Opener {
        long open() throws IOException;
    }

    private static final HandleWaiter.Call AWAIT = (object, direct, array, offset, length, closed, wake, timeout) ->
            NativeWinObjects.await(object, closed, wake, timeout);

    private final String name;
    private final long object;
    private final boolean created;
    private final HandleWaiter waiter;
    private final NativeHandle handle;

    private WinObject(String kind, String name, long object, boolean created, HandleWaiter waiter) {
        this.name = name;
        this.object = object;
        this.created = created;
        this.waiter = waiter;
        // the lambda holds the parameter object, not this: a leaked object is closed by the cleaner (Leaks)
        this.handle = waiter.newHandle(kind + " " + name, () -> NativeWinObjects.close(object)).closeWhenLeaked(this);
    }

    /**
     * Runs opener (call is the Windows call named in errors) and wraps what it opened. A refusal by
     * requireOwner is an AccessDeniedException; a name held by an object of another kind is an IpcException
     * saying so.
     */
    public static WinObject open(String kind, String name, String call, Opener opener) throws IOException {
        HandleWaiter waiter = new HandleWaiter();
        long r;
        try {
            r = opener.open();
        } catch (IOException | RuntimeException e) {
            waiter.release();
            throw e;
        }
        if (r < 0) {
            waiter.release();
            throw failure((int) -r, kind, name, call);
        }
        return new WinObject(kind, name, r & ~NativeWinObjects.CREATED, (r & NativeWinObjects.CREATED) != 0, waiter);
    }

    private static IOException failure(int code, String kind, String name, String call) {
        if (-code == NativeWindows.FOREIGN_OWNER) {
            return new AccessDeniedException(name, null, "refused: the existing " + kind
                    + " is owned by another user (requireOwner was asked)");
        }
        if (code == NativeWindows.ERROR_INVALID_HANDLE) {
            return WinErrors.ipc(code, call, name, "the name belongs to a Windows object of another kind (file "
                    + "mappings, semaphores, mutexes and events share one namespace)");
        }
        return WinErrors.of(code, call, name);
    }

    public String name() {
        return name;
    }

    public boolean created() {
        return created;
    }

    /** The native handle, for a call between {@link #enter()} and {@link #exit()}. */
    public long object() {
        return object;
    }

    public void enter() throws IpcClosedException {
        handle.enter();
    }

    public void exit() {
        handle.exit();
    }

    /**
     * Waits until the object is signalled (WaitForMultipleObjects with this object's closed event and the
     * thread's wake event): 0, {@link NativeWindows#ABANDONED} or {@link NativeWindows#TIMEOUT}.
     *
     * @throws InterruptedException the thread was interrupted; nothing was taken
     * @throws IpcClosedException another thread closed the object; nothing was taken
     */
    public int await(long deadline, String call) throws InterruptedException, IOException {
        handle.enter();
        try {
            long r = waiter.call(handle, deadline, AWAIT, object, null, null, 0, 0);
            if (r == 0 || r == NativeWindows.ABANDONED || r == NativeWindows.TIMEOUT) {
                return (int) r;
            }
            throw WinErrors.of((int) -r, call, name);
        } finally {
            handle.exit();
        }
    }

    /**
     * {@link #await} without waiting, and without looking at the interrupt flag (a call that does not
     * block is not cut short): 0, {@link NativeWindows#ABANDONED} or {@link NativeWindows#TIMEOUT}.
     */
    public int poll(String call) throws IOException {
        handle.enter();
        try {
            int r = NativeWinObjects.await(object, 0, 0, 0);
            if (r == 0 || r == NativeWindows.ABANDONED || r == NativeWindows.TIMEOUT) {
                return r;
            }
            throw WinErrors.of(-r, call, name);
        } finally {
            handle.exit();
        }
    }

    /** Whether the object's DACL admits the current user only (for tests and checks). */
    public boolean onlyCurrentUser() throws IOException {
        handle.enter();
        try {
            int r = NativeWinObjects.onlyCurrentUser(object);
            if (r < 0) {
                throw WinErrors.of(-r, "GetSecurityInfo", name);
            }
            return r == 1;
        } finally {
            handle.exit();
        }
    }

    public boolean isClosed() {
        return handle.isClosed();
    }

    /** Idempotent; waiting threads return with IpcClosedException. */
    public void close() {
        handle.close();
    }

    public String description() {
        return handle.description();
    }
}
