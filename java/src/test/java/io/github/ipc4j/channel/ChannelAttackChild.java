package io.github.ipc4j.channel;

import io.github.ipc4j.ChannelOptions;
import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.PeerDiedException;
import io.github.ipc4j.SharedMemoryChannel;
import io.github.ipc4j.testing.AttackedMain;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The victim JVM of {@link ChannelAttackTest}: its exit code and output say whether an attack on its channel
 * from another process ended in a clear exception (exit 0) or in something else (exit 3, "WRONG"), and a
 * crash shows as the JVM's own exit code and hs_err text. Modes:
 * <ul>
 * <li>{@code exchange NAME SPIN_MILLIS VERIFY SHRINK}: creates channel NAME and exchanges test messages between
 * a sender thread and a receiver thread (the sender pausing now and then, so that the receiver sleeps in the
 * kernel as well as spins), checking each message when VERIFY is true (when SHRINK is true, a message torn
 * by the shrink ends the receiver as "OUTCOME receiver torn", the documented limit); prints "ready" after the first
 * 200. Each thread runs until its first exception, which must be an IpcException or PeerDiedException
 * (printed as "OUTCOME sender|receiver CLASS: MESSAGE"); the main thread then closes both ends (ending the
 * other thread's wait), checks that a call after close throws IpcClosedException, and prints "closed".
 * Exits by itself after 20 s without an exception ("OUTCOME none").</li>
 * <li>{@code closeShrunk NAME}: creates channel NAME, opens both ends, shrinks the object to nothing (as a
 * peer would), polls (a fault whose report the JVM may still owe when close starts) and closes both ends,
 * whose give-back faults on the lost page; then allocates and collects
 * for a while, where a fault the JVM had noted but not reported would surface. Prints "closed clean".</li>
 * <li>{@code virtual PREFIX N} (JDK 21+, run with a scheduler of 2 carriers): N virtual threads each block
 * in receive on a channel of their own (PREFIX + i). While they are blocked, another virtual thread must
 * run. Then a quarter get a message, a quarter are interrupted (InterruptedException; the channel then
 * carries a message both ways), a quarter have their channel closed by other virtual threads
 * (IpcClosedException; a later call throws it too), and a quarter were in a 300 ms poll that times out.
 * Prints "virtual ok" when every one ended as it should within 60 s.</li>
 * <li>{@code platform PREFIX N}: the same with platform threads (run under a lowered RLIMIT_SIGPENDING, so
 * that wake-ups cannot all be queued signals); prints "platform ok".</li>
 * </ul>
 */
public final class ChannelAttackChild {
    private ChannelAttackChild() {}

    public static void main(String[] args) throws Exception {
        AttackedMain.exit(() -> {
            if ("virtual".equals(args[0]) || "platform".equals(args[0])) {
                blocked(args[1], Integer.parseInt(args[2]), "virtual".equals(args[0]));
            } else if ("closeShrunk".equals(args[0])) {
                closeShrunk(args[1]);
            } else if ("exchange".equals(args[0])) {
                exchange(args[1], Long.parseLong(args[2]), Boolean.parseBoolean(args[3]),
                        Boolean.parseBoolean(args[4]));
            } else {
                throw new IllegalArgumentException(args[0]);
            }
        });
    }

    private static void exchange(String name, long spinMillis, boolean verify, boolean shrinkMayTear)
            throws Exception {
        ChannelOptions options = ChannelOptions.options().createNew().capacity(1 << 16)
                .spin(Duration.ofMillis(spinMillis));
        SharedMemoryChannel out = SharedMemoryChannel.open(name, options.sender());
        SharedMemoryChannel in = SharedMemoryChannel.open(name, ChannelOptions.options().receiver()
                .spin(Duration.ofMillis(spinMillis)));
        AtomicReference<Throwable> wrong = new AtomicReference<>();
        Object ended = new Object();
        int max = out.maxMessageSize();
        Thread sender = new Thread(() -> side("sender", wrong, ended, () -> {
            ByteBuffer buffer = ByteBuffer.allocateDirect(max);
            for (long seq = 0;; seq++) {
                ChannelMessages.fill(buffer, 1, seq, ChannelMessages.length(1, seq, max));
                out.send(buffer);
                if (seq % 64 == 63) {
                    Thread.sleep(1); // the receiver gets to sleep in the kernel too
                }
            }
        }), "attacked-sender");
        Thread receiver = new Thread(() -> side("receiver", wrong, ended, () -> {
            ByteBuffer got = ByteBuffer.allocateDirect(max);
            ByteBuffer expected = ByteBuffer.allocateDirect(max);
            for (long seq = 0;; seq++) {
                got.clear();
                in.receive(got);
                if (verify) {
                    try {
                        ChannelMessages.verify(got, expected, 1, seq, max); // never a torn or foreign message
                    } catch (AssertionError torn) {
                        if (!shrinkMayTear) {
                            throw torn;
                        }
                        // the documented limit (SharedMemoryChannel, "Trust"): a copy that faulted on a page the
                        // shrink took was skipped by the JVM, whose InternalError for it comes later
                        System.out.println("OUTCOME receiver torn by the shrink: " + torn.getMessage());
                        return;
                    }
                }
                if (seq == 200) {
                    System.out.println("ready");
                    System.out.flush();
                }
            }
        }), "attacked-receiver");
        sender.start();
        receiver.start();
        synchronized (ended) {
            long until = System.nanoTime() + 20_000_000_000L;
            while (sender.isAlive() && receiver.isAlive() && System.nanoTime() - until < 0) {
                ended.wait(100);
            }
        }
        if (sender.isAlive() && receiver.isAlive()) {
            System.out.println("OUTCOME none");
        }
        out.close(); // ends the other side's wait, if it still waits
        in.close();
        sender.join(10_000);
        receiver.join(10_000);
        if (sender.isAlive() || receiver.isAlive()) {
            throw new AssertionError("a thread is still in a call 10 s after close");
        }
        if (wrong.get() != null) {
            throw new AssertionError("wrong outcome", wrong.get());
        }
        try {
            in.poll(ByteBuffer.allocate(max));
            throw new AssertionError("poll after close returned");
        } catch (IpcClosedException expected) {
            System.out.println("closed");
        }
    }

    private static void closeShrunk(String name) throws Exception {
        SharedMemoryChannel out = SharedMemoryChannel.open(name, ChannelOptions.options().createNew().sender()
                .capacity(ChannelOptions.MIN_CAPACITY));
        SharedMemoryChannel in = SharedMemoryChannel.open(name, ChannelOptions.options().receiver());
        out.send(ByteBuffer.allocate(8));
        WaiterSemaphores semaphores = new WaiterSemaphores();
        semaphores.note(name); // the shrink takes away the header that unlink finds them by
        try (java.io.RandomAccessFile object = new java.io.RandomAccessFile("/dev/shm/" + name.substring(1), "rw")) {
            object.setLength(0);
        }
        try {
            in.poll(ByteBuffer.allocateDirect(in.maxMessageSize())); // faults on the lost page
        } catch (IpcException shrunk) {
            // the report of the fault, when the JVM gave it in time
        }
        out.close();
        in.close();
        semaphores.close();
        long sum = 0;
        for (int i = 0; i < 200; i++) {
            byte[][] garbage = new byte[1000][];
            for (int j = 0; j < garbage.length; j++) {
                garbage[j] = new byte[1000 + j];
                sum += garbage[j].length;
            }
            if (i % 20 == 0) {
                System.gc();
            }
        }
        System.out.println("closed clean " + sum);
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void side(String role, AtomicReference<Throwable> wrong, Object ended, Body body) {
        try {
            body.run();
        } catch (IpcException | PeerDiedException | IpcClosedException e) {
            System.out.println("OUTCOME " + role + " " + e.getClass().getName() + ": " + e.getMessage());
        } catch (InternalError e) {
            if (!String.valueOf(e.getMessage()).contains("unsafe memory access")) {
                wrong.compareAndSet(null, e);
            }
            // the JVM's report of a fault in mapped memory, raised after the channel call had returned (the
            // JVM may deliver it late, in whatever code the thread runs next): SharedMemory's documented limit
            System.out.println("OUTCOME " + role + " late fault: " + e.getMessage());
        } catch (Throwable t) {
            wrong.compareAndSet(null, t);
        } finally {
            System.out.flush();
            synchronized (ended) {
                ended.notifyAll();
            }
        }
    }
    private static void blocked(String prefix, int n, boolean virtual) throws Exception {
        SharedMemoryChannel[] ins = new SharedMemoryChannel[n];
        SharedMemoryChannel[] outs = new SharedMemoryChannel[n];
        Thread[] threads = new Thread[n];
        String[] outcomes = new String[n];
        java.util.concurrent.CountDownLatch blocked = new java.util.concurrent.CountDownLatch(n);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(n);
        try {
            for (int i = 0; i < n; i++) {
                ins[i] = SharedMemoryChannel.open(prefix + i, ChannelOptions.options().createNew().receiver()
                        .capacity(ChannelOptions.MIN_CAPACITY));
                outs[i] = SharedMemoryChannel.open(prefix + i, ChannelOptions.options().sender());
            }
            for (int i = 0; i < n; i++) {
                int k = i;
                Runnable body = () -> {
                    outcomes[k] = blockOnce(ins[k], outs[k], k % 4, blocked, virtual);
                    done.countDown();
                };
                threads[i] = start("blocked-" + i, body, virtual);
            }
            blocked.await();
            Thread.sleep(200); // all in their calls: spun, then asleep in the kernel (or on their way to it)
            int[] ran = new int[1];
            Thread other = start("other", () -> ran[0] = 1, virtual);
            other.join(10_000);
            if (ran[0] != 1) {
                throw new AssertionError("no other thread runs while " + n + " are blocked in receive");
            }
            for (int i = 0; i < n; i++) {
                switch (i % 4) {
                    case 0:
                        outs[i].send(new byte[] {42});
                        break;
                    case 1:
                        threads[i].interrupt();
                        break;
                    case 2:
                        SharedMemoryChannel closing = ins[i];
                        start("closer-" + i, closing::close, virtual);
                        break;
                    default:
                        break; // times out by itself
                }
            }
            if (!done.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError(done.getCount() + " of " + n + " threads still blocked 60 s later");
            }
            for (int i = 0; i < n; i++) {
                if (!"ok".equals(outcomes[i])) {
                    throw new AssertionError("thread " + i + " (case " + i % 4 + "): " + outcomes[i]);
                }
            }
            System.out.println((virtual ? "virtual" : "platform") + " ok");
        } finally {
            for (int i = 0; i < n; i++) {
                if (ins[i] != null) {
                    ins[i].close();
                    SharedMemoryChannel.unlink(prefix + i);
                }
                if (outs[i] != null) {
                    outs[i].close();
                }
            }
        }
    }

    /** A started virtual thread, or platform thread. */
    private static Thread start(String name, Runnable body, boolean virtual) {
        if (virtual) {
            return io.github.ipc4j.blocking.VirtualThreadsSupport.start(name, body);
        }
        Thread thread = new Thread(body, name);
        thread.start();
        return thread;
    }

    /** One thread's call: case 0 gets a message, 1 is interrupted, 2 closed, 3 times out. */
    private static String blockOnce(SharedMemoryChannel in, SharedMemoryChannel out, int kind,
                                    java.util.concurrent.CountDownLatch blocked, boolean virtual) {
        ByteBuffer buffer = ByteBuffer.allocate(in.maxMessageSize());
        try {
            if (virtual != io.github.ipc4j.blocking.VirtualThreadsSupport.isVirtual(Thread.currentThread())) {
                return "not the kind of thread asked for";
            }
            blocked.countDown();
            if (kind == 3) {
                int r = in.poll(buffer, Duration.ofMillis(300));
                return r == SharedMemoryChannel.NO_MESSAGE ? "ok" : "poll returned " + r;
            }
            int r = in.receive(buffer);
            return kind == 0 && r == 1 && buffer.get(0) == 42 ? "ok" : "receive returned " + r;
        } catch (InterruptedException e) {
            if (kind != 1) {
                return e.toString();
            }
            try {
                out.send(new byte[] {7}); // still usable both ways
                buffer.clear();
                return in.receive(buffer) == 1 && buffer.get(0) == 7 ? "ok" : "unusable after the interrupt";
            } catch (Exception again) {
                return "after the interrupt: " + again;
            }
        } catch (IpcClosedException e) {
            if (kind != 2) {
                return e.toString();
            }
            try {
                in.poll(buffer);
                return "poll after close returned";
            } catch (IpcClosedException expected) {
                return "ok";
            } catch (Exception other) {
                return "poll after close: " + other;
            }
        } catch (Throwable t) {
            return t.toString();
        }
    }
}
