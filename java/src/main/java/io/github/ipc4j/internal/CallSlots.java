package io.github.ipc4j.internal;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The pool of {@link CallSlot}s: one per blocking call in progress, process-wide, grown on demand and
 * never shrunk (a slot is a few bytes of native memory). Taking one is a CAS on a slot picked from the
 * thread's hash, so concurrent callers rarely meet; no thread-local state, which would pin a
 * virtual thread's waker to a carrier and keep ipc4j's class loader reachable from every thread.
 */
final class CallSlots {
    private static final AtomicIntegerFieldUpdater<CallSlot> TAKEN =
            AtomicIntegerFieldUpdater.newUpdater(CallSlot.class, "taken");
    private static volatile CallSlot[] slots = new CallSlot[0];

    private CallSlots() {}

    static CallSlot take() {
        CallSlot[] all = slots;
        int n = all.length;
        if (n > 0) {
            int mask = n - 1;
            int start = System.identityHashCode(Thread.currentThread());
            for (int i = 0; i < n; i++) {
                CallSlot slot = all[(start + i) & mask];
                if (slot.taken == 0 && TAKEN.compareAndSet(slot, 0, 1)) {
                    return slot;
                }
            }
        }
        return grow(all);
    }

    static void give(CallSlot slot) {
        TAKEN.lazySet(slot, 0);
    }

    /** Every slot there is now (read-only view of the array): close() looks for its calls here. */
    static CallSlot[] all() {
        return slots;
    }

    private static synchronized CallSlot grow(CallSlot[] seen) {
        CallSlot[] all = slots;
        if (all == seen) {
            CallSlot[] bigger = new CallSlot[Math.max(16, all.length * 2)];
            System.arraycopy(all, 0, bigger, 0, all.length);
            for (int i = all.length; i < bigger.length; i++) {
                bigger[i] = new CallSlot();
            }
            slots = bigger;
            all = bigger;
        }
        // taken by this thread before anyone else can see the new slots' indexes in use
        for (CallSlot slot : all) {
            if (slot.taken == 0 && TAKEN.compareAndSet(slot, 0, 1)) {
                return slot;
            }
        }
        return grow(all);
    }
}
