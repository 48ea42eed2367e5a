package io.github.ipc4j.portable;

import io.github.ipc4j.blocking.VirtualThreadsSupport;
import io.github.ipc4j.testing.ChildJvm;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The portable objects attacked as the blocking core's tests attack the queues: see {@link PortableAttackChild}. */
@EnabledOnOs(OS.LINUX)
class PortableAttackTest {
    private static final int COUNT = 200;

    @Test
    void twoHundredVirtualThreadsOnTwoCarriersBlockedOnPortableObjectsLeaveOthersRunningAndAllEnd()
            throws Exception {
        Assumptions.assumeTrue(VirtualThreadsSupport.available(), "virtual threads need JDK 21+");
        String prefix = NamedMessageQueueConformanceTest.unique() + "-";
        try (ChildJvm child = ChildJvm.start(List.of(), List.of("-Djdk.virtualThreadScheduler.parallelism=2",
                "-Djdk.virtualThreadScheduler.maxPoolSize=2"), PortableAttackChild.class, "virtual", prefix,
                Integer.toString(COUNT))) {
            int code = child.waitFor(120);
            assertEquals(0, code, child.output());
            assertTrue(child.output().contains("portable virtual ok"), child.output());
        } finally {
            for (int i = 0; i < COUNT; i++) {
                String name = prefix + i;
                quietly(() -> NamedMessageQueue.remove(name, NamedMessageQueue.Backend.POSIX_MQ));
                quietly(() -> NamedMessageQueue.remove(name, NamedMessageQueue.Backend.SHARED_MEMORY));
                quietly(() -> NamedSemaphore.remove(name));
                quietly(() -> NamedLock.remove(name, NamedLock.Backend.ROBUST_MUTEX));
            }
        }
    }

    private interface Removal {
        void run() throws IOException;
    }

    private static void quietly(Removal removal) {
        try {
            removal.run();
        } catch (IOException notThisKind) {
            // each name is one kind of object: the other removals find nothing
        }
    }
    /**
     * Lowered RLIMIT_NOFILE (channel, shared-memory queue) and RLIMIT_MSGQUEUE (POSIX-mq queue) for a child JVM
     * (prlimit): opening fails with an IpcException naming the limit, not an Error; closing what was opened
     * gives every descriptor back; an open then succeeds.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} under {1}")
    @org.junit.jupiter.params.provider.CsvSource({"channel, --nofile=160, RLIMIT_NOFILE",
            "shm, --nofile=160, RLIMIT_NOFILE", "mq, --nofile=160, RLIMIT_NOFILE",
            "mq, --msgqueue=40000, RLIMIT_MSGQUEUE", "filelock, --nofile=160, RLIMIT_NOFILE"})
    void openingUnderALoweredLimitFailsNamingItAndLeaksNothing(String kind, String limit, String named)
            throws Exception {
        Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/prlimit")),
                "needs prlimit (util-linux)");
        String prefix = NamedMessageQueueConformanceTest.unique() + "-";
        List<String> prefixCommand = new java.util.ArrayList<>(List.of("/usr/bin/prlimit", limit, "--"));
        if (limit.startsWith("--msgqueue") && ownUserNamespaceWorks()) {
            // RLIMIT_MSGQUEUE counts the bytes of every queue of the user, other processes' too: in a user and
            // IPC namespace of its own (kernel 5.14+ counts per user namespace) the child's count starts at 0
            prefixCommand.addAll(0, List.of("unshare", "--user", "--map-root-user", "--ipc"));
        }
        try (ChildJvm child = ChildJvm.start(prefixCommand, List.of(), PortableAttackChild.class, "limit", kind,
                prefix)) {
            int code = child.waitFor(120);
            String out = child.output();
            assertEquals(0, code, out);
            Assumptions.assumeFalse(out.contains("QUOTA-TAKEN"), "other processes of this user hold the queue bytes "
                    + "the lowered limit allows, so nothing can be opened to test with: " + out);
            assertTrue(out.contains("FAILED io.github.ipc4j.IpcException") && out.contains(named), out);
            java.util.regex.Matcher fds = java.util.regex.Pattern.compile("fds (\\d+) (\\d+)").matcher(out);
            assertTrue(fds.find(), out);
            assertTrue(Long.parseLong(fds.group(2)) <= Long.parseLong(fds.group(1)),
                    "more descriptors after closing everything than before the opens: " + fds.group());
            assertTrue(out.contains("reopened"), out);
        }
    }
    /**
     * The lock files' directory of another user is refused, naming its owner by number: a name takes the user
     * database, which a process out of descriptors cannot open (root's own directory was then refused as
     * belonging to "0").
     */
    @Test
    void aLockDirectoryOfAnotherUserIsRefusedNamingItsUid() throws Exception {
        Assumptions.assumeTrue(io.github.ipc4j.UnixUser.effectiveUid() == 0, "needs root, to give a directory away");
        java.nio.file.Path tmp = java.nio.file.Files.createTempDirectory("ipc4j-lockdir");
        java.nio.file.Path dir = tmp.resolve("ipc4j-" + System.getProperty("user.name"));
        try {
            java.nio.file.Files.createDirectory(dir);
            java.nio.file.Files.setAttribute(dir, "unix:uid", 65534);
            try (ChildJvm child = ChildJvm.start(List.of(), List.of("-Djava.io.tmpdir=" + tmp),
                    PortableAttackChild.class, "fileLock", NamedMessageQueueConformanceTest.unique())) {
                assertEquals(0, child.waitFor(60), child.output());
                assertTrue(child.output().contains("REFUSED") && child.output().contains("belongs to uid 65534"),
                        child.output());
            }
        } finally {
            java.nio.file.Files.deleteIfExists(dir);
            java.nio.file.Files.delete(tmp);
        }
    }

    private static boolean ownUserNamespaceWorks() {
        try {
            Process p = new ProcessBuilder("unshare", "--user", "--map-root-user", "--ipc", "true")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Writes an int of a shared-memory queue's memory through its file, as another process would. */
    private static void pokeInt(String name, long at, int value) throws IOException {
        try (java.nio.channels.FileChannel file = java.nio.channels.FileChannel.open(
                java.nio.file.Path.of("/dev/shm", name + ShmQueueEngine.MEMORY), java.nio.file.StandardOpenOption.WRITE)) {
            file.write(java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.nativeOrder()).putInt(0, value), at);
        }
    }

    /**
     * A process that releases a shared-memory queue's "used" permit without writing a message leaves a receiver
     * waiting for a slot nobody fills. An interrupt ends that wait (at most ShmQueueEngine.STALLED_MILLIS later),
     * and the thread sleeps meanwhile: before, the interrupt was put back at once, so every later sleep threw at
     * once, a busy loop until the queue was closed.
     */
    @Test
    void aReceiverWaitingForASlotNobodyFillsIsEndedByAnInterruptWithoutSpinning() throws Exception {
        String name = NamedMessageQueueConformanceTest.unique();
        try (NamedMessageQueue q = NamedMessageQueue.open(name, shmQueue().createNew().capacity(4).messageSize(16));
             NamedSemaphore used = NamedSemaphore.open(name, ShmQueueEngine.USED, NamedSemOptions.options())) {
            used.release(); // a permit with no message behind it
            java.util.concurrent.atomic.AtomicReference<Throwable> outcome = new java.util.concurrent.atomic.AtomicReference<>();
            Thread receiver = new Thread(() -> {
                try {
                    q.receive(java.nio.ByteBuffer.allocate(16));
                    outcome.set(new AssertionError("received a message nobody sent"));
                } catch (Throwable e) {
                    outcome.set(e);
                }
            });
            receiver.start();
            Thread.sleep(500); // waiting for the slot by now
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            receiver.interrupt();
            long cpuBefore = threads.getThreadCpuTime(receiver.getId());
            Thread.sleep(1000); // within the wait's STALLED_MILLIS after the interrupt
            long cpu = threads.getThreadCpuTime(receiver.getId()) - cpuBefore;
            receiver.join(15_000);
            assertTrue(!receiver.isAlive(), "the interrupted receiver still waits");
            assertTrue(outcome.get() instanceof InterruptedException, "outcome: " + outcome.get());
            assertTrue(cpu >= 0 && cpu < 250_000_000L, "the waiting thread used " + cpu / 1_000_000
                    + " ms of CPU in the second after its interrupt: it spins");
        } finally {
            NamedMessageQueue.remove(name, NamedMessageQueue.Backend.SHARED_MEMORY);
        }
    }

    private static NamedQueueOptions shmQueue() {
        return NamedQueueOptions.options().backend(NamedMessageQueue.Backend.SHARED_MEMORY);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "capacity {0}, message size {1}")
    @org.junit.jupiter.params.provider.CsvSource({"0, 16", "-5, 16", "1073741824, 16", "4, -1", "4, 100000"})
    void aSharedMemoryQueueWhoseHeaderWasDamagedIsRefusedAtOpenNotUsed(int capacity, int messageSize)
            throws Exception {
        String name = NamedMessageQueueConformanceTest.unique();
        try (NamedMessageQueue q = NamedMessageQueue.open(name, shmQueue().createNew().capacity(4).messageSize(16))) {
            pokeInt(name, 8, capacity);
            pokeInt(name, 12, messageSize);
            io.github.ipc4j.IpcException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.github.ipc4j.IpcException.class, () -> NamedMessageQueue.open(name, shmQueue()).close());
            assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        } finally {
            NamedMessageQueue.remove(name, NamedMessageQueue.Backend.SHARED_MEMORY);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "length {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {-1, 17, 1_000_000, Integer.MIN_VALUE})
    void aMessageLengthDamagedInASharedMemoryQueueIsAnIpcExceptionAndTheQueueGoesOn(int length) throws Exception {
        String name = NamedMessageQueueConformanceTest.unique();
        try (NamedMessageQueue q = NamedMessageQueue.open(name, shmQueue().createNew().capacity(4).messageSize(16))) {
            q.send(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
            q.send(java.nio.ByteBuffer.wrap(new byte[] {4}));
            pokeInt(name, 192 + 8, length); // the first slot's length
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(16);
            io.github.ipc4j.IpcException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.github.ipc4j.IpcException.class, () -> q.receive(buffer));
            assertTrue(e.getMessage().contains("damaged"), e.getMessage());
            assertEquals(0, buffer.position(), "nothing handed out");
            assertEquals(1, q.poll(buffer), "the next message still arrives");
            assertEquals(4, buffer.get(0));
            q.send(java.nio.ByteBuffer.wrap(new byte[] {5, 6}));
            buffer.clear();
            assertEquals(2, q.poll(buffer), "and the queue still carries messages");
        } finally {
            NamedMessageQueue.remove(name, NamedMessageQueue.Backend.SHARED_MEMORY);
        }
    }
    /**
     * A header that another process rewrites while the queue is being opened: the open uses the capacity and
     * message size it checked, or refuses them; it never checks one value and then uses another (a capacity read
     * again after the check put slots past the memory's end: an IndexOutOfBoundsException at the fifth send).
     */
    @Test
    void aSharedMemoryQueueOpensWithTheHeaderItCheckedWhileAnotherProcessRewritesIt() throws Exception {
        String name = NamedMessageQueueConformanceTest.unique();
        try (NamedMessageQueue made = NamedMessageQueue.open(name, shmQueue().createNew().capacity(4).messageSize(16));
             java.nio.channels.FileChannel file = java.nio.channels.FileChannel.open(java.nio.file.Path.of(
                     "/dev/shm", name + ShmQueueEngine.MEMORY), java.nio.file.StandardOpenOption.READ,
                     java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.MappedByteBuffer header = file.map(java.nio.channels.FileChannel.MapMode.READ_WRITE, 0, 16);
            header.order(java.nio.ByteOrder.nativeOrder());
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.lang.invoke.VarHandle ints = java.lang.invoke.MethodHandles.byteBufferViewVarHandle(int[].class,
                    java.nio.ByteOrder.nativeOrder());
            Thread rewriter = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    ints.setVolatile(header, 8, (i & 1) == 0 ? 4 : 1000); // a valid capacity, then one past the memory
                }
            });
            rewriter.start();
            int opened = 0;
            // 300 opens take some 20 ms: a rewriter preempted after a 1000 for that long (CI, JDK 25) left every
            // one of them damaged; so go on until one open saw the valid header too, for up to 20 s
            long deadline = System.nanoTime() + 20_000_000_000L;
            try {
                for (int i = 0; i < 300 || opened == 0 && System.nanoTime() - deadline < 0; i++) {
                    try (NamedMessageQueue q = NamedMessageQueue.open(name, shmQueue())) {
                        assertEquals(4, q.capacity(), "the capacity it checked, open " + i);
                        opened++;
                    } catch (io.github.ipc4j.IpcException damaged) {
                        assertTrue(damaged.getMessage().contains("damaged"), damaged.getMessage());
                    }
                }
            } finally {
                stop.set(true);
                rewriter.join();
                header.putInt(8, 4);
            }
            assertTrue(opened > 0, "no open saw the valid header in 20 s");
        } finally {
            NamedMessageQueue.remove(name, NamedMessageQueue.Backend.SHARED_MEMORY);
        }
    }

    /**
     * A queue's memory that another process made larger than one ByteBuffer (a sparse 3 GiB file): the queue
     * still opens and works (it uses the bytes its header names), and a header naming more slots than one
     * ByteBuffer holds is damage (IpcException), not an IllegalStateException telling to use a window.
     */
    @Test
    void aSharedMemoryQueueWhoseMemoryAnotherProcessGrewPastTwoGibibytesStillOpens() throws Exception {
        String name = NamedMessageQueueConformanceTest.unique();
        try (NamedMessageQueue q = NamedMessageQueue.open(name, shmQueue().createNew().capacity(4).messageSize(16))) {
            try (java.io.RandomAccessFile memory = new java.io.RandomAccessFile(
                    "/dev/shm/" + name + ShmQueueEngine.MEMORY, "rw")) {
                memory.setLength(3L << 30);
            }
            try (NamedMessageQueue other = NamedMessageQueue.open(name, shmQueue())) {
                assertEquals(4, other.capacity());
                q.send(java.nio.ByteBuffer.wrap(new byte[] {1, 2}));
                assertEquals(2, other.poll(java.nio.ByteBuffer.allocate(16)));
            }
            pokeInt(name, 8, 1 << 27); // 2^27 slots of 16 bytes: 2 GiB and the header, inside the 3 GiB
            pokeInt(name, 12, 0);
            io.github.ipc4j.IpcException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.github.ipc4j.IpcException.class, () -> NamedMessageQueue.open(name, shmQueue()).close());
            assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        } finally {
            NamedMessageQueue.remove(name, NamedMessageQueue.Backend.SHARED_MEMORY);
        }
    }

    @Test
    void aSharedMemoryQueueWhoseMemoryAnotherProcessShrankFailsWithAnIpcExceptionNotAnIllegalState()
            throws Exception {
        String name = NamedMessageQueueConformanceTest.unique();
        try (ChildJvm child = ChildJvm.start(PortableAttackChild.class, "shrunkQueue", name)) {
            child.awaitOutput("ready", 30);
            try (java.io.RandomAccessFile memory = new java.io.RandomAccessFile(
                    "/dev/shm/" + name + ShmQueueEngine.MEMORY, "rw")) {
                memory.setLength(0);
            }
            int code = child.waitFor(60);
            String out = child.output();
            assertEquals(0, code, out);
            assertTrue(out.contains("OUTCOME sender io.github.ipc4j.IpcException") && out.contains("shrank"), out);
            assertTrue(out.contains("closed"), out);
        } finally {
            NamedMessageQueue.remove(name, NamedMessageQueue.Backend.SHARED_MEMORY);
        }
    }
}
