package io.github.ipc4j.internal;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.spi.AbstractSelectableChannel;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;
import java.util.Set;

/**
 * Each thread's means of being woken from a blocking native call: a wake descriptor, which every
 * descriptor wait ({@link FdWaiter}) watches, and a blocker (ipc4j_blocker.h), which cuts short calls
 * that have no descriptor ({@link SignalWait}).
 *
 * <p>Thread.interrupt() does not reach a thread blocked in native code. The one public hook that it
 * does call is {@link AbstractSelector#begin()}: between begin() and end() an interrupt invokes the
 * selector's {@link #wakeup()}. This class is a selector only for that hook; wakeup() wakes the thread
 * both ways. One per thread, made on first use; its native parts are freed by a Cleaner once the
 * thread is gone.
 */
public final class ThreadWaker extends AbstractSelector {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final ThreadLocal<ThreadWaker> CURRENT = ThreadLocal.withInitial(ThreadWaker::new);

    private final int readFd;
    private final int writeFd;
    private final long blocker;
    /** The handle this thread is blocked on in a {@link SignalWait}, or null. */
    volatile NativeHandle blockedOn;

    private ThreadWaker() {
        super(SelectorProvider.provider());
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

    /** Call before a native wait; an interrupt from now until {@link #endBlocking()} signals the descriptor. */
    public void beginBlocking() {
        begin();
    }

    public void endBlocking() {
        end();
    }

    @Override
    public Selector wakeup() {
        NativeUnix.wakeSignal(writeFd);
        NativeUnix.blockerWake(blocker);
        return this;
    }

    @Override
    protected void implCloseSelector() {
        // never closed: the descriptor lives as long as the thread
    }

    @Override
    protected SelectionKey register(AbstractSelectableChannel ch, int ops, Object att) {
        throw notASelector();
    }

    @Override
    public Set<SelectionKey> keys() {
        throw notASelector();
    }

    @Override
    public Set<SelectionKey> selectedKeys() {
        throw notASelector();
    }

    @Override
    public int selectNow() throws IOException {
        throw notASelector();
    }

    @Override
    public int select(long timeout) throws IOException {
        throw notASelector();
    }

    @Override
    public int select() throws IOException {
        throw notASelector();
    }

    private static UnsupportedOperationException notASelector() {
        return new UnsupportedOperationException("ipc4j ThreadWaker only wakes its thread; it selects nothing");
    }
}
