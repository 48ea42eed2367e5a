package io.github.ipc4j.blocking;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.pipe.Fifo;
import io.github.ipc4j.pipe.FifoReader;
import io.github.ipc4j.posix.PosixMessageQueue;
import io.github.ipc4j.posix.PosixMqOptions;
import io.github.ipc4j.posix.PosixSemOptions;
import io.github.ipc4j.posix.PosixSemaphore;
import io.github.ipc4j.sysv.SemOperation;
import io.github.ipc4j.sysv.SysvMessageQueue;
import io.github.ipc4j.sysv.SysvSemaphoreSet;
import io.github.ipc4j.sysv.TypeSelector;
import io.github.ipc4j.testing.PosixNames;
import io.github.ipc4j.testing.SysvQueues;
import io.github.ipc4j.testing.SysvSemSets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * close() hammered against calls in flight on every Unix primitive, 200,000 closes in all (issue 10,
 * defect 1: a call leaving while close() woke the others released the object, and close() then wrote
 * to a descriptor number the process had already reused). Meanwhile a sentinel thread keeps opening
 * pipes, which take the lowest free descriptor numbers: not one byte may ever arrive in them, and the
 * racing callers may see nothing but success or IpcClosedException.
 */
@EnabledOnOs(OS.LINUX)
@Tag("heavy") // long under emulation: ci/test-aarch64-jvm.sh leaves it out
class CloseRaceTest {
    private final PosixNames mqNames = new PosixNames(PosixMessageQueue::unlink);
    private final PosixNames semNames = new PosixNames(PosixSemaphore::unlink);
    private final SysvQueues sysvQueues = new SysvQueues();
    private final SysvSemSets sysvSets = new SysvSemSets();
    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() throws Exception {
        mqNames.close();
        semNames.close();
        sysvQueues.close();
        sysvSets.close();
    }

    /** Opens a new handle on the object under test. */
    interface Opener<T extends AutoCloseable> {
        T open() throws Exception;
    }

    /** One call on a handle that may be closed under it (timed waits included: they take the blocking path). */
    interface Call<T> {
        void run(T handle, ByteBuffer buffer) throws Exception;
    }

    @Test
    void posixMessageQueue() throws Exception {
        String name = mqNames.name();
        PosixMessageQueue.open(name, PosixMqOptions.options().createNew().maxMessages(4).messageSize(64)).close();
        hammer(60_000, () -> PosixMessageQueue.open(name), (q, b) -> {
            b.clear();
            q.offer(b.limit(8), 0);
            b.clear();
            q.poll(b, Duration.ofNanos(1000));
        });
    }

    @Test
    void posixSemaphore() throws Exception {
        String name = semNames.name();
        PosixSemaphore.open(name, PosixSemOptions.options().createNew().initialPermits(1)).close();
        hammer(50_000, () -> PosixSemaphore.open(name), (s, b) -> {
            if (s.tryAcquire(Duration.ofNanos(1000))) {
                s.release();
            }
        });
    }

    @Test
    void fifo() throws Exception {
        Path path = dir.resolve("race");
        Fifo.create(path);
        hammer(30_000, () -> Fifo.openReader(path), (FifoReader r, ByteBuffer b) -> {
            b.clear();
            r.read(b, Duration.ofNanos(1000));
        });
    }

    @Test
    void systemVMessageQueue() throws Exception {
        int id = sysvQueues.create().id();
        hammer(30_000, () -> SysvMessageQueue.ofId(id), (q, b) -> {
            b.clear();
            q.offer(b.limit(8), 1);
            b.clear();
            q.poll(b, TypeSelector.ANY, Duration.ofNanos(1000));
        });
    }

    @Test
    void systemVSemaphoreSet() throws Exception {
        int id = sysvSets.privateSet(1, 1).id();
        hammer(30_000, () -> SysvSemaphoreSet.ofId(id), (s, b) -> {
            SemOperation take = s.operation().add(0, -1).build();
            if (s.tryPerform(take, Duration.ofNanos(1000))) {
                s.perform(s.operation().add(0, 1).build());
            }
        });
    }

    private <T extends AutoCloseable> void hammer(int closes, Opener<T> opener, Call<T> call) throws Exception {
        AtomicReference<T> current = new AtomicReference<>(opener.open());
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            threads.add(start("caller-" + i, () -> {
                ByteBuffer buffer = ByteBuffer.allocateDirect(64);
                while (!done.get()) {
                    try {
                        call.run(current.get(), buffer);
                    } catch (IpcClosedException | java.nio.channels.ClosedChannelException expected) {
                        // closed under us: the one allowed failure (a byte channel says it as NIO does)
                    }
                }
            }, failure));
        }
        long[] strayBytes = new long[1];
        threads.add(start("sentinel", () -> {
            ByteBuffer probe = ByteBuffer.allocate(64);
            while (!done.get()) {
                Pipe pipe = Pipe.open();
                pipe.source().configureBlocking(false);
                for (int spin = 0; spin < 50; spin++) {
                    Thread.onSpinWait();
                }
                probe.clear();
                int n = pipe.source().read(probe);
                if (n > 0) {
                    strayBytes[0] += n;
                }
                pipe.source().close();
                pipe.sink().close();
            }
        }, failure));
        for (int i = 0; i < closes && failure.get() == null; i++) {
            T old = current.getAndSet(opener.open());
            for (int spin = i & 63; spin > 0; spin--) {
                Thread.onSpinWait(); // closes at varied points of the callers' calls
            }
            old.close();
        }
        done.set(true);
        for (Thread t : threads) {
            t.join(60_000);
            assertTrue(!t.isAlive(), t.getName() + " did not stop");
        }
        current.get().close();
        assertNull(failure.get(), () -> "a racing call failed otherwise than closed: " + failure.get());
        assertEquals(0, strayBytes[0], "bytes arrived in descriptors opened after a close");
    }

    interface Body {
        void run() throws Exception;
    }

    private static Thread start(String name, Body body, AtomicReference<Throwable> failure) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
