package io.github.ipc4j.internal;

import io.github.ipc4j.IpcException;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Blocking native calls made for virtual threads: a virtual thread blocked in native code would hold
 * its carrier, so the call runs on a platform worker of this pool while the virtual thread parks (and
 * its carrier runs other virtual threads). The worker makes the call exactly as a platform thread
 * would (a {@link CallSlot}, interrupt hook, close wakes it); an interrupt of the virtual thread is
 * passed on to the worker for as long as it runs that call, and not a moment longer.
 *
 * <p>Workers are made on demand, one per call in progress, and end after a minute without work.
 */
public final class Offload {
    /** A blocking operation run on a worker. Returns a value the caller decodes; may throw. */
    @FunctionalInterface
    public interface Op {
        long run() throws IOException, InterruptedException;
    }

    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final ConcurrentLinkedDeque<Worker> IDLE = new ConcurrentLinkedDeque<>();
    private static final AtomicInteger COUNT = new AtomicInteger();

    private Offload() {}

    /** Runs op on a worker while the calling (virtual) thread parks; op's result or its exception. */
    public static long run(Op op) throws IOException, InterruptedException {
        Worker worker = reserve();
        try {
            return worker.run(op);
        } finally {
            release(worker);
        }
    }

    /**
     * A worker for the caller alone until {@link #release}: for a lock its OS thread must hold.
     *
     * @throws IpcException no idle worker, and the OS refused a new thread (a thread or process limit)
     */
    public static Worker reserve() throws IpcException {
        Worker worker = IDLE.pollFirst();
        return worker != null ? worker : new Worker();
    }

    public static void release(Worker worker) {
        IDLE.offerFirst(worker);
    }

    /** One call handed over: its outcome, and whether an interrupt may still be passed on. */
    private static final class Task {
        final Op op;
        final Thread caller;
        long result;
        Throwable failure;
        boolean finished; // guarded by this: no interrupt is passed on once set
        /** Set before an interrupt is passed on: the worker may take the interrupt for a stray one of its idle time. */
        volatile boolean interruptPassed;
        volatile boolean done;

        Task(Op op, Thread caller) {
            this.op = op;
            this.caller = caller;
        }
    }

    /** A platform thread that runs handed-over calls one at a time. */
    public static final class Worker implements Runnable {
        private final Thread thread;
        private volatile Task task;

        Worker() throws IpcException {
            thread = new Thread(null, this, "ipc4j-blocking-" + COUNT.incrementAndGet(), 0, false);
            thread.setDaemon(true);
            thread.setContextClassLoader(null);
            try {
                thread.start();
            } catch (OutOfMemoryError e) {
                throw threadLimit(e);
            }
        }

        /** The JVM's "unable to create native thread" as the limit it is; any other OutOfMemoryError as it is. */
        private static IpcException threadLimit(OutOfMemoryError e) {
            if (!String.valueOf(e.getMessage()).contains("native thread")) {
                throw e;
            }
            IpcException limit = Errors.limit(Errno.EAGAIN, "pthread_create", "a blocking call on a virtual thread",
                    "no platform thread could be started to make it (such a call runs on one, so that its virtual "
                    + "thread's carrier stays free)", "RLIMIT_NPROC (ulimit -u), or the pids.max of the "
                    + "process's cgroup", "ulimit -u <higher>, or TasksMax= for a systemd service; or fewer "
                    + "blocking calls at once on virtual threads");
            limit.addSuppressed(e);
            return limit;
        }

        /** Runs op on this worker; the caller parks until it is done, passing on its interrupts. */
        public long run(Op op) throws IOException, InterruptedException {
            Task t = new Task(op, Thread.currentThread());
            task = t;
            LockSupport.unpark(thread);
            boolean interrupted = false;
            while (!t.done) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true;
                    synchronized (t) {
                        if (!t.finished) {
                            t.interruptPassed = true;
                            thread.interrupt();
                        }
                    }
                }
            }
            Throwable failure = t.failure;
            if (interrupted && !(failure instanceof InterruptedException)) {
                Thread.currentThread().interrupt(); // the call completed anyway: keep the interrupt for later
            }
            if (failure == null) {
                return t.result;
            }
            if (failure instanceof IOException) {
                throw (IOException) failure;
            }
            if (failure instanceof InterruptedException) {
                throw (InterruptedException) failure;
            }
            if (failure instanceof RuntimeException) {
                throw (RuntimeException) failure;
            }
            throw (Error) failure;
        }

        @Override
        public void run() {
            for (;;) {
                Task t = awaitTask();
                if (t == null) {
                    return;
                }
                if (t.interruptPassed) {
                    // passed on while this worker woke up to take t, and cleared there as a stray interrupt
                    Thread.currentThread().interrupt();
                }
                try {
                    t.result = t.op.run();
                } catch (Throwable e) {
                    t.failure = e;
                }
                synchronized (t) {
                    t.finished = true;
                }
                Thread.interrupted(); // an interrupt passed on for t is spent: it must not reach the next call
                t.done = true;
                LockSupport.unpark(t.caller);
            }
        }

        private Task awaitTask() {
            long idleSince = System.nanoTime();
            for (;;) {
                Task t = task;
                if (t != null) {
                    task = null;
                    return t;
                }
                if (System.nanoTime() - idleSince > IDLE_NANOS && IDLE.removeLastOccurrence(this)) {
                    return null; // out of the pool: nobody can hand it work any more
                }
                LockSupport.parkNanos(this, IDLE_NANOS);
                Thread.interrupted();
            }
        }
    }
}
