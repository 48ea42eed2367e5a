package io.github.ipc4j.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Virtual threads (JDK 21+) for a suite that compiles and runs on JDK 17: Thread.ofVirtual() is looked up
 * once by reflection, and on an older JDK {@link #unavailableReason()} says why there are none.
 */
final class VirtualThreads {
    private static final Method OF_VIRTUAL;
    private static final Method UNSTARTED;
    private static final String UNAVAILABLE;

    static {
        Method ofVirtual = null;
        Method unstarted = null;
        String reason = null;
        try {
            ofVirtual = Thread.class.getMethod("ofVirtual");
            unstarted = Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class);
        } catch (ReflectiveOperationException e) {
            reason = "this JVM is " + Runtime.version() + " and virtual threads need JDK 21+";
        }
        OF_VIRTUAL = ofVirtual;
        UNSTARTED = unstarted;
        UNAVAILABLE = reason;
    }

    private VirtualThreads() {}

    /** Null when this JVM has virtual threads, else why not. */
    static String unavailableReason() {
        return UNAVAILABLE;
    }

    /** A virtual thread that will run task (start it); a platform thread when virtual is false. */
    static Thread unstarted(boolean virtual, String name, Runnable task) {
        if (!virtual) {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        }
        if (UNAVAILABLE != null) {
            throw new UnsupportedOperationException(UNAVAILABLE);
        }
        try {
            Thread t = (Thread) UNSTARTED.invoke(OF_VIRTUAL.invoke(null), task);
            t.setName(name);
            return t;
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Thread.ofVirtual().unstarted failed", e);
        }
    }

    /** A task that may throw. */
    interface Task {
        void run() throws Exception;
    }

    /** Runs task on a virtual thread and waits for it; what it throws is thrown here. */
    static void runAndJoin(Task task) throws Exception {
        Exception[] failure = new Exception[1];
        Thread t = unstarted(true, "ipc4j-bench virtual", () -> {
            try {
                task.run();
            } catch (Exception e) {
                failure[0] = e;
            }
        });
        t.start();
        t.join();
        if (failure[0] != null) {
            throw failure[0];
        }
    }
}
