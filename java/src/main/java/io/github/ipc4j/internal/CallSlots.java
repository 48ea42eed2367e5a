package io.github.ipc4j.internal;

import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * The pool of {@link CallSlot}s: one per blocking call in progress, process-wide, grown on demand and
 * never shrunk (a slot is a few bytes of native memory). Taking one is a CAS on a slot picked from the
 * thread's hash, so concurrent callers rarely meet; no thread-local state, which would pin a
 * virtual thread's waker to a carrier and keep ipc4j's class loader reachable from every thread.
 */
final class CallSlots {
    /** A slot's target while no call has it. */
    static final Object FREE = new Object();
    /** A slot's target while lent to a call that nothing can close. */
    static final Object NO_TARGET = new Object();
    private static final AtomicReferenceFieldUpdater<CallSlot, Object> TARGET =
            AtomicReferenceFieldUpdater.newUpdater(CallSlot.class, Object.class, "target");
    private static volatile CallSlot[] slots = new CallSlot[0];

    private CallSlots() {}

    /** Lends a slot to a call blocked on target (NO_TARGET when there is none). */
    static CallSlot take(Object target) {
        CallSlot[] all = slots;
        int n = all.length;
        if (n > 0) {
            int mask = n - 1;
            int start = System.identityHashCode(Thread.currentThread());
            for (int i = 0; i < n; i++) {
                CallSlot slot = all[(start + i) & mask];
                if (slot.target == FREE && TARGET.compareAndSet(slot, FREE, target)) {
                    return slot;
                }
            }
        }
        return grow(all, target);
    }

    /** Gives the slot back: no fence needed, a late close() that still sees the old target only wakes it. */
    static void give(CallSlot slot) {
        TARGET.lazySet(slot, FREE);
    }

    /** Every slot there is now (read-only view of the array): close() looks for its calls here. */
    static CallSlot[] all() {
        return slots;
    }

    private static synchronized CallSlot grow(CallSlot[] seen, Object target) {
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
            if (slot.target == FREE && TARGET.compareAndSet(slot, FREE, target)) {
                return slot;
            }
        }
        return grow(all, target);
    }
}
