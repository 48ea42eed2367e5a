package io.github.ipc4j.internal;

import java.lang.ref.Cleaner;

/**
 * Each thread's means of being woken from a blocking native call: a wake descriptor, which every
 * descriptor wait ({@link FdWaiter}) watches, and a blocker (ipc4j_blocker.h), which cuts short calls
 * that have no descriptor ({@link SignalWait}).
 *
 * <p>An interrupt wakes the thread both ways ({@link InterruptHook}). One per thread, made on first use;
 * its native parts are freed by a Cleaner once the thread is gone.
 */
public final class ThreadWaker extends InterruptHook {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final ThreadLocal<ThreadWaker> CURRENT = ThreadLocal.withInitial(ThreadWaker::new);

    private final int readFd;
    private final int writeFd;
    private final long blocker;
    /** The handle this thread is blocked on in a {@link SignalWait}, or null. */
    volatile NativeHandle blockedOn;

    private ThreadWaker() {
        long fds = NativeUnix.wakeOpen();
        if (fds < 0) {
            throw new IllegalStateException("ipc4j: cannot create a wake descriptor: " + Errno.name((int) -fds));
        }
        long b = NativeUnix.blockerCreate();
        if (b < 0) {
            NativeUnix.wakeClose((int) fds, (int) (fds >>> 32));
            throw new IllegalStateException("ipc4j: cannot create a thread blocker: " + Errno.name((int) -b));
        }
        readFd = (int) fds;
        writeFd = (int) (fds >>> 32);
        blocker = b;
        int r = readFd;
        int w = writeFd;
        CLEANER.register(this, () -> {
            NativeUnix.wakeClose(r, w);
            NativeUnix.blockerFree(b);
        });
        SignalWait.register(this);
    }

    public static ThreadWaker current() {
        return CURRENT.get();
    }

    public int readFd() {
        return readFd;
    }

    /** The native blocker's address, for natives that block in a call with no descriptor. */
    public long blocker() {
        return blocker;
    }

    @Override
    protected void wake() {
        NativeUnix.wakeSignal(writeFd);
        NativeUnix.blockerWake(blocker);
    }
}
