package io.github.ipc4j.internal;

import io.github.ipc4j.IpcClosedException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Blocking native calls that no descriptor can cut short (sem_wait, semop, msgrcv, ...): the shared
 * mechanics. The native call runs between {@link #begin} and {@link #end}, takes the thread's blocker
 * ({@link ThreadWaker#blocker()}) and brackets the OS call with ipc4j_blocker_begin/end; an interrupt or
 * a close then makes it fail with EINTR, and {@link #afterEintr} tells the caller whether to throw or
 * to try again. A timeout given to the native call ends it on time on the monotonic clock, even where
 * the OS call takes no timeout. Typical loop:
 *
 * <pre>{@code
 * handle.enter();
 * try {
 *     for (;;) {
 *         // one non-blocking try first; then, if it would block:
 *         long timeout = Deadline.remaining(deadline);
 *         if (timeout == 0) return false;
 *         ThreadWaker waker = SignalWait.begin(handle);
 *         int r;
 *         try { r = NativeX.waitCall(obj, waker.blocker(), timeout); } finally { SignalWait.end(waker); }
 *         if (r == 0) return true;
 *         if (r == -Errno.EINTR) { SignalWait.afterEintr(handle); continue; }
 *         ...
 *     }
 * } finally { handle.exit(); }
 * }</pre>
 *
 * and the object's {@link NativeHandle.Resource#wakeBlocked()} calls {@link #wakeAll(NativeHandle)}.
 */
public final class SignalWait {
    private static final Set<ThreadWaker> WAKERS = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    private SignalWait() {}

    static void register(ThreadWaker waker) {
        WAKERS.add(waker);
    }

    /**
     * Before the native call (inside handle.enter/exit): from here on, closing the handle or interrupting
     * the thread wakes it.
     *
     * @throws IpcClosedException the handle was closed before the call could start
     */
    public static ThreadWaker begin(NativeHandle handle) throws IpcClosedException {
        ThreadWaker waker = ThreadWaker.current();
        waker.blockedOn = handle;
        waker.beginBlocking();
        // blockedOn is published before this read and close() sets the flag before wakeAll reads
        // blockedOn: either we see the close here, or the close sees us and wakes the call
        if (handle.isClosed()) {
            end(waker);
            throw handle.closedWhileBlocked();
        }
        return waker;
    }

    public static void end(ThreadWaker waker) {
        waker.endBlocking();
        waker.blockedOn = null;
    }

    /**
     * After the native call failed with EINTR: throws if the object was closed or the thread interrupted;
     * returns when the caller should simply try again (a signal of someone else's, or its own deadline).
     */
    public static void afterEintr(NativeHandle handle) throws InterruptedException, IpcClosedException {
        if (handle.isClosed()) {
            throw handle.closedWhileBlocked();
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /** Wakes every thread blocked on handle: what its close does. Returns once they have left their calls. */
    public static void wakeAll(NativeHandle target) {
        List<ThreadWaker> blocked = new ArrayList<>();
        synchronized (WAKERS) {
            for (ThreadWaker waker : WAKERS) {
                if (waker.blockedOn == target) {
                    blocked.add(waker);
                }
            }
        }
        for (ThreadWaker waker : blocked) {
            NativeUnix.blockerWake(waker.blocker());
        }
    }
}
