package io.github.ipc4j.portable;

import io.github.ipc4j.OwnerDiedException;
import io.github.ipc4j.SharedMemory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** The second JVM of the portable conformance tests; each mode prints "ready" once its objects are open. */
public final class PortableChild {
    private PortableChild() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "echo": // echo BACKEND IN OUT COUNT: receives COUNT messages on IN, sends each back on OUT
                echo(NamedMessageQueue.Backend.valueOf(args[1]), args[2], args[3], Integer.parseInt(args[4]));
                break;
            case "produce": // produce BACKEND NAME THREADS PER BASE: THREADS threads send PER ids from BASE
                produce(NamedMessageQueue.Backend.valueOf(args[1]), args[2], Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]), Integer.parseInt(args[5]));
                break;
            case "permits": // permits NAME THREADS ROUNDS: each thread acquires and releases ROUNDS times
                permits(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                break;
            case "count": // count BACKEND LOCK SHM THREADS ROUNDS: a counter in SHM incremented under the lock
                count(NamedLock.Backend.valueOf(args[1]), args[2], args[3], Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]));
                break;
            case "hold": // hold BACKEND LOCK: takes the lock, says "held", waits to be killed
                try (NamedLock lock = NamedLock.open(args[2], NamedLock.Backend.valueOf(args[1]))) {
                    lock.lock();
                    System.out.println("held");
                    System.out.flush();
                    Thread.sleep(120_000);
                }
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }

    private static void ready() {
        System.out.println("ready");
        System.out.flush();
    }

    private static void echo(NamedMessageQueue.Backend backend, String in, String out, int count) throws Exception {
        try (NamedMessageQueue from = NamedMessageQueue.open(in, NamedQueueOptions.options().backend(backend));
             NamedMessageQueue to = NamedMessageQueue.open(out, NamedQueueOptions.options().backend(backend))) {
            ready();
            ByteBuffer buffer = ByteBuffer.allocateDirect(from.messageSize());
            for (int i = 0; i < count; i++) {
                buffer.clear();
                from.receive(buffer);
                buffer.flip();
                to.send(buffer);
            }
        }
    }

    static void produce(NamedMessageQueue.Backend backend, String name, int threads, int per, int base)
            throws Exception {
        try (NamedMessageQueue queue = NamedMessageQueue.open(name, NamedQueueOptions.options().backend(backend))) {
            ready();
            runThreads(threads, t -> {
                ByteBuffer message = ByteBuffer.allocate(8);
                for (int i = 0; i < per; i++) {
                    message.clear();
                    message.putInt(base + t * per + i).putInt(t).flip();
                    queue.send(message);
                }
            });
        }
    }

    static void permits(String name, int threads, int rounds) throws Exception {
        try (NamedSemaphore sem = NamedSemaphore.open(name, NamedSemOptions.options())) {
            ready();
            runThreads(threads, t -> {
                for (int i = 0; i < rounds; i++) {
                    sem.acquire();
                    sem.release();
                }
            });
        }
    }

    static void count(NamedLock.Backend backend, String lockName, String shmName, int threads, int rounds)
            throws Exception {
        try (NamedLock lock = NamedLock.open(lockName, backend);
             SharedMemory shm = NamedSharedMemory.open(shmName, NamedShmOptions.options())) {
            ready();
            runThreads(threads, t -> {
                ByteBuffer view = shm.buffer();
                for (int i = 0; i < rounds; i++) {
                    try {
                        lock.lock();
                    } catch (OwnerDiedException e) {
                        throw new AssertionError("no holder died here", e);
                    }
                    try {
                        view.putLong(0, view.getLong(0) + 1); // not atomic: only the lock keeps it right
                    } finally {
                        lock.unlock();
                    }
                }
            });
        }
    }

    /** What each of several threads runs. */
    interface Body {
        void run(int thread) throws Exception;
    }

    /** Runs body on threads threads and rethrows the first failure. */
    static void runThreads(int threads, Body body) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread thread = new Thread(() -> {
                try {
                    body.run(index);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "portable-" + t);
            thread.start();
            started.add(thread);
        }
        for (Thread thread : started) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a thread failed", failure.get());
        }
    }
}
