package io.github.ipc4j.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Actions the native library runs later, on a thread of its own (e.g. mq_notify's): C holds only a
 * token, never a Java reference, so an action dropped here is simply never run.
 */
public final class NativeCallbacks {
    private static final AtomicLong NEXT_TOKEN = new AtomicLong(1);
    private static final Map<Long, Runnable> PENDING = new ConcurrentHashMap<>();

    private NativeCallbacks() {}

    public static long add(Runnable action) {
        long token = NEXT_TOKEN.getAndIncrement();
        PENDING.put(token, action);
        return token;
    }

    /** Forgets the action; true if it had not run yet. */
    public static boolean remove(long token) {
        return PENDING.remove(token) != null;
    }

    /** Whether the action for token is still to run (neither run nor removed). */
    public static boolean isPending(long token) {
        return PENDING.containsKey(token);
    }

    /** Runs (once) the action for token, if it is still pending. */
    static void fire(long token) {
        Runnable action = PENDING.remove(token);
        if (action != null) {
            action.run();
        }
    }
}
