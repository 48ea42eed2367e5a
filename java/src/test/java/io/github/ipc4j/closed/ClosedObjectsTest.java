package io.github.ipc4j.closed;

import io.github.ipc4j.Access;
import io.github.ipc4j.ChannelOptions;
import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.RobustLock;
import io.github.ipc4j.SharedMemory;
import io.github.ipc4j.SharedMemoryChannel;
import io.github.ipc4j.portable.NamedLock;
import io.github.ipc4j.portable.NamedMessageQueue;
import io.github.ipc4j.portable.NamedQueueOptions;
import io.github.ipc4j.portable.NamedSemOptions;
import io.github.ipc4j.portable.NamedSemaphore;
import io.github.ipc4j.portable.NamedSharedMemory;
import io.github.ipc4j.portable.NamedShmOptions;
import io.github.ipc4j.posix.PosixMessageQueue;
import io.github.ipc4j.posix.PosixMqOptions;
import io.github.ipc4j.posix.PosixSemOptions;
import io.github.ipc4j.posix.PosixSemaphore;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.posix.PosixShmOptions;
import io.github.ipc4j.sealed.SealedSharedMemory;
import io.github.ipc4j.sealed.UnixSocketServer;
import io.github.ipc4j.sysv.SysvMessageQueue;
import io.github.ipc4j.sysv.SysvSemaphoreSet;
import io.github.ipc4j.sysv.SysvSharedMemory;
import io.github.ipc4j.sysv.TypeSelector;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11: after close, every closable ipc4j type fails the same way, with IpcClosedException (not
 * IllegalStateException for some and IOException for others), from every kind of call, without reaching the
 * OS. One case per public type on Linux; each opens a real object under a unique name, closes it, tries its
 * calls and removes the object whatever happens.
 */
@EnabledOnOs(OS.LINUX)
class ClosedObjectsTest {
    /** Types with no isClosed(): NamedSemaphore and NamedLock (their calls below are the test). */
    private static final java.util.Set<Class<?>> CLOSED_UNKNOWN = java.util.Set.of(NamedSemaphore.class, NamedLock.class);

    @TempDir
    Path dir;

    /** Every closable type, and what removes its object afterwards. */
    enum Kind {
        POSIX_MESSAGE_QUEUE, SYSV_MESSAGE_QUEUE, NAMED_MESSAGE_QUEUE, POSIX_SEMAPHORE, SYSV_SEMAPHORE_SET,
        NAMED_SEMAPHORE, POSIX_SHARED_MEMORY, SYSV_SHARED_MEMORY, SEALED_SHARED_MEMORY, NAMED_SHARED_MEMORY,
        NAMED_LOCK, NAMED_FILE_LOCK, ROBUST_LOCK_ON_CLOSED_MEMORY, SHARED_MEMORY_CHANNEL_SENDER, SHARED_MEMORY_CHANNEL_RECEIVER,
        UNIX_SOCKET_SERVER
    }

    /** A closed object: the calls to try on it, by name, and what removes it. */
    private static final class Closed {
        final Map<String, Executable> calls = new LinkedHashMap<>();
        final List<Executable> cleanup = new ArrayList<>();
        AutoCloseable object;

        Closed call(String name, Executable call) {
            calls.put(name, call);
            return this;
        }
    }

    private static String unique(String prefix) {
        return String.format("%sipc4j-cl-%d-%08x", prefix, ProcessHandle.current().pid() % 100000,
                ThreadLocalRandom.current().nextInt());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyCallAfterCloseThrowsIpcClosedException(Kind kind) throws Throwable {
        Closed c = new Closed();
        try {
            open(kind, c);
            assertFalse(isClosed(c.object), kind + " is open before close");
            c.object.close();
            c.object.close(); // idempotent
            assertTrue(isClosed(c.object) || CLOSED_UNKNOWN.contains(c.object.getClass()), kind + " says it is closed");
            assertFalse(c.calls.isEmpty());
            for (Map.Entry<String, Executable> call : c.calls.entrySet()) {
                IpcClosedException e = assertThrows(IpcClosedException.class, call.getValue(),
                        kind + ": " + call.getKey() + " after close");
                assertFalse(e.closedWhileBlocked(), kind + ": " + call.getKey());
                assertTrue(e.getMessage().endsWith(" is closed"), e.getMessage());
                assertTrue(e instanceof IllegalStateException, "unchecked, an IllegalStateException");
            }
        } finally {
            for (Executable step : c.cleanup) {
                step.execute();
            }
        }
    }

    /** Whether the object says it is closed, for the types that can say. */
    private static boolean isClosed(AutoCloseable object) {
        if (object instanceof SharedMemory) {
            return ((SharedMemory) object).isClosed();
        }
        if (object instanceof io.github.ipc4j.MessageQueue) {
            return ((io.github.ipc4j.MessageQueue) object).isClosed();
        }
        if (object instanceof PosixSemaphore) {
            return ((PosixSemaphore) object).isClosed();
        }
        if (object instanceof SysvSemaphoreSet) {
            return ((SysvSemaphoreSet) object).isClosed();
        }
        if (object instanceof UnixSocketServer) {
            return !((UnixSocketServer) object).isOpen();
        }
        assertTrue(CLOSED_UNKNOWN.contains(object.getClass()), "no isClosed known for " + object);
        return false;
    }

    private void open(Kind kind, Closed c) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        switch (kind) {
            case POSIX_MESSAGE_QUEUE: {
                String name = unique("/");
                PosixMessageQueue q = PosixMessageQueue.open(name,
                        PosixMqOptions.options().createNew().maxMessages(2).messageSize(64));
                c.cleanup.add(() -> PosixMessageQueue.unlink(name));
                c.object = q;
                c.call("send", () -> q.send(new byte[1])).call("send priority", () -> q.send(new byte[1], 3))
                        .call("offer", () -> q.offer(new byte[1])).call("offer timed",
                                () -> q.offer(ByteBuffer.allocate(1), 1, TimeUnit.SECONDS))
                        .call("receive", () -> q.receive(buf.clear())).call("poll", () -> q.poll(buf.clear()))
                        .call("poll timed", () -> q.poll(buf.clear(), Duration.ofSeconds(1)))
                        .call("receivePriority", () -> q.receivePriority(buf.clear()))
                        .call("poll()", q::poll).call("attributes", q::attributes)
                        .call("setBlocking", () -> q.setBlocking(false)).call("notifyOnArrival", q::notifyOnArrival);
                break;
            }
            case SYSV_MESSAGE_QUEUE: {
                SysvMessageQueue q = SysvMessageQueue.createPrivate();
                c.cleanup.add(q::remove);
                c.object = q;
                c.call("send", () -> q.send(new byte[1])).call("send typed", () -> q.send(new byte[1], 5))
                        .call("offer timed", () -> q.offer(ByteBuffer.allocate(1), 5, Duration.ofSeconds(1)))
                        .call("receive", () -> q.receive(buf.clear()))
                        .call("receive selected", () -> q.receive(buf.clear(), TypeSelector.ANY))
                        .call("poll", () -> q.poll(buf.clear(), 1, TimeUnit.SECONDS))
                        .call("receive allocating", () -> q.receive(TypeSelector.ANY)).call("status", q::status)
                        .call("setMode", () -> q.setMode(0600));
                break;
            }
            case NAMED_MESSAGE_QUEUE: {
                String name = unique("");
                NamedMessageQueue q = NamedMessageQueue.open(name,
                        NamedQueueOptions.options().createNew().capacity(2).messageSize(64));
                c.cleanup.add(() -> NamedMessageQueue.remove(name));
                c.object = q;
                c.call("send", () -> q.send(new byte[1])).call("offer", () -> q.offer(new byte[1]))
                        .call("receive", () -> q.receive(buf.clear()))
                        .call("poll", () -> q.poll(buf.clear(), 1, TimeUnit.SECONDS));
                break;
            }
            case POSIX_SEMAPHORE: {
                String name = unique("/");
                PosixSemaphore s = PosixSemaphore.open(name, PosixSemOptions.options().createNew().initialPermits(1));
                c.cleanup.add(() -> PosixSemaphore.unlink(name));
                c.object = s;
                c.call("acquire", s::acquire).call("tryAcquire", s::tryAcquire)
                        .call("tryAcquire timed", () -> s.tryAcquire(1, TimeUnit.SECONDS)).call("release", s::release)
                        .call("availablePermits", s::availablePermits);
                break;
            }
            case SYSV_SEMAPHORE_SET: {
                SysvSemaphoreSet s = SysvSemaphoreSet.createPrivate(1);
                c.cleanup.add(() -> {
                    try (SysvSemaphoreSet other = SysvSemaphoreSet.ofId(s.id())) { // this one is closed
                        other.remove();
                    }
                });
                c.object = s;
                c.call("perform", () -> s.perform(s.operation().add(0, 1).build()))
                        .call("tryPerform timed", () -> s.tryPerform(s.operation().add(0, 1).build(), 1,
                                TimeUnit.SECONDS))
                        .call("getAll", s::getAll).call("status", s::status);
                break;
            }
            case NAMED_SEMAPHORE: {
                String name = unique("");
                NamedSemaphore s = NamedSemaphore.open(name, NamedSemOptions.options().createNew().initialPermits(1));
                c.cleanup.add(() -> NamedSemaphore.remove(name));
                c.object = s;
                c.call("acquire", s::acquire).call("tryAcquire", s::tryAcquire)
                        .call("tryAcquire timed", () -> s.tryAcquire(Duration.ofSeconds(1))).call("release", s::release);
                break;
            }
            case POSIX_SHARED_MEMORY: {
                String name = unique("/");
                PosixSharedMemory m = PosixSharedMemory.open(name, PosixShmOptions.options().createNew().size(4096));
                c.cleanup.add(() -> PosixSharedMemory.unlink(name));
                memoryCalls(c, m);
                break;
            }
            case SYSV_SHARED_MEMORY: {
                SysvSharedMemory m = SysvSharedMemory.createPrivate(4096);
                c.cleanup.add(() -> {
                    try (SysvSharedMemory other = SysvSharedMemory.ofId(m.id(), Access.READ_WRITE)) { // m is closed
                        other.remove();
                    }
                });
                memoryCalls(c, m);
                c.call("status", m::status);
                break;
            }
            case SEALED_SHARED_MEMORY:
                memoryCalls(c, SealedSharedMemory.create(4096));
                break;
            case NAMED_SHARED_MEMORY: {
                String name = unique("");
                SharedMemory m = NamedSharedMemory.open(name, NamedShmOptions.options().createNew().size(4096));
                c.cleanup.add(() -> NamedSharedMemory.remove(name));
                memoryCalls(c, m);
                break;
            }
            case NAMED_LOCK: {
                String name = unique("");
                NamedLock l = NamedLock.open(name);
                c.cleanup.add(() -> NamedLock.remove(name));
                c.object = l;
                c.call("lock", l::lock).call("tryLock", l::tryLock)
                        .call("tryLock timed", () -> l.tryLock(1, TimeUnit.SECONDS))
                        .call("markConsistent", l::markConsistent);
                break;
            }
            case NAMED_FILE_LOCK: { // macOS's backend, which Linux has too
                String name = unique("");
                NamedLock l = NamedLock.open(name, NamedLock.Backend.FILE_LOCK);
                c.cleanup.add(() -> NamedLock.remove(name, NamedLock.Backend.FILE_LOCK));
                c.object = l;
                c.call("lock", l::lock).call("tryLock", l::tryLock)
                        .call("tryLock timed", () -> l.tryLock(1, TimeUnit.SECONDS))
                        .call("markConsistent", l::markConsistent);
                break;
            }
            case ROBUST_LOCK_ON_CLOSED_MEMORY: {
                String name = unique("/");
                PosixSharedMemory m = PosixSharedMemory.open(name, PosixShmOptions.options().createNew().size(4096));
                c.cleanup.add(() -> PosixSharedMemory.unlink(name));
                RobustLock l = RobustLock.initialize(m, 0);
                c.object = m;
                c.call("lock", l::lock).call("tryLock", l::tryLock)
                        .call("tryLock timed", () -> l.tryLock(Duration.ofSeconds(1)))
                        .call("attach", () -> RobustLock.attach(m, 0));
                break;
            }
            case SHARED_MEMORY_CHANNEL_SENDER:
            case SHARED_MEMORY_CHANNEL_RECEIVER: {
                String name = unique("/");
                boolean sender = kind == Kind.SHARED_MEMORY_CHANNEL_SENDER;
                ChannelOptions options = ChannelOptions.options().openOrCreate().capacity(4096);
                SharedMemoryChannel ch = SharedMemoryChannel.open(name, sender ? options.sender() : options.receiver());
                c.cleanup.add(() -> PosixSharedMemory.unlink(name));
                c.object = ch;
                if (sender) {
                    c.call("send", () -> ch.send(new byte[1])).call("offer", () -> ch.offer(new byte[1]))
                            .call("offer timed", () -> ch.offer(ByteBuffer.allocate(1), 1, TimeUnit.SECONDS));
                } else {
                    c.call("receive", () -> ch.receive(buf.clear())).call("poll", () -> ch.poll(buf.clear()))
                            .call("poll timed", () -> ch.poll(buf.clear(), Duration.ofSeconds(1)));
                }
                break;
            }
            case UNIX_SOCKET_SERVER: {
                UnixSocketServer server = UnixSocketServer.bind(dir.resolve("s"));
                c.object = server;
                c.call("accept", server::accept).call("accept timed", () -> server.accept(Duration.ofSeconds(1)));
                break;
            }
            default:
                throw new AssertionError(kind);
        }
    }

    private static void memoryCalls(Closed c, SharedMemory m) {
        c.object = m;
        c.call("buffer", m::buffer).call("window", () -> m.buffer(0, 8)).call("size", m::size)
                .call("getIntVolatile", () -> m.getIntVolatile(0)).call("setLongVolatile", () -> m.setLongVolatile(0, 1))
                .call("compareAndSetInt", () -> m.compareAndSetInt(0, 0, 1))
                .call("getAndAddLong", () -> m.getAndAddLong(8, 1));
    }
}
