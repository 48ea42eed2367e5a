package io.github.ipc4j.portable;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.blocking.VirtualThreadsSupport;
import io.github.ipc4j.testing.AttackedMain;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The JVM of {@link PortableAttackTest} (JDK 21+, run with a scheduler of 2 carriers): {@code virtual PREFIX N}
 * makes N portable objects named PREFIX + i, in turn a POSIX-mq NamedMessageQueue, a shared-memory
 * NamedMessageQueue, a NamedSemaphore with no permit and a NamedLock this JVM's main thread holds, and blocks
 * one virtual thread on each (receive, acquire, lock). While they are blocked another virtual thread must run.
 * Then every other group of five is interrupted (InterruptedException, and the object still works), the
 * others have their object closed by other virtual threads (IpcClosedException, and a later call throws it
 * too). Prints "portable virtual ok" when all ended so within 60 s; exits 3 otherwise.
 *
 * <p>{@code limit KIND PREFIX} (run under a lowered rlimit): opens objects of KIND (channel: a
 * SharedMemoryChannel; mq and shm: a NamedMessageQueue on POSIX mq or shared memory) named PREFIX + i (after
 * one opened and closed, so that the library is loaded) until an open fails, prints "FAILED CLASS: MESSAGE", closes and removes them all, prints the descriptor count before
 * and after ("fds BEFORE AFTER"), then opens one more ("reopened").
 *
 * <p>{@code fileLock NAME}: opens a FILE_LOCK NamedLock: "opened", or "REFUSED MESSAGE" (AccessDeniedException).
 *
 * <p>{@code shrunkQueue NAME}: makes a shared-memory NamedMessageQueue, exchanges 200 messages, prints
 * "ready" and waits a second (the test shrinks the memory meanwhile, while no call runs, so that no atomic
 * can race the shrink), then sends: "OUTCOME sender CLASS: MESSAGE" when that fails with an IpcException.
 */
public final class PortableAttackChild {
    private static final int KINDS = 4;

    private PortableAttackChild() {}

    public static void main(String[] args) {
        AttackedMain.exit(() -> {
            if ("limit".equals(args[0])) {
                limit(args[1], args[2]);
            } else if ("shrunkQueue".equals(args[0])) {
                shrunkQueue(args[1]);
            } else if ("fileLock".equals(args[0])) {
                try {
                    NamedLock.open(args[1], NamedLock.Backend.FILE_LOCK).close();
                    System.out.println("opened");
                } catch (java.nio.file.AccessDeniedException e) {
                    System.out.println("REFUSED " + e.getMessage());
                }
            } else {
                virtual(args[1], Integer.parseInt(args[2]));
            }
        });
    }

    private static void virtual(String prefix, int n) throws Exception {
        AutoCloseable[] objects = new AutoCloseable[n];
        NamedLock[] held = new NamedLock[n];
        Thread[] threads = new Thread[n];
        String[] outcomes = new String[n];
        CountDownLatch started = new CountDownLatch(n);
        CountDownLatch done = new CountDownLatch(n);
        try {
            for (int i = 0; i < n; i++) {
                String name = prefix + i;
                switch (i % KINDS) {
                    case 0:
                    case 1:
                        objects[i] = NamedMessageQueue.open(name, NamedQueueOptions.options().createNew()
                                .backend(i % KINDS == 0 ? NamedMessageQueue.Backend.POSIX_MQ
                                        : NamedMessageQueue.Backend.SHARED_MEMORY).capacity(4).messageSize(16));
                        break;
                    case 2:
                        objects[i] = NamedSemaphore.open(name, NamedSemOptions.options().createNew()
                                .initialPermits(0));
                        break;
                    default:
                        held[i] = NamedLock.open(name, NamedLock.Backend.ROBUST_MUTEX);
                        held[i].lock();
                        objects[i] = NamedLock.open(name, NamedLock.Backend.ROBUST_MUTEX);
                        break;
                }
            }
            for (int i = 0; i < n; i++) {
                int k = i;
                threads[i] = VirtualThreadsSupport.start("blocked-" + i, () -> {
                    started.countDown();
                    outcomes[k] = blockOnce(objects[k], (k / KINDS) % 2 == 0);
                    done.countDown();
                });
            }
            started.await();
            Thread.sleep(500);
            int[] ran = new int[1];
            VirtualThreadsSupport.start("other", () -> ran[0] = 1).join(10_000);
            if (ran[0] != 1) {
                throw new AssertionError("no other virtual thread runs while " + n + " are blocked");
            }
            for (int i = 0; i < n; i++) {
                if ((i / KINDS) % 2 == 0) {
                    threads[i].interrupt();
                } else {
                    AutoCloseable closing = objects[i];
                    VirtualThreadsSupport.start("closer-" + i, () -> {
                        try {
                            closing.close();
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    });
                }
            }
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError(done.getCount() + " of " + n + " virtual threads still blocked 60 s later");
            }
            for (int i = 0; i < n; i++) {
                if (!"ok".equals(outcomes[i])) {
                    throw new AssertionError("virtual thread " + i + " (kind " + i % KINDS + "): " + outcomes[i]);
                }
            }
            System.out.println("portable virtual ok");
        } finally {
            for (int i = 0; i < n; i++) {
                if (objects[i] != null) {
                    objects[i].close();
                }
                if (held[i] != null) {
                    held[i].unlock();
                    held[i].close();
                }
            }
        }
    }

    /** One blocking call on object; interrupted ones must then still work, closed ones throw after. */
    private static String blockOnce(AutoCloseable object, boolean interrupted) {
        try {
            if (!VirtualThreadsSupport.isVirtual(Thread.currentThread())) {
                return "not a virtual thread";
            }
            call(object, false);
            return "the blocking call returned";
        } catch (InterruptedException e) {
            if (!interrupted) {
                return e.toString();
            }
            try {
                return call(object, true) ? "ok" : "unusable after the interrupt";
            } catch (Exception again) {
                return "after the interrupt: " + again;
            }
        } catch (IpcClosedException e) {
            if (interrupted) {
                return e.toString();
            }
            try {
                call(object, true);
                return "a call after close returned";
            } catch (IpcClosedException expected) {
                return "ok";
            } catch (Exception other) {
                return "a call after close: " + other;
            }
        } catch (Throwable t) {
            return t.toString();
        }
    }

    /** The blocking call (check false), or a check that the object still works (true: whether it did). */
    private static boolean call(AutoCloseable object, boolean check) throws Exception {
        if (object instanceof NamedMessageQueue) {
            NamedMessageQueue q = (NamedMessageQueue) object;
            ByteBuffer buffer = ByteBuffer.allocate(q.maxMessageSize());
            if (!check) {
                q.receive(buffer);
                return true;
            }
            q.send(ByteBuffer.wrap(new byte[] {3}));
            return q.poll(buffer) == 1 && buffer.get(0) == 3;
        }
        if (object instanceof NamedSemaphore) {
            NamedSemaphore s = (NamedSemaphore) object;
            if (!check) {
                s.acquire();
                return true;
            }
            s.release();
            return s.tryAcquire();
        }
        NamedLock lock = (NamedLock) object;
        if (!check) {
            lock.lock();
            return true;
        }
        return !lock.tryLock(); // the main thread still holds it: refused, no exception
    }
    private static void limit(String kind, String prefix) throws Exception {
        try {
            openOne(kind, prefix + "warm").close(); // the library loaded, its own descriptors made
        } catch (java.io.IOException e) {
            // RLIMIT_MSGQUEUE counts every queue of the user: other processes may already hold the bytes
            System.out.println("QUOTA-TAKEN " + e.getMessage());
            return;
        }
        removeOne(kind, prefix + "warm");
        // a first round to the limit makes what a process makes once (classes loaded from jars on the way to the
        // failure keep their jar open): descriptors counted around the second round are what a round leaks
        openToTheLimit(kind, prefix + "f");
        long before = descriptors();
        System.out.println(openToTheLimit(kind, prefix));
        System.out.println("fds " + before + " " + descriptors());
        openOne(kind, prefix + "again").close();
        removeOne(kind, prefix + "again");
        System.out.println("reopened");
    }

    /** Opens objects until an open fails, then closes and removes them all: the failure, or "never failed". */
    private static String openToTheLimit(String kind, String prefix) throws Exception {
        java.util.List<AutoCloseable> open = new java.util.ArrayList<>();
        String failure = null;
        int i = 0;
        try {
            for (; i < 100_000; i++) {
                open.add(openOne(kind, prefix + i));
            }
        } catch (java.io.IOException e) {
            failure = "FAILED " + e.getClass().getName() + ": " + e.getMessage();
        }
        for (AutoCloseable object : open) {
            object.close();
        }
        for (int k = 0; k <= i; k++) {
            removeOne(kind, prefix + k);
        }
        return failure == null ? "never failed" : failure;
    }

    private static AutoCloseable openOne(String kind, String name) throws java.io.IOException {
        if ("channel".equals(kind)) {
            return io.github.ipc4j.SharedMemoryChannel.open("/" + name, io.github.ipc4j.ChannelOptions.options()
                    .createNew().receiver().capacity(io.github.ipc4j.ChannelOptions.MIN_CAPACITY));
        }
        if ("filelock".equals(kind)) {
            return NamedLock.open(name, NamedLock.Backend.FILE_LOCK);
        }
        return NamedMessageQueue.open(name, NamedQueueOptions.options().createNew().backend(backend(kind))
                .capacity(8).messageSize(1024));
    }

    private static void removeOne(String kind, String name) throws java.io.IOException {
        try {
            if ("channel".equals(kind)) {
                io.github.ipc4j.SharedMemoryChannel.unlink("/" + name);
            } else if ("filelock".equals(kind)) {
                NamedLock.remove(name, NamedLock.Backend.FILE_LOCK);
            } else {
                NamedMessageQueue.remove(name, backend(kind));
            }
        } catch (java.nio.file.NoSuchFileException never) {
            // the open that failed made nothing
        }
    }

    private static NamedMessageQueue.Backend backend(String kind) {
        return "mq".equals(kind) ? NamedMessageQueue.Backend.POSIX_MQ : NamedMessageQueue.Backend.SHARED_MEMORY;
    }

    private static long descriptors() {
        return java.util.Objects.requireNonNull(new java.io.File("/proc/self/fd").list()).length;
    }
    private static void shrunkQueue(String name) throws Exception {
        try (NamedMessageQueue q = NamedMessageQueue.open(name, NamedQueueOptions.options().createNew()
                .backend(NamedMessageQueue.Backend.SHARED_MEMORY).capacity(8).messageSize(64))) {
            ByteBuffer buffer = ByteBuffer.allocate(64);
            for (int i = 0; i < 200; i++) {
                q.send(ByteBuffer.wrap(new byte[] {(byte) i}));
                buffer.clear();
                q.receive(buffer);
            }
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(1000);
            try {
                q.send(ByteBuffer.wrap(new byte[] {1}));
                System.out.println("sent into a shrunk queue");
            } catch (io.github.ipc4j.IpcException e) {
                System.out.println("OUTCOME sender " + e.getClass().getName() + ": " + e.getMessage());
            }
        }
        System.out.println("closed");
    }
}
