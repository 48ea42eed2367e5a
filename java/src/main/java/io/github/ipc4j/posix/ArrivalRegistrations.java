package io.github.ipc4j.posix;

import java.util.HashMap;
import java.util.Map;

/**
 * The arrival notifications (mq_notify) this process has registered, by queue (its inode). The kernel drops a
 * queue's registration when the registering process closes ANY descriptor of that queue, not only the one it
 * registered through: every mq_close goes through {@link #closing} so that the registration it may drop is
 * renewed (or its future completed) instead of leaving the future pending for ever.
 */
final class ArrivalRegistrations {
    /** Held while registering and around each close, so that no close slips between a check and a renewal. */
    static final Object LOCK = new Object();
    private static final Map<Long, PosixMessageQueue.Renewable> BY_QUEUE = new HashMap<>(); // guarded by LOCK

    private ArrivalRegistrations() {}

    /** Loads and initializes this class: does nothing else. */
    static void load() {
    }

    static void add(long queue, PosixMessageQueue.Renewable registration) {
        synchronized (LOCK) {
            BY_QUEUE.put(queue, registration);
        }
    }

    static void remove(long queue, PosixMessageQueue.Renewable registration) {
        synchronized (LOCK) {
            BY_QUEUE.remove(queue, registration);
        }
    }

    /** Closes a queue descriptor (close, which returns the queue's identity or -1), then renews what it dropped. */
    interface Closer {
        long close();
    }

    static void closing(Closer closer) {
        Runnable outcome = null;
        synchronized (LOCK) {
            if (BY_QUEUE.isEmpty()) {
                closer.close(); // no registration to lose: no fstat either
                return;
            }
            long queue = closer.close();
            PosixMessageQueue.Renewable dropped = queue < 0 ? null : BY_QUEUE.get(queue);
            if (dropped != null) {
                outcome = dropped.renew();
            }
        }
        if (outcome != null) {
            outcome.run(); // completes a future: its dependent actions run outside the lock
        }
    }
}
