package io.github.ipc4j.sysv;

import io.github.ipc4j.Access;
import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.IpcRemovedException;
import io.github.ipc4j.RobustLock;
import io.github.ipc4j.testing.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@EnabledOnOs({OS.LINUX, OS.MAC})
class SysvSharedMemoryTest {
    private final List<Integer> ids = new ArrayList<>();

    @AfterEach
    void removeSegments() throws IOException {
        for (int id : ids) {
            try (SysvSharedMemory shm = SysvSharedMemory.ofId(id, Access.READ_ONLY)) {
                shm.remove();
            } catch (NoSuchFileException | IpcRemovedException gone) {
                // removed by the test
            }
        }
    }

    private SysvSharedMemory track(SysvSharedMemory shm) {
        ids.add(shm.id());
        return shm;
    }

    private static IpcKey randomKey() {
        int value;
        do {
            value = ThreadLocalRandom.current().nextInt();
        } while (value == 0 || value == -1);
        return IpcKey.of(value);
    }

    @Test
    void attachmentsShareBytesAndAtomicsAndStatusCountsThem() throws Exception {
        try (SysvSharedMemory a = track(SysvSharedMemory.createPrivate(10_000));
             SysvSharedMemory b = SysvSharedMemory.ofId(a.id(), Access.READ_WRITE)) {
            assertTrue(a.created());
            assertFalse(b.created());
            assertEquals(10_000, b.size());
            a.buffer().put(5000, (byte) 7);
            assertEquals(7, b.buffer(5000, 1).get(0));
            assertEquals(0, b.getAndAddLong(8, 3));
            assertTrue(a.compareAndSetLong(8, 3, 4));
            assertEquals(4, b.getLongVolatile(8));
            SysvShmStatus status = a.status();
            assertEquals(a.id(), status.id());
            assertEquals(10_000, status.size());
            assertEquals(2, status.attachments());
            assertEquals(0600, status.mode());
            assertEquals(ProcessHandle.current().pid(), status.creatorPid());
            assertTrue(status.lastAttachTime().isPresent());
            assertFalse(status.removedPendingDetach());
        }
    }

    @Test
    void openModesByKeyWithExactModeAndOwnerChange() throws Exception {
        IpcKey key = randomKey();
        assertThrows(NoSuchFileException.class, () -> SysvSharedMemory.open(key, SysvShmOptions.options()));
        try (SysvSharedMemory created = track(SysvSharedMemory.open(key,
                SysvShmOptions.options().createNew().size(4096).mode(0640)))) {
            assertEquals(0640, created.status().mode());
            assertEquals(key, created.status().key());
            assertThrows(FileAlreadyExistsException.class, () -> SysvSharedMemory.open(key,
                    SysvShmOptions.options().createNew().size(4096)));
            try (SysvSharedMemory existing = SysvSharedMemory.open(key,
                    SysvShmOptions.options().openOrCreate().size(100))) {
                assertFalse(existing.created());
                assertEquals(4096, existing.size());
            }
            IpcException bigger = assertThrows(IpcException.class, () -> SysvSharedMemory.open(key,
                    SysvShmOptions.options().size(8192)));
            assertTrue(bigger.getMessage().contains("smaller"), bigger.getMessage());
            created.setMode(0600);
            assertEquals(0600, created.status().mode());
            created.setOwner(created.status().ownerUid(), created.status().ownerGid());
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aRemovedSegmentStaysUsableUntilDetachedThenIsGone() throws Exception {
        SysvSharedMemory shm = track(SysvSharedMemory.createPrivate(4096));
        int id = shm.id();
        ByteBuffer view = shm.buffer();
        view.put(0, (byte) 1);
        assertTrue(ipcs().contains(" " + id + " "), "ipcs lists it: " + ipcs());
        shm.remove();
        assertTrue(shm.isRemoved());
        SysvShmStatus status = shm.status();
        assertTrue(status.removedPendingDetach(), status.toString());
        assertEquals(1, status.attachments());
        assertTrue(ipcsLine(id).contains("dest"), "ipcs shows it marked: " + ipcsLine(id));
        view.put(1, (byte) 2);
        assertEquals(2, view.get(1), "still usable while attached");
        shm.close();
        assertEquals(2, view.get(1), "still usable through a live view after close");
        view = null;
        for (int i = 0; i < 100 && !ipcsLine(id).isEmpty(); i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals("", ipcsLine(id), "gone once the last view was collected");
        assertThrows(NoSuchFileException.class, () -> SysvSharedMemory.ofId(id, Access.READ_WRITE));
    }

    @Test
    void readOnlyAttachmentsGiveReadOnlyViews() throws Exception {
        try (SysvSharedMemory rw = track(SysvSharedMemory.createPrivate(4096));
             SysvSharedMemory ro = SysvSharedMemory.ofId(rw.id(), Access.READ_ONLY)) {
            rw.setIntVolatile(0, 42);
            assertFalse(ro.isWritable());
            assertTrue(ro.buffer().isReadOnly());
            assertEquals(42, ro.getIntVolatile(0));
            assertThrows(ReadOnlyBufferException.class, () -> ro.setIntVolatile(0, 1));
            assertThrows(ReadOnlyBufferException.class, () -> ro.getAndAddInt(0, 1));
            assertThrows(IllegalArgumentException.class, () -> RobustLock.initialize(ro, 0));
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theRobustLockWorksInASegmentToo() throws Exception {
        try (SysvSharedMemory shm = track(SysvSharedMemory.createPrivate(4096))) {
            RobustLock lock = RobustLock.initialize(shm, 0);
            lock.lock();
            lock.unlock();
            assertTrue(RobustLock.attach(shm, 0).tryLock());
            lock.unlock();
        }
    }

    @Test
    void badInputIsRefusedBeforeAnyNativeCall() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> SysvShmOptions.options().size(0));
        assertThrows(IllegalArgumentException.class, () -> SysvShmOptions.options().size(-1));
        assertThrows(IllegalArgumentException.class, () -> SysvShmOptions.options().access(Access.WRITE_ONLY));
        assertThrows(NullPointerException.class, () -> SysvShmOptions.options().access(null));
        assertThrows(NullPointerException.class, () -> SysvSharedMemory.open(null, SysvShmOptions.options()));
        assertThrows(NullPointerException.class, () -> SysvSharedMemory.open(randomKey(), null));
        IllegalArgumentException noSize = assertThrows(IllegalArgumentException.class,
                () -> SysvSharedMemory.open(randomKey(), SysvShmOptions.options().createNew()));
        assertTrue(noSize.getMessage().contains("needs a size"), noSize.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SysvSharedMemory.open(IpcKey.PRIVATE,
                SysvShmOptions.options().size(10)));
        assertThrows(IllegalArgumentException.class, () -> SysvSharedMemory.ofId(-1, Access.READ_WRITE));
        assertThrows(IllegalArgumentException.class, () -> SysvSharedMemory.ofId(0, Access.WRITE_ONLY));
        try (SysvSharedMemory shm = track(SysvSharedMemory.createPrivate(16))) {
            assertThrows(IllegalArgumentException.class, () -> shm.setMode(01000));
            assertThrows(IllegalArgumentException.class, () -> shm.setOwner(-1, 0));
            assertThrows(IllegalArgumentException.class, () -> shm.setOwner(0, 0x1_0000_0000L));
            assertThrows(IndexOutOfBoundsException.class, () -> shm.getLongVolatile(16));
            assertThrows(IndexOutOfBoundsException.class, () -> shm.buffer(8, 9));
        }
    }

    /** Child, in an IPC namespace of its own with small limits: reaches each and prints the error. */
    public static final class LimitChild {
        public static void main(String[] args) throws Exception {
            switch (args[0]) {
                case "SHMMAX":
                    print("SHMMAX", () -> SysvSharedMemory.createPrivate(65537));
                    break;
                case "SHMALL": // 32 pages: two segments of 64 KiB fill them
                    SysvSharedMemory.createPrivate(65536);
                    SysvSharedMemory.createPrivate(65536);
                    print("SHMALL", () -> SysvSharedMemory.createPrivate(65536));
                    break;
                default: // 4 segments
                    for (int i = 0; i < 4; i++) {
                        SysvSharedMemory.createPrivate(4096);
                    }
                    print("SHMMNI", () -> SysvSharedMemory.createPrivate(4096));
            }
            // the namespace's segments go with it
        }

        private interface Open {
            SysvSharedMemory run() throws Exception;
        }

        private static void print(String limit, Open open) {
            try {
                open.run();
                System.out.println(limit + ": no error");
            } catch (Exception e) {
                System.out.println(limit + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
            }
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void everyKernelLimitIsNamedWithHowToRaiseIt() throws Exception {
        Process probe = new ProcessBuilder("unshare", "--ipc", "true").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        org.junit.jupiter.api.Assumptions.assumeTrue(probe.waitFor() == 0,
                "needs unshare --ipc (root): a namespace with small limits");
        String setLimits = "echo 65536 > /proc/sys/kernel/shmmax && echo 32 > /proc/sys/kernel/shmall"
                + " && echo 4 > /proc/sys/kernel/shmmni && exec \"$0\" \"$@\"";
        StringBuilder all = new StringBuilder();
        for (String limit : new String[] {"SHMMAX", "SHMALL", "SHMMNI"}) {
            try (ChildJvm child = ChildJvm.start(List.of("unshare", "--ipc", "sh", "-c", setLimits), List.of(),
                    LimitChild.class, limit)) {
                child.assertSuccess(60);
                all.append(child.output());
            }
        }
        {
            String out = all.toString();
            assertTrue(out.contains("SHMMAX: IpcException") && out.contains("kernel.shmmax (65536 bytes)")
                    && out.contains("sysctl -w kernel.shmmax=<higher>"), out);
            assertTrue(out.contains("SHMALL: IpcException") && out.contains("kernel.shmall (32 pages")
                    && out.contains("sysctl -w kernel.shmall=<higher>"), out);
            assertTrue(out.contains("SHMMNI: IpcException") && out.contains("kernel.shmmni (4 segments")
                    && out.contains("sysctl -w kernel.shmmni=<higher>"), out);
        }
    }

    @Test
    void useAfterCloseThrows() throws Exception {
        SysvSharedMemory shm = track(SysvSharedMemory.createPrivate(64));
        shm.close();
        shm.close();
        assertThrows(IpcClosedException.class, shm::status);
        assertThrows(IpcClosedException.class, () -> shm.setMode(0600));
        assertThrows(IllegalStateException.class, shm::buffer);
        assertThrows(IllegalStateException.class, () -> shm.getIntVolatile(0));
        shm.remove(); // removal acts on the id: it works after close, as for every System V object (issue 11)
        assertTrue(shm.isRemoved());
    }

    /** Child: attaches the segment by id and adds 1 a million times. */
    public static final class Adder {
        public static void main(String[] args) throws Exception {
            try (SysvSharedMemory shm = SysvSharedMemory.ofId(Integer.parseInt(args[0]), Access.READ_WRITE)) {
                for (int i = 0; i < 1_000_000; i++) {
                    shm.getAndAddLong(0, 1);
                }
            }
        }
    }

    @Test
    void twoProcessesAddThroughOneSegment() throws Exception {
        try (SysvSharedMemory shm = track(SysvSharedMemory.createPrivate(64));
             ChildJvm child = ChildJvm.start(Adder.class, Integer.toString(shm.id()))) {
            for (int i = 0; i < 1_000_000; i++) {
                shm.getAndAddLong(0, 1);
            }
            child.assertSuccess(120);
            assertEquals(2_000_000, shm.getLongVolatile(0));
        }
    }

    private static String ipcs() throws Exception {
        Process p = new ProcessBuilder("ipcs", "-m").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** ipcs -m's line for id: "key shmid owner perms bytes nattch status", or "" when not listed. */
    private static String ipcsLine(int id) throws Exception {
        for (String line : ipcs().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[1].equals(Integer.toString(id))) {
                return line;
            }
        }
        return "";
    }
}
