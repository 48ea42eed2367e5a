package io.github.ipc4j.internal;

/**
 * The signal that cuts a blocked native call short on Unix (ipc4j_blocker.h): chosen and its handler
 * installed once, on first use. By default SIGSTKFLT on Linux and SIGUSR1 on macOS; the system
 * property {@code ipc4j.wakeSignal} (a signal number) picks another where those are taken.
 *
 * <p>The handler must be ipc4j's: a handler installed by other code (another native library, or
 * sun.misc.Signal on macOS) with SA_RESTART would make a blocked call restart instead of returning,
 * and it could never be interrupted or closed. So ipc4j refuses a signal that already has another
 * handler, and a wake that finds its call stuck looks at the handler; if it was replaced, ipc4j puts its
 * own back (the stuck call ends) and every later blocking call fails with {@link #problem()}'s message.
 */
public final class WakeSignal {
    public static final String PROPERTY = "ipc4j.wakeSignal";
    private static final System.Logger LOG = System.getLogger("io.github.ipc4j");

    /** Null when the signal is usable; else why not. Computed once (class initialisation). */
    private static final String SETUP_PROBLEM = setup();

    private WakeSignal() {}

    private static String setup() {
        if (PlatformId.current().isWindows()) {
            return null;
        }
        String given;
        try {
            given = System.getProperty(PROPERTY);
        } catch (SecurityException e) {
            given = null;
        }
        int requested = 0;
        if (given != null) {
            try {
                requested = Integer.parseInt(given.trim());
            } catch (NumberFormatException e) {
                return "-D" + PROPERTY + "=" + given + " is not a signal number; give one nobody else handles (1 to "
                        + "64, not SIGKILL, SIGSTOP, SIGSEGV or SIGBUS), or leave it out for ipc4j's default";
            }
            if (requested == 0) {
                given = null; // 0 asks for the default
            }
        }
        int r = NativeUnix.blockerSetup(requested);
        int signal = NativeUnix.blockerSignal();
        if (r == 0) {
            return null;
        }
        if (r == -Errno.EBUSY) {
            return "ipc4j's wake signal " + signal + " already has a handler that is not ipc4j's (another native "
                    + "library, or sun.misc.Signal): a blocked ipc4j call could not be interrupted or closed through "
                    + "it. Choose a signal nobody handles with -D" + PROPERTY + "=<number>";
        }
        if (given != null && requested != signal) { // refused before it became the wake signal
            return "-D" + PROPERTY + "=" + given + " names a signal ipc4j cannot use (" + Errno.name(-r) + "): give "
                    + "one nobody else handles (1 to 64, not SIGKILL, SIGSTOP, SIGSEGV or SIGBUS)";
        }
        return "ipc4j's wake signal " + signal + " cannot be used (" + Errno.name(-r) + "); choose another with -D"
                + PROPERTY + "=<number>";
    }

    /** Throws when blocking calls cannot be made safe: the signal was refused, or its handler replaced. */
    public static void check() {
        if (SETUP_PROBLEM != null) {
            throw new IllegalStateException(SETUP_PROBLEM);
        }
    }

    /** The message for a blocking call that the native blocker refused (IPC4J_BLOCKER_BROKEN). */
    public static String problem() {
        if (SETUP_PROBLEM != null) {
            return SETUP_PROBLEM;
        }
        return "the handler of ipc4j's wake signal " + NativeUnix.blockerSignal() + " was replaced by code outside "
                + "ipc4j (another native library, or sun.misc.Signal), so a blocked call restarted instead of ending. "
                + "ipc4j restored its handler to end that call and refuses to block from now on: restart the JVM with "
                + "-D" + PROPERTY + "=<a signal number nobody else handles>";
    }

    static void reportUndeliverable() {
        LOG.log(System.Logger.Level.ERROR, "ipc4j: a blocked call did not end within 5 s of being signalled: "
                + problem());
    }
}
