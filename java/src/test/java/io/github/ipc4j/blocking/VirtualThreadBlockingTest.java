package io.github.ipc4j.blocking;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.RobustLock;
import io.github.ipc4j.pipe.Fifo;
import io.github.ipc4j.pipe.FifoReader;
import io.github.ipc4j.pipe.FifoWriter;
import io.github.ipc4j.posix.PosixMessageQueue;
import io.github.ipc4j.posix.PosixMqOptions;
import io.github.ipc4j.posix.PosixSemOptions;
import io.github.ipc4j.posix.PosixSemaphore;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.posix.PosixShmOptions;
import io.github.ipc4j.sysv.SysvMessageQueue;
import io.github.ipc4j.sysv.SysvSemaphoreSet;
import io.github.ipc4j.sysv.TypeSelector;
import io.github.ipc4j.testing.PosixNames;
import io.github.ipc4j.testing.SysvQueues;
import io.github.ipc4j.testing.SysvSemSets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every blocking call behaves on a virtual thread as on a platform thread (issue 10, defect 2: the wake
 * signal and the deadline timer went to the carrier the thread first ran on): interrupt ends it with
 * InterruptedException and the object stays usable, close from another thread ends it, timeouts hold.
 * JDK 21+ only; skipped on 17.
 */
@EnabledOnOs(OS.LINUX)
class VirtualThreadBlockingTest {
    private final SysvQueues queues = new SysvQueues();
    private final SysvSemSets sets = new SysvSemSets();
    private final PosixNames mqNames = new PosixNames(PosixMessageQueue::unlink);
    private final PosixNames semNames = new PosixNames(PosixSemaphore::unlink);
    private final PosixNames shmNames = new PosixNames(PosixSharedMemory::unlink);

    @BeforeAll
    static void needsVirtualThreads() {
        assumeTrue(VirtualThreadsSupport.available(), "virtual threads need JDK 21+");
    }

    @AfterEach
    void cleanUp() throws Exception {
        queues.close();
        sets.close();
        mqNames.close();
        semNames.close();
        shmNames.close();
    }

    interface Call {
        Object run() throws Exception;
    }

    private static CompletableFuture<Object> onVirtual(Call call) {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        VirtualThreadsSupport.start("vt-call", () -> {
            try {
                outcome.complete(call.run());
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        return outcome;
    }

    private static Thread virtualRunning(CompletableFuture<Object> outcome, Call call, Thread[] holder) {
        holder[0] = VirtualThreadsSupport.start("vt-blocked", () -> {
            try {
                outcome.complete(call.run());
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        return holder[0];
    }

    /** Blocks call on a virtual thread, interrupts it: InterruptedException. Then closes: IpcClosedException. */
    private static void interruptThenClose(Call blockingCall, AutoCloseable object) throws Exception {
        CompletableFuture<Object> interrupted = new CompletableFuture<>();
        Thread t = virtualRunning(interrupted, blockingCall, new Thread[1]);
        Thread.sleep(150);
        assertFalse(interrupted.isDone(), "returned without anything to receive: " + interrupted.getNow(null));
        t.interrupt();
        assertInstanceOf(InterruptedException.class, interrupted.get(20, TimeUnit.SECONDS));

        CompletableFuture<Object> closed = new CompletableFuture<>();
        virtualRunning(closed, blockingCall, new Thread[1]);
        Thread.sleep(150);
        assertFalse(closed.isDone());
        object.close();
        assertInstanceOf(IpcClosedException.class, closed.get(20, TimeUnit.SECONDS));
    }

    @Test
    void systemVReceive() throws Exception {
        SysvMessageQueue q = queues.create();
        ByteBuffer in = ByteBuffer.allocateDirect(64);
        // usable after an interrupt: a message sent later is received on a virtual thread
        CompletableFuture<Object> first = new CompletableFuture<>();
        Thread t = virtualRunning(first, () -> q.receive(in, TypeSelector.ANY), new Thread[1]);
        Thread.sleep(150);
        t.interrupt();
        assertInstanceOf(InterruptedException.class, first.get(20, TimeUnit.SECONDS));
        CompletableFuture<Object> received = onVirtual(() -> q.receive(ByteBuffer.allocateDirect(64), TypeSelector.ANY));
        Thread.sleep(50);
        q.send(new byte[] {1, 2, 3}, 7);
        assertEquals(7L, received.get(20, TimeUnit.SECONDS));
        interruptThenClose(() -> q.receive(ByteBuffer.allocateDirect(64), TypeSelector.ANY), q);
    }

    @Test
    void systemVTimedReceiveTimesOut() throws Exception {
        SysvMessageQueue q = queues.create();
        long start = System.nanoTime();
        Object r = onVirtual(() -> q.poll(ByteBuffer.allocateDirect(64), TypeSelector.ANY, Duration.ofMillis(200)))
                .get(20, TimeUnit.SECONDS);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals((long) SysvMessageQueue.NO_MESSAGE, r);
        assertTrue(elapsedMs >= 190, "returned after " + elapsedMs + " ms, before its timeout");
        q.close();
    }

    @Test
    void posixSemaphore() throws Exception {
        PosixSemaphore s = PosixSemaphore.open(semNames.name(), PosixSemOptions.options().createNew().initialPermits(0));
        long start = System.nanoTime();
        assertEquals(false, onVirtual(() -> s.tryAcquire(Duration.ofMillis(200))).get(20, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(190));
        CompletableFuture<Object> acquired = onVirtual(() -> {
            s.acquire();
            return "acquired";
        });
        Thread.sleep(100);
        s.release();
        assertEquals("acquired", acquired.get(20, TimeUnit.SECONDS));
        interruptThenClose(() -> {
            s.acquire();
            return "acquired";
        }, s);
    }

    @Test
    void posixMessageQueue() throws Exception {
        PosixMessageQueue q = PosixMessageQueue.open(mqNames.name(),
                PosixMqOptions.options().createNew().maxMessages(2).messageSize(64));
        interruptThenClose(() -> q.receive(ByteBuffer.allocateDirect(64)), q);
        PosixMessageQueue q2 = PosixMessageQueue.open(mqNames.name(),
                PosixMqOptions.options().createNew().maxMessages(1).messageSize(64));
        q2.send(new byte[1], 0); // full: a send waits (descriptor wait)
        interruptThenClose(() -> {
            q2.send(new byte[1], 0);
            return "sent";
        }, q2);
    }

    @Test
    void fifoRead(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("vt-fifo");
        Fifo.create(path);
        FifoReader reader = Fifo.openReader(path);
        FifoWriter writer = Fifo.openWriterNow(path);
        CompletableFuture<Object> read = onVirtual(() -> reader.read(ByteBuffer.allocateDirect(16)));
        Thread.sleep(100);
        writer.write(ByteBuffer.wrap(new byte[] {1, 2}));
        assertEquals(2, read.get(20, TimeUnit.SECONDS));
        CompletableFuture<Object> interrupted = new CompletableFuture<>();
        Thread t = virtualRunning(interrupted, () -> reader.read(ByteBuffer.allocateDirect(16)), new Thread[1]);
        Thread.sleep(150);
        t.interrupt();
        // the NIO contract of an InterruptibleChannel: an interrupt closes the end
        assertInstanceOf(ClosedByInterruptException.class, interrupted.get(20, TimeUnit.SECONDS));
        assertFalse(reader.isOpen());
        FifoReader second = Fifo.openReader(path);
        CompletableFuture<Object> closed = new CompletableFuture<>();
        virtualRunning(closed, () -> second.read(ByteBuffer.allocateDirect(16)), new Thread[1]);
        Thread.sleep(150);
        second.close();
        assertInstanceOf(AsynchronousCloseException.class, closed.get(20, TimeUnit.SECONDS));
        writer.close();
    }

    @Test
    void systemVSemaphore() throws Exception {
        SysvSemaphoreSet set = sets.privateSet(1, 0);
        interruptThenClose(() -> {
            set.perform(set.operation().add(0, -1).build());
            return "performed";
        }, set);
    }

    @Test
    void robustLockTakenAndReleasedByAVirtualThreadThatMovesBetweenCarriers() throws Exception {
        PosixSharedMemory shm = PosixSharedMemory.open(shmNames.name(),
                PosixShmOptions.options().createNew().size(4096));
        RobustLock lock = RobustLock.initialize(shm, 0);
        CompletableFuture<Object> holder = onVirtual(() -> {
            lock.lock();
            for (int i = 0; i < 20; i++) {
                Thread.sleep(5); // unmounts: may continue on another carrier
            }
            lock.unlock();
            return "done";
        });
        assertEquals("done", holder.get(20, TimeUnit.SECONDS));
        assertTrue(lock.tryLock(), "the virtual thread's unlock did not release the mutex");
        CompletableFuture<Object> waiter = onVirtual(() -> {
            lock.lock();
            lock.unlock();
            return "took it";
        });
        Thread.sleep(100);
        assertFalse(waiter.isDone());
        lock.unlock();
        assertEquals("took it", waiter.get(20, TimeUnit.SECONDS));
        shm.close();
    }

    /**
     * An interrupt that comes as the call is handed to a worker (here: the thread was interrupted before it
     * called; the worker is still waking up to take the call) reaches the call: it used to be cleared by the
     * waking worker, which then waited for a message that never came, and the virtual thread with it.
     */
    @Test
    void anInterruptThatComesAsTheCallIsHandedOverIsNotLost() throws Exception {
        PosixMessageQueue q = PosixMessageQueue.open(mqNames.name(),
                PosixMqOptions.options().createNew().maxMessages(1).messageSize(64));
        SysvSemaphoreSet set = sets.privateSet(1);
        Call[] calls = {
            () -> q.receive(ByteBuffer.allocate(64)), // tries, then waits for the descriptor on a worker
            () -> set.perform(set.operation().add(0, -1).build()),
        };
        for (Call call : calls) {
            for (int i = 0; i < 200; i++) {
                Object outcome = onVirtual(() -> {
                    Thread.currentThread().interrupt();
                    try {
                        return call.run();
                    } finally {
                        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt was spent");
                    }
                }).get(20, TimeUnit.SECONDS);
                assertInstanceOf(InterruptedException.class, outcome, "attempt " + i);
            }
        }
        q.close();
        set.close();
    }
}
