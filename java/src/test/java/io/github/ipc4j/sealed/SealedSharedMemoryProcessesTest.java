package io.github.ipc4j.sealed;

import io.github.ipc4j.IpcException;
import io.github.ipc4j.RobustLock;
import io.github.ipc4j.internal.NativeUnix;
import io.github.ipc4j.testing.ChildJvm;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sealed shared memory handed between real processes: JVMs and the C peer (memfd_peer). */
@EnabledOnOs(OS.LINUX)
class SealedSharedMemoryProcessesTest {
    static final int ADDS = 1_000_000;
    static final long COUNTER = 0;
    static final long READY = 64;
    static final long LOCK = 128;

    private final Sockets sockets = new Sockets();

    SealedSharedMemoryProcessesTest() throws Exception {
    }

    @AfterEach
    void cleanUp() throws Exception {
        sockets.close();
    }

    /** Child: connects, prints who the server is, receives the object, then adds 1 ADDS times once both are ready. */
    public static final class Adder {
        public static void main(String[] args) throws Exception {
            try (UnixSocket socket = UnixSocket.connect(Path.of(args[0]));
                 SealedSharedMemory shm = SealedSharedMemory.receive(socket, Duration.ofSeconds(60))) {
                System.out.println("server " + socket.peer());
                System.out.println("seals " + shm.seals() + " size " + shm.size() + " writable " + shm.isWritable());
                readyThenAdd(shm);
            }
        }
    }

    @Test
    void twoJvmsShareASealedObjectOverAUnixSocketAndAddAMillionTimesEach() throws Exception {
        Path path = sockets.path();
        try (SealedSharedMemory shm = SealedSharedMemory.create(SealedShmOptions.options().size(4096).sealGrow());
             UnixSocketServer server = UnixSocketServer.bind(path);
             ChildJvm child = ChildJvm.start(Adder.class, path.toString())) {
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(path),
                    "only this user can connect");
            try (UnixSocket socket = server.accept(Duration.ofSeconds(60))) {
                PeerCredentials peer = socket.peer();
                assertEquals(child.pid(), peer.pid(), "the server sees the child's pid");
                assertEquals(NativeUnix.effectiveUid(), peer.uid());
                shm.sendTo(socket);
                while (shm.getIntVolatile(READY) < 1) {
                    assertTrue(child.process().isAlive(), child.output());
                    Thread.sleep(1);
                }
                shm.getAndAddInt(READY, 1);
                addAll(shm);
                child.assertSuccess(120);
            }
            assertEquals(2L * ADDS, shm.getLongVolatile(COUNTER), "every add of both processes counted");
            String out = child.output();
            assertTrue(out.contains("server PeerCredentials[pid=" + ProcessHandle.current().pid() + ","), out);
            assertTrue(out.contains("seals [SHRINK, GROW] size 4096 writable true"), out);
        }
    }

    /** A child's part: says it is ready, waits for the parent's go, adds 1 ADDS times. */
    static void readyThenAdd(SealedSharedMemory shm) {
        shm.getAndAddInt(READY, 1);
        while (shm.getIntVolatile(READY) < 2) {
            Thread.onSpinWait();
        }
        addAll(shm);
    }

    static void addAll(SealedSharedMemory shm) {
        for (int i = 0; i < ADDS; i++) {
            shm.getAndAddLong(COUNTER, 1);
        }
    }

    /** Child started with the descriptor inherited at the number args[0]: adds 1 ADDS times once both are ready. */
    public static final class InheritedAdder {
        public static void main(String[] args) throws Exception {
            int fd = Integer.parseInt(args[0]);
            try (SealedSharedMemory shm = SealedSharedMemory.fromInheritedDescriptor(fd)) {
                long memfds = 0;
                try (var fds = Files.list(Path.of("/proc/self/fd"))) {
                    for (Path p : (Iterable<Path>) fds::iterator) {
                        try {
                            memfds += Files.readSymbolicLink(p).toString().startsWith("/memfd:") ? 1 : 0;
                        } catch (java.io.IOException gone) {
                            // the listing's own descriptor
                        }
                    }
                }
                System.out.println("inherited seals " + shm.seals() + " memfds open " + memfds);
                readyThenAdd(shm);
            }
        }
    }

    @Test
    void aChildStartedWithTheDescriptorInheritedAddsAMillionTimesWithThisJvm() throws Exception {
        Path output = Files.createTempFile("ipc4j-child", ".out");
        try (SealedSharedMemory shm = SealedSharedMemory.create(SealedShmOptions.options().size(4096).debugName("x"));
             SealedSharedMemory other = SealedSharedMemory.create(4096)) { // close-on-exec: must not go along
            List<String> command = new java.util.ArrayList<>(ChildJvm.javaCommand(System.getProperty("java.class.path"),
                    List.of()));
            command.add(InheritedAdder.class.getName());
            command.add("9");
            InheritingChild child = shm.startChild(command, 9, output);
            try {
                while (shm.getIntVolatile(READY) < 1) {
                    assertTrue(child.waitFor(Duration.ZERO).isEmpty(), Files.readString(output));
                    Thread.sleep(1);
                }
                shm.getAndAddInt(READY, 1);
                addAll(shm);
                assertEquals(java.util.OptionalInt.of(0), child.waitFor(Duration.ofSeconds(120)),
                        Files.readString(output));
            } finally {
                child.destroyForcibly();
            }
            assertEquals(2L * ADDS, shm.getLongVolatile(COUNTER));
            String out = Files.readString(output);
            assertTrue(out.contains("inherited seals [SHRINK] memfds open 1"), out);
            assertTrue(!out.contains("WARNING"), out);
            assertTrue(other.isWritable());
        } finally {
            Files.deleteIfExists(output);
        }
    }

    @Test
    @Tag("kernel-spawn-errors") // qemu-user reports a failed exec in the child: ci/test-aarch64-jvm.sh leaves it out
    void startChildRefusesBadArgumentsBeforeStartingAnything() throws Exception {
        try (SealedSharedMemory shm = SealedSharedMemory.create(4096)) {
            assertThrows(IllegalArgumentException.class, () -> shm.startChild(List.of(), 3, null));
            assertThrows(IllegalArgumentException.class, () -> shm.startChild(List.of("true"), 2, null));
            assertThrows(NullPointerException.class, () -> shm.startChild(null, 3, null));
            assertThrows(java.nio.file.NoSuchFileException.class,
                    () -> shm.startChild(List.of("/nonexistent/ipc4j-no-such-program"), 3, null));
            InheritingChild t = shm.startChild(List.of("true"), 3, null);
            assertEquals(java.util.OptionalInt.of(0), t.waitFor(Duration.ofSeconds(30)));
            assertEquals(java.util.OptionalInt.of(0), t.waitFor(Duration.ZERO), "the exit code is kept");
            shm.close();
            assertThrows(io.github.ipc4j.IpcClosedException.class, () -> shm.startChild(List.of("true"), 3, null));
        }
    }

    @Test
    void theCPeerReceivesTheObjectAndSharesTheRobustLockWithThisJvm() throws Exception {
        int count = 100_000;
        Path path = sockets.path();
        try (SealedSharedMemory shm = SealedSharedMemory.create(4096);
             UnixSocketServer server = UnixSocketServer.bind(path)) {
            RobustLock lock = RobustLock.initialize(shm, LOCK);
            try (ChildJvm peer = ChildJvm.startProgram(List.of(ChildJvm.nativePeer("memfd_peer"), "lock",
                    path.toString(), String.valueOf(LOCK), String.valueOf(count)));
                 UnixSocket socket = server.accept(Duration.ofSeconds(60))) {
                assertEquals(peer.pid(), socket.peer().pid());
                shm.sendTo(socket);
                ByteBuffer plain = shm.buffer(COUNTER, 8);
                for (int i = 0; i < count; i++) {
                    lock.lock();
                    try {
                        plain.putLong(0, plain.getLong(0) + 1); // a plain read-modify-write: the lock makes it safe
                    } finally {
                        lock.unlock();
                    }
                }
                peer.assertSuccess(120);
                assertTrue(peer.output().contains("locked " + count + " times"), peer.output());
            }
            assertEquals(2L * count, shm.getLongVolatile(COUNTER));
        }
    }

    @Test
    void theReceiverRefusesAnUnsealedMemfd() throws Exception {
        Path path = sockets.path();
        try (UnixSocketServer server = UnixSocketServer.bind(path);
             ChildJvm peer = ChildJvm.startProgram(List.of(ChildJvm.nativePeer("memfd_peer"), "send-unsealed",
                     path.toString()));
             UnixSocket socket = server.accept(Duration.ofSeconds(60))) {
            IpcException refused = assertThrows(IpcException.class, () -> SealedSharedMemory.receive(socket));
            assertTrue(refused.getMessage().contains("not sealed against shrinking (F_SEAL_SHRINK missing"),
                    refused.getMessage());
            socket.close();
            peer.assertSuccess(60);
        }
    }

    @Test
    void theReceiverRefusesADescriptorThatIsNotAMemfd() throws Exception {
        Path path = sockets.path();
        Path file = Files.createTempFile("ipc4j-not-memfd", ".bin");
        try (UnixSocketServer server = UnixSocketServer.bind(path);
             ChildJvm peer = ChildJvm.startProgram(List.of(ChildJvm.nativePeer("memfd_peer"), "send-file",
                     path.toString(), file.toString()));
             UnixSocket socket = server.accept(Duration.ofSeconds(60))) {
            Files.write(file, new byte[8192]);
            IpcException refused = assertThrows(IpcException.class, () -> SealedSharedMemory.receive(socket));
            assertTrue(refused.getMessage().contains("refused: not a memfd"), refused.getMessage());
            socket.close();
            peer.assertSuccess(60);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aReceiveTimesOutWithNullAndACloseFromAnotherThreadEndsAWaitingReceive() throws Exception {
        Path path = sockets.path();
        try (UnixSocketServer server = UnixSocketServer.bind(path);
             UnixSocket client = UnixSocket.connect(path);
             UnixSocket accepted = server.accept(Duration.ofSeconds(10))) {
            assertEquals(ProcessHandle.current().pid(), accepted.peer().pid());
            assertNull(SealedSharedMemory.receive(client, Duration.ofMillis(50)));
            Thread closer = new Thread(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                client.close();
            });
            closer.start();
            assertThrows(io.github.ipc4j.IpcClosedException.class, () -> SealedSharedMemory.receive(client));
            closer.join();
        }
        assertTrue(Files.notExists(path), "close removed the socket file");
    }
}
