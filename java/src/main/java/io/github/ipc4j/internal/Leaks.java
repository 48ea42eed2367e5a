package io.github.ipc4j.internal;

import java.lang.ref.Cleaner;

/**
 * Releases what an object that was never closed holds, once it has become unreachable, and says so: one
 * Cleaner for every resource type. An object registers itself with its {@link NativeHandle}
 * ({@link NativeHandle#closeWhenLeaked}); when the garbage collector finds the object unreachable while the
 * handle is still open, the handle is closed (which releases the descriptor or handle as close() would) and
 * a WARNING is logged through {@link System.Logger} named {@value #LOGGER}. With the system property
 * {@value #TRACKING_PROPERTY}{@code =true} the message carries the stack of where the object was opened (a
 * Throwable taken at registration: a cost per open, which is why it is off by default).
 *
 * <p>The handle's {@link NativeHandle.Resource} must not refer to the object (a lambda over a field, a
 * method reference on {@code this}, an inner class): the object would stay reachable from the Cleaner and
 * never be found leaked.
 */
public final class Leaks {
    /** The logger leaks are reported to. */
    public static final String LOGGER = "io.github.ipc4j";
    /** The system property that makes leak reports carry the stack of where the object was opened. */
    public static final String TRACKING_PROPERTY = "ipc4j.leakTracking";

    private static final Cleaner CLEANER = Cleaner.create();

    private Leaks() {}

    /** Registers owner, whose handle is handle; the returned Cleanable is cleaned when the handle closes. */
    static Cleaner.Cleanable register(Object owner, NativeHandle handle) {
        Throwable opened = Boolean.getBoolean(TRACKING_PROPERTY)
                ? new Throwable("where the leaked " + handle.description() + " was opened") : null;
        return CLEANER.register(owner, new Leak(handle, opened));
    }

    /** The cleaning action: refers to the handle, never to the owner. */
    private static final class Leak implements Runnable {
        private final NativeHandle handle;
        private final Throwable opened;

        Leak(NativeHandle handle, Throwable opened) {
            this.handle = handle;
            this.opened = opened;
        }

        @Override
        public void run() {
            if (!handle.leaked()) {
                return; // closed by its owner: nothing leaked
            }
            System.Logger logger = System.getLogger(LOGGER);
            String message = handle.description() + " was never closed and became unreachable (leaked): ipc4j "
                    + "closed it now. Close every ipc4j object (try-with-resources)"
                    + (opened == null ? "; run with -D" + TRACKING_PROPERTY + "=true to see where it was opened"
                    : "");
            if (opened == null) {
                logger.log(System.Logger.Level.WARNING, message);
            } else {
                logger.log(System.Logger.Level.WARNING, message, opened);
            }
        }
    }
}
