package io.github.ipc4j.testing;

/**
 * The main method of a victim JVM that a test attacks: whatever the body throws is printed as "WRONG" with
 * its stack trace and ends the JVM with exit code 3; a body that returns ends it with 0. A crash or a hang
 * shows as the JVM's own exit code or as no exit at all ({@link ChildJvm#waitFor}).
 */
public final class AttackedMain {
    /** What the victim does. */
    public interface Body {
        void run() throws Exception;
    }

    private AttackedMain() {}

    /** Fails the victim with what, unless condition holds: an AssertionError that {@link #exit} reports. */
    public static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    /** Runs body, then exits: 0 when it returned, 3 (after "WRONG" and the stack trace) when it threw. */
    public static void exit(Body body) {
        try {
            body.run();
        } catch (Throwable t) {
            System.out.println("WRONG " + t);
            t.printStackTrace(System.out);
            System.out.flush();
            System.exit(3);
        }
        System.out.flush();
        System.exit(0);
    }
}
