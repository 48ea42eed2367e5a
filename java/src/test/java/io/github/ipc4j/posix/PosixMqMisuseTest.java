package io.github.ipc4j.posix;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.testing.PositionHammer;
import io.github.ipc4j.testing.PosixQueues;
import io.github.ipc4j.testing.Signals;
import io.github.ipc4j.testing.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What callers get wrong: use after close, close and interrupt while blocked, signals, threads racing. */
@EnabledOnOs(OS.LINUX)
class PosixMqMisuseTest {
    private final PosixQueues queues = new PosixQueues();

    @AfterEach
    void removeQueues() throws Exception {
        queues.close();
    }

    private PosixMessageQueue create(String name, int maxMessages) throws IOException {
        return PosixMessageQueue.open(name, PosixMqOptions.options().createNew().maxMessages(maxMessages)
                .messageSize(64));
    }

    /** Waits until thread is blocked in native code (RUNNABLE in a native frame) for a little while. */
    private static void awaitBlocked(Thread thread) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            StackTraceElement[] stack = thread.getStackTrace();
            if (stack.length > 0 && stack[0].isNativeMethod() && (stack[0].getMethodName().equals("waitFd")
                    || stack[0].getMethodName().equals("receiveDirectWaiting"))) {
                Thread.sleep(20);
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(thread.getName() + " never blocked");
    }

    @Test
    void useAfterCloseThrowsAndNeverTouchesAReusedDescriptor() throws Exception {
        String name = queues.name();
        PosixMessageQueue closed = create(name, 4);
        closed.close();
        closed.close(); // idempotent
        assertTrue(closed.isClosed());
        // the OS may give the freed descriptor number to the next open: it must not be reached through `closed`
        try (PosixMessageQueue next = create(queues.name(), 4)) {
            IpcClosedException e = assertThrows(IpcClosedException.class, () -> closed.send(new byte[] {1}, 0));
            assertEquals("POSIX message queue " + name + " is closed", e.getMessage());
            assertFalse(e.closedWhileBlocked());
            assertThrows(IpcClosedException.class, () -> closed.offer(new byte[1], 0));
            assertThrows(IpcClosedException.class, () -> closed.pollPriority(ByteBuffer.allocate(64)));
            assertThrows(IpcClosedException.class, () -> closed.receivePriority(ByteBuffer.allocate(64)));
            assertThrows(IpcClosedException.class, closed::attributes);
            assertThrows(IpcClosedException.class, () -> closed.setBlocking(false));
            assertThrows(IpcClosedException.class, closed::notifyOnArrival);
            assertEquals(0, next.attributes().currentMessages());
            assertTrue(next.isBlocking());
        }
        closed.unlink(); // by name: allowed after close
    }

    @Test
    void closeWhileAnotherThreadIsBlockedInReceive() throws Exception {
        PosixMessageQueue q = create(queues.name(), 2);
        CompletableFuture<Object> outcome = Threads.onThread("mq-blocked-rcv", () -> q.receivePriority(ByteBuffer.allocate(64)));
        awaitBlocked(Threads.named("mq-blocked-rcv"));
        q.close();
        Object result = outcome.get(5, TimeUnit.SECONDS);
        IpcClosedException e = assertInstanceOf(IpcClosedException.class, result);
        assertTrue(e.closedWhileBlocked());
        assertEquals("POSIX message queue " + q.name()
                + " was closed by another thread while this one was blocked on it", e.getMessage());
    }

    @Test
    void closeWhileAnotherThreadIsBlockedInSend() throws Exception {
        PosixMessageQueue q = create(queues.name(), 1);
        q.send(new byte[] {1}, 0);
        CompletableFuture<Object> outcome = Threads.onThread("mq-blocked-snd", () -> {
            q.send(new byte[] {2}, 0);
            return "sent";
        });
        awaitBlocked(Threads.named("mq-blocked-snd"));
        q.close();
        assertInstanceOf(IpcClosedException.class, outcome.get(5, TimeUnit.SECONDS));
        try (PosixMessageQueue again = PosixMessageQueue.open(q.name())) {
            assertEquals(1, again.attributes().currentMessages(), "the blocked send sent nothing");
        }
    }

    @Test
    void interruptWhileBlockedLeavesTheQueueUsable() throws Exception {
        try (PosixMessageQueue q = create(queues.name(), 1)) {
            CompletableFuture<Object> receive = Threads.onThread("mq-intr-rcv", () -> q.receivePriority(ByteBuffer.allocate(64)));
            Thread receiver = Threads.named("mq-intr-rcv");
            awaitBlocked(receiver);
            receiver.interrupt();
            assertInstanceOf(InterruptedException.class, receive.get(5, TimeUnit.SECONDS));

            q.send(new byte[] {1}, 0);
            CompletableFuture<Object> send = Threads.onThread("mq-intr-snd", () -> {
                q.send(new byte[] {2}, 0);
                return "sent";
            });
            Thread sender = Threads.named("mq-intr-snd");
            awaitBlocked(sender);
            sender.interrupt();
            assertInstanceOf(InterruptedException.class, send.get(5, TimeUnit.SECONDS));

            assertEquals(1, q.attributes().currentMessages());
            assertEquals(1, q.receive().data()[0]);
            q.send(new byte[] {3}, 0);
            assertEquals(3, q.receive().data()[0]);
        }
    }

    @Test
    void anAlreadyInterruptedThreadDoesNotWaitNorTakeAMessage() throws Exception {
        try (PosixMessageQueue q = create(queues.name(), 1)) {
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, () -> q.pollPriority(ByteBuffer.allocate(64), Duration.ofSeconds(30)));
            assertFalse(Thread.interrupted(), "InterruptedException clears the flag");
            q.send(new byte[] {1}, 0);
            Thread.currentThread().interrupt();
            // a message that is there is taken: interruption only ends waiting
            assertEquals(0, q.receivePriority(ByteBuffer.allocate(64)));
            assertTrue(Thread.interrupted());
        }
    }

    /** Heap buffers wait in ppoll, direct ones inside mq_receive (under the thread's blocker): both. */
    @SuppressWarnings("removal")
    @ParameterizedTest(name = "direct buffer: {0}")
    @ValueSource(booleans = {false, true})
    void aStormOfSignalsChangesNeitherResultNorDeadline(boolean direct) throws Exception {
        AtomicInteger signals = new AtomicInteger();
        sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), s -> signals.incrementAndGet());
        try (PosixMessageQueue q = create(queues.name(), 2)) {
            // 1. a timed poll on an empty queue under a storm ends at its deadline, not before
            CompletableFuture<Object> timed = Threads.onThread("mq-storm-timed", () -> {
                long start = System.nanoTime();
                int r = q.pollPriority(buffer(direct), Duration.ofMillis(1000));
                return new long[] {r, System.nanoTime() - start};
            });
            Process storm = Signals.storm(nativeTid("mq-storm-timed"), 400);
            long[] result = (long[]) timed.get(10, TimeUnit.SECONDS);
            storm.waitFor(10, TimeUnit.SECONDS);
            assertEquals(PosixMessageQueue.NO_MESSAGE, result[0]);
            assertTrue(result[1] >= TimeUnit.MILLISECONDS.toNanos(1000), "ended early: " + result[1] + " ns");
            assertTrue(result[1] < TimeUnit.MILLISECONDS.toNanos(5000), "stretched: " + result[1] + " ns");

            // 2. a blocking receive under a storm gets the message sent mid-storm, intact
            CompletableFuture<Object> blocking = Threads.onThread("mq-storm-block", () -> {
                ByteBuffer buf = buffer(direct);
                int priority = q.receivePriority(buf);
                buf.flip();
                return priority + ":" + StandardCharsets.US_ASCII.decode(buf);
            });
            storm = Signals.storm(nativeTid("mq-storm-block"), 400);
            Thread.sleep(300);
            q.send("mid-storm".getBytes(StandardCharsets.US_ASCII), 5);
            assertEquals("5:mid-storm", blocking.get(10, TimeUnit.SECONDS));
            storm.waitFor(10, TimeUnit.SECONDS);
        } finally {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), sun.misc.SignalHandler.SIG_DFL);
        }
        assertTrue(signals.get() > 0, "the storm reached the process");
    }

    private static ByteBuffer buffer(boolean direct) {
        return direct ? ByteBuffer.allocateDirect(64) : ByteBuffer.allocate(64);
    }

    private static String nativeTid(String name) throws Exception {
        awaitBlocked(Threads.named(name));
        return Signals.nativeTid(name);
    }

    @Test
    void eightThreadsSendingReceivingAndClosingLoseNothingAndLeakNothing() throws Exception {
        String name = queues.name();
        long fdsBefore = openDescriptors();
        AtomicReference<PosixMessageQueue> current = new AtomicReference<>(create(name, 10));
        Set<Integer> sent = ConcurrentHashMap.newKeySet();
        Set<Integer> received = ConcurrentHashMap.newKeySet();
        AtomicInteger nextId = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger closes = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int role = t % 4; // 0,1: senders; 2: receiver; 3: closer
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    runRole(role, name, current, sent, received, nextId, stop, closes);
                    done.complete(null);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            }, "mq-stress-" + t);
            threads.add(thread);
            workers.add(done);
            thread.start();
        }
        Thread.sleep(3000);
        stop.set(true);
        for (Future<?> w : workers) {
            try {
                w.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("a worker failed", e.getCause());
            }
        }
        current.get().close();
        try (PosixMessageQueue drain = PosixMessageQueue.open(name)) {
            for (PosixMqMessage m; (m = drain.poll().orElse(null)) != null; ) {
                assertTrue(received.add(ByteBuffer.wrap(m.data()).getInt()), "received twice");
            }
        }
        assertTrue(closes.get() > 10, "the closer closed often: " + closes.get());
        assertTrue(sent.size() > 1000, "traffic: " + sent.size());
        assertEquals(sent, received, "every message sent was received once");

        PosixMessageQueue.unlink(name);
        Path mqueue = PosixQueues.mqueueMount();
        if (mqueue != null) {
            assertFalse(Files.exists(mqueue.resolve(name.substring(1))), "queue removed");
        }
        threads.forEach(t -> assertFalse(t.isAlive()));
        threads.clear();
        // waits use no descriptor of their own: every queue descriptor is gone with its close
        assertTrue(openDescriptors() <= fdsBefore,
                "no queue or wake descriptor leaked: " + fdsBefore + " before, " + openDescriptors() + " after");
    }

    private static void runRole(int role, String name, AtomicReference<PosixMessageQueue> current, Set<Integer> sent,
                                Set<Integer> received, AtomicInteger nextId, AtomicBoolean stop, AtomicInteger closes)
            throws Exception {
        ByteBuffer buf = ByteBuffer.allocateDirect(64);
        while (!stop.get()) {
            PosixMessageQueue q = current.get();
            try {
                if (role <= 1) {
                    int id = nextId.getAndIncrement();
                    buf.clear();
                    buf.putInt(id).flip();
                    if (q.offer(buf, id % 10, Duration.ofMillis(20))) {
                        sent.add(id);
                    }
                } else if (role == 2) {
                    buf.clear();
                    if (q.pollPriority(buf, Duration.ofMillis(20)) != PosixMessageQueue.NO_MESSAGE) {
                        assertTrue(received.add(buf.getInt(0)), "received twice");
                    }
                } else {
                    Thread.sleep(20);
                    PosixMessageQueue fresh = PosixMessageQueue.open(name);
                    current.getAndSet(fresh).close(); // close the handle others may be blocked on
                    closes.incrementAndGet();
                }
            } catch (IpcClosedException expected) {
                // the closer got there first: take the new handle
            }
        }
    }

    /**
     * Counts only the kinds this library opens (queue descriptors and the eventfds that wake threads): the JVM opens
     * and closes other descriptors (jars, GC, class loading) on its own schedule, which made a total count flaky.
     */
    private static long openDescriptors() throws IOException {
        try (var fds = Files.list(Paths.get("/proc/self/fd"))) {
            return fds.filter(PosixMqMisuseTest::isQueueOrWakeDescriptor).count();
        }
    }

    private static boolean isQueueOrWakeDescriptor(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.equals("anon_inode:[eventfd]") || target.startsWith("/ipc4j");
        } catch (IOException gone) {
            return false; // closed while listing
        }
    }

    @Test
    void closeRacingWithManyBlockedReceiversWakesThemAll() throws Exception {
        PosixMessageQueue q = create(queues.name(), 2);
        List<CompletableFuture<Object>> outcomes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String thread = "mq-many-" + i;
            outcomes.add(Threads.onThread(thread, () -> q.receivePriority(ByteBuffer.allocate(64))));
            awaitBlocked(Threads.named(thread));
        }
        q.close();
        Set<Class<?>> kinds = new HashSet<>();
        for (CompletableFuture<Object> o : outcomes) {
            kinds.add(o.get(5, TimeUnit.SECONDS).getClass());
        }
        assertEquals(Set.of(IpcClosedException.class), kinds);
    }

    /**
     * Another thread of the caller's moves a buffer's position while the buffer is in a send or receive: the
     * call may fail (IllegalArgumentException, or IpcException EFAULT saying so) but never reads or writes past
     * the buffer. Each buffer is a 64-byte slice of a 128-byte one, so what lies past it is watched memory: a
     * message must never carry those bytes, and a receive must never change them. (Native code used to take
     * position and length from separate reads and could run up to 63 bytes past the end.)
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aBufferWhosePositionAnotherThreadMovesIsNeverReadOrWrittenPastItsEnd(boolean direct) throws Exception {
        byte past = 0x5A;
        try (PosixMessageQueue q = create(queues.name(), 10)) {
            ByteBuffer outer = direct ? ByteBuffer.allocateDirect(128) : ByteBuffer.allocate(128);
            for (int i = 64; i < 128; i++) {
                outer.put(i, past);
            }
            ByteBuffer slice = outer.slice(0, 64);
            ByteBuffer in = ByteBuffer.allocate(64);
            byte[] clean = new byte[64];
            java.util.Arrays.fill(clean, (byte) 0x11);
            try (PositionHammer hammer = new PositionHammer(slice, 0, 60)) {
                for (int i = 0; i < 30_000; i++) {
                    refusedOrDone(() -> q.offer(slice, 0));
                    if (q.poll(in.clear()) >= 0) {
                        for (int b = 0; b < in.position(); b++) {
                            assertNotEquals(past, in.get(b), "a message carried a byte from past the buffer");
                        }
                    }
                    q.offer(clean, 0);
                    refusedOrDone(() -> q.poll(slice));
                }
            }
            for (int i = 64; i < 128; i++) {
                assertEquals(past, outer.get(i), "a receive wrote past the buffer, at " + i);
            }
        }
    }

    private static void refusedOrDone(Callable<Object> call) throws Exception {
        try {
            call.call();
        } catch (IllegalArgumentException raced) {
            // a length or position that no longer fits, seen in Java
        } catch (io.github.ipc4j.IpcException raced) {
            assertEquals(io.github.ipc4j.internal.Errno.EFAULT, raced.errno(), raced.getMessage());
            assertTrue(raced.getMessage().contains("position or limit changed"), raced.getMessage());
        }
    }
}
