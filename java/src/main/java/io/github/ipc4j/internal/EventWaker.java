package io.github.ipc4j.internal;

import java.lang.ref.Cleaner;

/**
 * Each thread's means of being woken from a blocking native call on Windows: an auto-reset event that
 * every wait ({@link HandleWaiter}) watches, set by an interrupt ({@link InterruptHook}). One per
 * thread, made on first use; the event is closed by a Cleaner once the thread is gone.
 */
public final class EventWaker extends InterruptHook {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final ThreadLocal<EventWaker> CURRENT = ThreadLocal.withInitial(EventWaker::new);

    private final long event;

    private EventWaker() {
        long e = NativeWindows.eventCreate(false);
        if (e < 0) {
            throw new IllegalStateException("ipc4j: cannot create a wake event: " + WinErrors.name((int) -e));
        }
        event = e;
        CLEANER.register(this, () -> NativeWindows.eventClose(e));
    }

    public static EventWaker current() {
        return CURRENT.get();
    }

    public long event() {
        return event;
    }

    @Override
    protected void wake() {
        NativeWindows.eventSet(event);
    }
}
