package io.github.ipc4j.internal;

import io.github.ipc4j.IpcClosedException;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lifecycle of one native object, shared by every primitive.
 *
 * <p>Every call on the object runs between {@link #enter()} and {@link #exit()}. {@link #close()} marks the
 * object closed at once (later calls throw without reaching native code), wakes the calls blocked on it
 * ({@link Blocking}), and releases the native object only when the last call in flight has left: a
 * descriptor is never closed under a call, so a number the OS reuses is never hit. close() counts as a
 * call itself while it wakes the others, so nothing it touches is released under it.
 *
 * <p>An object that holds nothing in this process (a System V identifier: closing it gives nothing back)
 * needs no count of calls in flight: {@link #holdingNothing} makes a handle whose enter() only checks the
 * flag and whose exit() does nothing, which spares every call two atomic operations.
 */
public final class NativeHandle {
    /** What a primitive does to wake its blocked callers and to give its native object back. */
    public interface Resource {
        /**
         * Wakes what {@link Blocking} cannot reach (a Windows object's closed event); calls blocked
         * through a {@link CallSlot} are woken anyway. Runs before release, never after.
         */
        default void wakeBlocked() {
        }

        /** Releases the native object. Runs once, when no call is in flight. */
        void release();
    }

    private static final int CLOSED = 1 << 31;

    private final AtomicInteger state = new AtomicInteger();
    private final String description;
    private final Resource resource;
    /** Whether calls in flight are counted: false when release has nothing to give back. */
    private final boolean counted;
    /** The leak registration ({@link #closeWhenLeaked}), cleaned at close; null when not registered. */
    private volatile Cleaner.Cleanable leak;

    /** description names the object in messages: "POSIX message queue /orders". */
    public NativeHandle(String description, Resource resource) {
        this(description, resource, true);
    }

    private NativeHandle(String description, Resource resource, boolean counted) {
        this.description = description;
        this.resource = resource;
        this.counted = counted;
    }

    /**
     * A handle for an object whose close releases nothing here (a System V identifier), so nothing can be
     * released under a call and calls in flight need no count; blocked calls are still woken by close.
     */
    public static NativeHandle holdingNothing(String description) {
        return new NativeHandle(description, () -> { }, false);
    }

    public String description() {
        return description;
    }

    /** Starts a call: throws if the object is closed. */
    public void enter() throws IpcClosedException {
        if (!counted) {
            if (isClosed()) {
                throw new IpcClosedException(description, false);
            }
            return;
        }
        for (;;) {
            int s = state.get();
            if ((s & CLOSED) != 0) {
                throw new IpcClosedException(description, false);
            }
            if (state.compareAndSet(s, s + 1)) {
                return;
            }
        }
    }

    /** Ends a call started by {@link #enter()}; the last call out of a closed object releases it. */
    public void exit() {
        if (counted && state.decrementAndGet() == CLOSED) {
            resource.release();
        }
    }

    public boolean isClosed() {
        return (state.get() & CLOSED) != 0;
    }

    /** The exception for a thread that was blocked when the object was closed. */
    public IpcClosedException closedWhileBlocked() {
        return new IpcClosedException(description, true);
    }

    /**
     * Closes this handle, and logs that it leaked, when owner becomes unreachable without being closed
     * ({@link Leaks}). The resource must not refer to owner. Call once, from owner's constructor.
     *
     * @param owner the public object this handle belongs to
     * @return this handle
     */
    public NativeHandle closeWhenLeaked(Object owner) {
        leak = Leaks.register(owner, this);
        return this;
    }

    /** For {@link Leaks}: closes the handle if it is still open, and says whether it was. */
    boolean leaked() {
        if (isClosed()) {
            return false;
        }
        close();
        return true;
    }

    /** Closes: idempotent, thread-safe, never blocks. */
    public void close() {
        int s;
        do {
            s = state.get();
            if ((s & CLOSED) != 0) {
                return;
            }
        } while (!state.compareAndSet(s, (s | CLOSED) + 1)); // closed, and one more call: this one
        Cleaner.Cleanable registered = leak;
        if (registered != null) {
            leak = null;
            registered.clean(); // unregisters; its action finds the handle closed and does nothing
        }
        if (s != 0 || !counted) { // uncounted: no count says whether a call is blocked
            resource.wakeBlocked();
            Blocking.wakeAll(this);
        }
        if (counted) {
            exit();
        } else {
            resource.release();
        }
    }
}
