package io.github.ipc4j.blocking;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.posix.PosixMessageQueue;
import io.github.ipc4j.posix.PosixMqOptions;
import io.github.ipc4j.posix.PosixSemOptions;
import io.github.ipc4j.posix.PosixSemaphore;
import io.github.ipc4j.sysv.SysvMessageQueue;
import io.github.ipc4j.sysv.SysvSemaphoreSet;
import io.github.ipc4j.sysv.TypeSelector;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The child JVMs of the blocking-core tests: each main prints OK and exits 0, or fails loudly. */
final class BlockingChildren {
    private BlockingChildren() {}

    /** What a blocked call ended with: a value or an exception's simple name. */
    interface Blocked {
        Object run() throws Exception;
    }

    private static String outcome(Blocked call) {
        try {
            return String.valueOf(call.run());
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    /**
     * 1,000 virtual threads blocked in ipc4j on different objects, with the scheduler's parallelism at 2:
     * other virtual threads keep running, and all 1,000 return when their objects get data or are closed.
     */
    static final class ThousandVirtualThreads {
        public static void main(String[] args) throws Exception {
            int count = 1000;
            List<AutoCloseable> objects = new ArrayList<>();
            List<Runnable> wakeByData = new ArrayList<>();
            List<Blocked> calls = new ArrayList<>();
            List<String> mqNames = new ArrayList<>();
            List<String> semNames = new ArrayList<>();
            List<Integer> sysvIds = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    switch (i % 10) {
                        case 0: { // POSIX message queues: the system allows 256 by default
                            String name = String.format("/ipc4j-vt-%d-%d", ProcessHandle.current().pid(), i);
                            mqNames.add(name);
                            PosixMessageQueue q = PosixMessageQueue.open(name,
                                    PosixMqOptions.options().createNew().maxMessages(1).messageSize(16));
                            objects.add(q);
                            calls.add(() -> q.receive(ByteBuffer.allocateDirect(16)));
                            wakeByData.add(() -> uncheck(() -> q.send(new byte[1], 0)));
                            break;
                        }
                        case 1:
                        case 2:
                        case 3: {
                            String name = String.format("/ipc4j-vt-%d-%d", ProcessHandle.current().pid(), i);
                            semNames.add(name);
                            PosixSemaphore s = PosixSemaphore.open(name,
                                    PosixSemOptions.options().createNew().initialPermits(0));
                            objects.add(s);
                            calls.add(() -> {
                                s.acquire();
                                return "acquired";
                            });
                            wakeByData.add(() -> uncheck(s::release));
                            break;
                        }
                        case 4:
                        case 5: {
                            SysvSemaphoreSet set = SysvSemaphoreSet.createPrivate(1);
                            sysvIds.add(-set.id() - 1);
                            objects.add(set);
                            calls.add(() -> {
                                set.perform(set.operation().add(0, -1).build());
                                return "performed";
                            });
                            wakeByData.add(() -> uncheck(() -> set.perform(set.operation().add(0, 1).build())));
                            break;
                        }
                        default: {
                            SysvMessageQueue q = SysvMessageQueue.createPrivate();
                            sysvIds.add(q.id());
                            objects.add(q);
                            calls.add(() -> q.receive(ByteBuffer.allocateDirect(16), TypeSelector.ANY));
                            wakeByData.add(() -> uncheck(() -> q.send(new byte[1], 3)));
                        }
                    }
                }
                AtomicInteger entered = new AtomicInteger();
                AtomicInteger woken = new AtomicInteger();
                AtomicInteger closedOrData = new AtomicInteger();
                CountDownLatch all = new CountDownLatch(count);
                for (int i = 0; i < count; i++) {
                    Blocked call = calls.get(i);
                    VirtualThreadsSupport.start("blocked-" + i, () -> {
                        entered.incrementAndGet();
                        String r = outcome(call);
                        if (r.equals("IpcClosedException") || !r.endsWith("Exception")) {
                            closedOrData.incrementAndGet();
                        } else {
                            System.out.println("unexpected outcome: " + r);
                        }
                        woken.incrementAndGet();
                        all.countDown();
                    });
                }
                while (entered.get() < count) {
                    Thread.sleep(10);
                }
                Thread.sleep(500); // all of them inside their blocking calls by now (or about to be)
                // other virtual threads still run: a ticker makes progress while the 1,000 are blocked
                AtomicLong ticks = new AtomicLong();
                CountDownLatch ticked = new CountDownLatch(100);
                VirtualThreadsSupport.start("ticker", () -> {
                    for (int i = 0; i < 100; i++) {
                        ticks.incrementAndGet();
                        ticked.countDown();
                        Thread.yield();
                    }
                });
                if (!ticked.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("no other virtual thread ran while 1,000 were blocked in ipc4j: "
                            + ticks.get() + " ticks");
                }
                if (woken.get() != 0) {
                    throw new AssertionError(woken.get() + " blocked calls returned with nothing to return for");
                }
                for (int i = 0; i < count; i++) {
                    if (i % 2 == 0) {
                        wakeByData.get(i).run();
                    } else {
                        objects.get(i).close();
                    }
                }
                if (!all.await(120, TimeUnit.SECONDS)) {
                    throw new AssertionError("only " + woken.get() + " of " + count + " blocked virtual threads returned");
                }
                if (closedOrData.get() != count) {
                    throw new AssertionError(closedOrData.get() + " of " + count + " returned as expected");
                }
                System.out.println("OK " + count + " virtual threads woken");
            } finally {
                for (AutoCloseable o : objects) {
                    o.close();
                }
                for (String name : mqNames) {
                    PosixMessageQueue.unlink(name);
                }
                for (String name : semNames) {
                    PosixSemaphore.unlink(name);
                }
                for (int id : sysvIds) {
                    if (id >= 0) {
                        try (SysvMessageQueue q = SysvMessageQueue.ofId(id)) {
                            q.remove();
                        }
                    } else {
                        try (SysvSemaphoreSet s = SysvSemaphoreSet.ofId(-id - 1)) {
                            s.remove();
                        }
                    }
                }
            }
        }
    }

    /** 1,000 platform threads blocked in System V receives, all queues closed: all return (run under prlimit). */
    static final class ThousandClosedReceivers {
        public static void main(String[] args) throws Exception {
            int count = Integer.parseInt(args[0]);
            List<SysvMessageQueue> queues = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            AtomicInteger closed = new AtomicInteger();
            AtomicInteger entered = new AtomicInteger();
            try {
                for (int i = 0; i < count; i++) {
                    SysvMessageQueue q = SysvMessageQueue.createPrivate();
                    queues.add(q);
                    Thread t = new Thread(null, () -> {
                        entered.incrementAndGet();
                        if (outcome(() -> q.receive(ByteBuffer.allocateDirect(16), TypeSelector.ANY))
                                .equals("IpcClosedException")) {
                            closed.incrementAndGet();
                        }
                    }, "receiver-" + i, 256 * 1024);
                    t.setDaemon(true);
                    t.start();
                    threads.add(t);
                }
                while (entered.get() < count) {
                    Thread.sleep(10);
                }
                Thread.sleep(500);
                for (SysvMessageQueue q : queues) {
                    q.close();
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                for (Thread t : threads) {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
                long alive = threads.stream().filter(Thread::isAlive).count();
                if (alive > 0 || closed.get() != count) {
                    throw new AssertionError(alive + " receivers still blocked; " + closed.get() + " of " + count
                            + " returned with IpcClosedException");
                }
                System.out.println("OK " + count + " receivers returned");
            } finally {
                for (SysvMessageQueue q : queues) {
                    try (SysvMessageQueue h = SysvMessageQueue.ofId(q.id())) {
                        h.remove();
                    }
                }
            }
        }
    }

    /**
     * Timed receives on many threads at once, under a RLIMIT_SIGPENDING too low for a timer each: the
     * threads without one poll, and every receive still times out, none fails.
     */
    static final class TimedReceivesWithoutTimers {
        public static void main(String[] args) throws Exception {
            int count = Integer.parseInt(args[0]);
            SysvMessageQueue q = SysvMessageQueue.createPrivate();
            try {
                List<Thread> threads = new ArrayList<>();
                AtomicInteger timedOut = new AtomicInteger();
                List<String> others = java.util.Collections.synchronizedList(new ArrayList<>());
                for (int i = 0; i < count; i++) {
                    Thread t = new Thread(() -> {
                        long start = System.nanoTime();
                        String r = outcome(() -> q.poll(ByteBuffer.allocateDirect(16), TypeSelector.ANY,
                                Duration.ofMillis(200)));
                        long elapsed = System.nanoTime() - start;
                        if (r.equals(String.valueOf(SysvMessageQueue.NO_MESSAGE))
                                && elapsed >= TimeUnit.MILLISECONDS.toNanos(200)) {
                            timedOut.incrementAndGet();
                        } else {
                            others.add(r + " after " + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms");
                        }
                    });
                    t.start();
                    threads.add(t);
                }
                for (Thread t : threads) {
                    t.join(60_000);
                }
                if (timedOut.get() != count) {
                    throw new AssertionError(timedOut.get() + " of " + count + " timed out as asked; others: " + others);
                }
                System.out.println("OK " + count + " timed receives timed out");
            } finally {
                q.remove();
            }
        }
    }

    /** A blocked receive is interrupted, then another is closed: in a JVM started with -Xrs, say. */
    static final class InterruptAndClose {
        public static void main(String[] args) throws Exception {
            SysvMessageQueue q = SysvMessageQueue.createPrivate();
            try {
                String[] result = new String[1];
                Thread t = new Thread(() -> result[0] = outcome(() -> q.receive(ByteBuffer.allocateDirect(16),
                        TypeSelector.ANY)));
                t.start();
                Thread.sleep(200);
                t.interrupt();
                t.join(20_000);
                check("InterruptedException", result[0]);
                Thread u = new Thread(() -> result[0] = outcome(() -> q.receive(ByteBuffer.allocateDirect(16),
                        TypeSelector.ANY)));
                u.start();
                Thread.sleep(200);
                q.close();
                u.join(20_000);
                check("IpcClosedException", result[0]);
                String timed = outcome(() -> SysvMessageQueue.ofId(q.id()).poll(ByteBuffer.allocateDirect(16),
                        TypeSelector.ANY, Duration.ofMillis(100)));
                check(String.valueOf(SysvMessageQueue.NO_MESSAGE), timed);
                System.out.println("OK interrupted, closed and timed out");
            } finally {
                try (SysvMessageQueue h = SysvMessageQueue.ofId(q.id())) {
                    h.remove();
                }
            }
        }
    }

    /**
     * Another handler on ipc4j's wake signal: args[0] "before" installs it (sun.misc.Signal: HotSpot's
     * handler, with SA_RESTART) before ipc4j's first blocking call, "after" once a call has been made.
     * The blocked call is a POSIX queue's receive: mq_receive is one of the calls SA_RESTART restarts.
     * Prints what the blocking calls ended with.
     */
    /** A timed receive, whose wait needs the wake signal: prints what it returned or threw. */
    static final class TimedReceive {
        public static void main(String[] args) throws Exception {
            try (SysvMessageQueue q = SysvMessageQueue.createPrivate()) {
                try {
                    System.out.println("poll: " + q.poll(ByteBuffer.allocate(16), Duration.ofMillis(50)));
                } catch (IllegalStateException e) {
                    System.out.println("poll: " + e);
                } finally {
                    q.remove();
                }
            }
        }
    }

    static final class ForeignHandler {
        public static void main(String[] args) throws Exception {
            String name = String.format("/ipc4j-fh-%d", ProcessHandle.current().pid());
            try (PosixMessageQueue q = PosixMessageQueue.open(name,
                    PosixMqOptions.options().createNew().maxMessages(1).messageSize(16))) {
                if (args[0].equals("before")) {
                    sun.misc.Signal.handle(new sun.misc.Signal(args[1]), signal -> { });
                    System.out.println("first: " + failure(() -> q.poll(ByteBuffer.allocateDirect(16),
                            Duration.ofMillis(50))));
                } else {
                    System.out.println("warm: " + outcome(() -> q.poll(ByteBuffer.allocateDirect(16),
                            Duration.ofMillis(50))));
                    sun.misc.Signal.handle(new sun.misc.Signal(args[1]), signal -> { });
                    String[] result = new String[1];
                    Thread t = new Thread(() -> result[0] = outcome(() -> q.receive(ByteBuffer.allocateDirect(16))));
                    t.start();
                    Thread.sleep(200);
                    t.interrupt();
                    t.join(30_000);
                    System.out.println("blocked: " + (t.isAlive() ? "still blocked" : result[0]));
                    System.out.println("next: " + failure(() -> q.poll(ByteBuffer.allocateDirect(16),
                            Duration.ofMillis(50))));
                }
            } finally {
                PosixMessageQueue.unlink(name);
            }
        }

        private static String failure(Blocked call) {
            try {
                return "returned " + call.run();
            } catch (Exception e) {
                return e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
    }

    private static void check(String expected, String actual) {
        if (!expected.equals(actual)) {
            throw new AssertionError("expected " + expected + ", got " + actual);
        }
    }

    interface Action {
        void run() throws Exception;
    }

    private static void uncheck(Action action) {
        try {
            action.run();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
