package io.github.ipc4j.sealed;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.RobustLock;
import io.github.ipc4j.internal.NativeSealedShm;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.posix.PosixShmOptions;
import io.github.ipc4j.testing.PosixNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import static io.github.ipc4j.testing.Allocations.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sealed shared memory in one process: creation, seals, the SharedMemory base, misuse, the copy of a named object. */
@EnabledOnOs(OS.LINUX)
class SealedSharedMemoryTest {
    private final PosixNames names = new PosixNames(PosixSharedMemory::unlink);

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    @Test
    void aCreatedObjectIsSealedZeroedAndWorksAsSharedMemory() throws Exception {
        try (SealedSharedMemory shm = SealedSharedMemory.create(8192)) {
            assertEquals(Set.of(Seal.SHRINK), shm.seals());
            assertEquals(8192, shm.size());
            assertTrue(shm.isWritable());
            assertEquals(0, shm.buffer().getLong(8184));
            assertEquals(0, shm.getAndAddLong(8, 5));
            assertTrue(shm.compareAndSetInt(16, 0, 7));
            assertEquals(7, shm.getIntVolatile(16));
            shm.buffer(4096, 8).putLong(0, 42);
            assertEquals(42, shm.getLongVolatile(4096));
            RobustLock lock = RobustLock.initialize(shm, 1024);
            assertTrue(lock.tryLock());
            lock.unlock();
        }
        try (SealedSharedMemory shm = SealedSharedMemory.create(SealedShmOptions.options().size(4096).sealGrow()
                .sealSeals().debugName("test"))) {
            assertEquals(EnumSet.of(Seal.SHRINK, Seal.GROW, Seal.SEAL), shm.seals());
            assertTrue(shm.description().contains("memfd:test"), shm.description());
        }
    }

    @Test
    void atomicsAndTheRobustLockAllocateNothingOnceWarm() throws Exception {
        try (SealedSharedMemory shm = SealedSharedMemory.create(4096)) {
            RobustLock lock = RobustLock.initialize(shm, 128);
            assertAllocatesNothing("sealed atomics and lock", () -> {
                for (int i = 0; i < 20_000; i++) {
                    shm.getAndAddLong(0, 1);
                    shm.compareAndSetInt(8, 0, 0);
                    shm.setLongVolatile(16, shm.getLongVolatile(0));
                    lock.lock();
                    lock.unlock();
                }
            });
        }
    }

    @Test
    void badOptionsAreRefusedBeforeAnyNativeCall() {
        assertThrows(IllegalArgumentException.class, () -> SealedShmOptions.options().size(0));
        assertThrows(IllegalArgumentException.class, () -> SealedShmOptions.options().size(-1));
        assertThrows(IllegalArgumentException.class, () -> SealedShmOptions.options().debugName("a/b"));
        assertThrows(IllegalArgumentException.class, () -> SealedShmOptions.options().debugName("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> SealedShmOptions.options().debugName("x".repeat(250)));
        // no UTF-8 form: getBytes would have named it "a?" (as every POSIX name, refused)
        IllegalArgumentException unpaired = assertThrows(IllegalArgumentException.class,
                () -> SealedShmOptions.options().debugName("a\uD800"));
        assertTrue(unpaired.getMessage().contains("unpaired surrogate at index 1"), unpaired.getMessage());
        assertThrows(NullPointerException.class, () -> SealedShmOptions.options().debugName(null));
        IllegalArgumentException noSize = assertThrows(IllegalArgumentException.class,
                () -> SealedSharedMemory.create(SealedShmOptions.options()));
        assertTrue(noSize.getMessage().contains("needs a size"), noSize.getMessage());
        assertThrows(NullPointerException.class, () -> SealedSharedMemory.create(null));
        assertThrows(IllegalArgumentException.class, () -> SealedSharedMemory.fromInheritedDescriptor(-1));
        assertThrows(NullPointerException.class, () -> SealedSharedMemory.receive(null));
        assertThrows(IllegalArgumentException.class, () -> UnixSocketServer.bind(Path.of("/tmp/x"), 01777));
    }

    @Test
    void useAfterCloseThrowsAndCloseIsIdempotent() throws Exception {
        SealedSharedMemory shm = SealedSharedMemory.create(4096);
        RobustLock lock = RobustLock.initialize(shm, 0);
        ByteBuffer view = shm.buffer();
        shm.close();
        shm.close();
        assertTrue(shm.isClosed());
        assertThrows(IllegalStateException.class, () -> shm.getAndAddLong(8, 1));
        assertThrows(IllegalStateException.class, shm::buffer);
        assertThrows(IpcClosedException.class, lock::tryLock);
        assertThrows(IpcClosedException.class, shm::inheritableDescriptor);
        view.putLong(0, 1); // a view taken before close keeps its memory mapped
        assertEquals(1, view.getLong(0));
    }

    @Test
    void anInheritedDescriptorIsCheckedLikeAReceivedOne() throws Exception {
        try (SealedSharedMemory shm = SealedSharedMemory.create(4096)) {
            shm.setLongVolatile(0, 99);
            int fd = shm.inheritableDescriptor();
            try (SealedSharedMemory again = SealedSharedMemory.fromInheritedDescriptor(fd)) {
                assertEquals(99, again.getLongVolatile(0));
                again.setLongVolatile(0, 100);
                assertEquals(100, shm.getLongVolatile(0), "one object, two descriptors");
            }
        }
        try (PosixSharedMemory named = PosixSharedMemory.open(names.name(),
                PosixShmOptions.options().createNew().size(4096))) {
            // a named object's descriptor, through /proc, is not a memfd: refused and closed
            Path self = Path.of("/proc/self/fd");
            int fd = -1;
            try (var fds = Files.list(self)) {
                for (Path p : (Iterable<Path>) fds::iterator) {
                    if (Files.readSymbolicLink(p).toString().startsWith("/dev/shm" + named.name())) {
                        fd = Integer.parseInt(p.getFileName().toString());
                    }
                }
            }
            assertTrue(fd >= 0, "the named object's descriptor is in /proc/self/fd");
            int copy = dup(fd);
            IpcException refused = assertThrows(IpcException.class,
                    () -> SealedSharedMemory.fromInheritedDescriptor(copy));
            assertTrue(refused.getMessage().contains("refused: not a memfd"), refused.getMessage());
            // only this copy is looked at: the JVM opens and closes descriptors of its own meanwhile
            Path copyLink = self.resolve(Integer.toString(copy));
            boolean stillThere;
            try {
                stillThere = Files.readSymbolicLink(copyLink).toString().startsWith("/dev/shm" + named.name());
            } catch (java.nio.file.NoSuchFileException closed) {
                stillThere = false;
            }
            assertFalse(stillThere, "the refused descriptor was closed");
        }
    }

    /** A second descriptor of fd (as the parent of a child that inherits it would make). */
    private static int dup(int fd) {
        return NativeSealedShm.inheritable(fd);
    }

    @Test
    void aNamedObjectsSealedCopyHoldsItsBytesAndCannotShrink() throws Exception {
        try (PosixSharedMemory named = PosixSharedMemory.open(names.name(),
                PosixShmOptions.options().createNew().size(10_000))) {
            byte[] bytes = new byte[10_000];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (i * 31);
            }
            named.buffer().put(bytes);
            try (SealedSharedMemory copy = named.sealedCopy()) {
                assertEquals(10_000, copy.size());
                assertTrue(copy.seals().contains(Seal.SHRINK));
                byte[] copied = new byte[10_000];
                copy.buffer().get(copied);
                assertArrayEquals(bytes, copied);
                copy.setLongVolatile(0, -1);
                assertFalse(named.getLongVolatile(0) == -1, "a copy, not the same memory");
            }
        }
    }

    /** The copy's memfd name is the named object's, cut short: never between the two halves of a surrogate pair. */
    @Test
    void aSealedCopyOfANameWithAPairAtTheCutIsMade() throws Exception {
        String base = names.name();
        String name = base + "a".repeat(60 - base.length()) + "\uD83D\uDE00"; // the pair at 60 and 61
        try (PosixSharedMemory named = PosixSharedMemory.open(name, PosixShmOptions.options().createNew().size(64))) {
            named.setLongVolatile(0, 42);
            try (SealedSharedMemory copy = named.sealedCopy()) {
                assertEquals(42, copy.getLongVolatile(0));
            }
        } finally {
            PosixSharedMemory.unlink(name);
        }
    }

    @Test
    void aSocketPathThatExistsIsRefused() throws Exception {
        try (Sockets sockets = new Sockets()) {
            Path path = sockets.path();
            try (UnixSocketServer server = UnixSocketServer.bind(path)) {
                assertThrows(FileAlreadyExistsException.class, () -> UnixSocketServer.bind(path));
                assertTrue(server.isOpen());
            }
            assertThrows(java.nio.file.NoSuchFileException.class, () -> UnixSocket.connect(path));
        }
    }
}
