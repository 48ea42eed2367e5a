package io.github.ipc4j.sysv;

import io.github.ipc4j.Access;
import io.github.ipc4j.IpcRemovedException;
import io.github.ipc4j.RobustLock;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.posix.PosixShmOptions;
import io.github.ipc4j.testing.PosixNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SharedMemory.closeAndRelease: the mapping goes at close when no view is live, and stays when one is. */
@EnabledOnOs(OS.LINUX)
class SharedMemoryReleaseTest {
    private final List<Integer> ids = new ArrayList<>();
    private final PosixNames names = new PosixNames(PosixSharedMemory::unlink);

    @AfterEach
    void removeObjects() throws Exception {
        for (int id : ids) {
            try (SysvSharedMemory shm = SysvSharedMemory.ofId(id, Access.READ_ONLY)) {
                shm.remove();
            } catch (NoSuchFileException | IpcRemovedException gone) {
                // removed by the test
            }
        }
        names.close();
    }

    private SysvSharedMemory segment() throws IOException {
        SysvSharedMemory shm = SysvSharedMemory.createPrivate(3 * 4096);
        ids.add(shm.id());
        return shm;
    }

    @Test
    void withNoViewTheSegmentIsDetachedAtClose() throws Exception {
        SysvSharedMemory a = segment();
        try (SysvSharedMemory b = SysvSharedMemory.ofId(a.id(), Access.READ_WRITE)) {
            a.setIntVolatile(8, 42);
            assertEquals(2, b.status().attachments());
            assertTrue(a.closeAndRelease(), "no view was ever handed out");
            assertEquals(1, b.status().attachments(), "a's attach is gone at once, not at the next GC");
            assertTrue(a.isClosed());
            assertEquals(42, b.getIntVolatile(8), "the segment itself is untouched");
            assertThrows(IllegalStateException.class, a::buffer);
            assertThrows(IllegalStateException.class, () -> a.getIntVolatile(8));
            assertFalse(a.closeAndRelease(), "closed already");
            a.close(); // idempotent
        }
    }

    @Test
    void aRemovedSegmentIsDestroyedAtCloseAndRelease() throws Exception {
        SysvSharedMemory a = segment();
        int id = a.id();
        a.remove();
        assertTrue(a.closeAndRelease());
        assertThrows(NoSuchFileException.class, () -> SysvSharedMemory.ofId(id, Access.READ_ONLY),
                "the last attach went, so the removed segment is gone");
    }

    @Test
    void aLiveViewKeepsTheMappingAndCloseAndReleaseSaysSo() throws Exception {
        SysvSharedMemory a = segment();
        try (SysvSharedMemory b = SysvSharedMemory.ofId(a.id(), Access.READ_WRITE)) {
            ByteBuffer view = a.buffer(4096, 16);
            assertFalse(a.closeAndRelease(), "a view is live: nothing is unmapped");
            assertTrue(a.isClosed());
            assertEquals(2, b.status().attachments(), "still attached under the view");
            view.putInt(0, 7); // the view still works, and still reaches the segment
            assertEquals(7, b.getIntVolatile(4096));
            Reference.reachabilityFence(view);
        }
    }

    @Test
    void aRobustLockKeepsTheMapping() throws Exception {
        SysvSharedMemory a = segment();
        try (SysvSharedMemory b = SysvSharedMemory.ofId(a.id(), Access.READ_WRITE)) {
            RobustLock lock = RobustLock.initialize(a, 0);
            assertFalse(a.closeAndRelease(), "the lock pins its bytes");
            assertEquals(2, b.status().attachments());
            Reference.reachabilityFence(lock);
        }
    }

    @Test
    void aPosixObjectIsUnmappedAtCloseAndRelease() throws Exception {
        String name = names.name();
        PosixSharedMemory shm = PosixSharedMemory.open(name, PosixShmOptions.options().createNew().size(8192));
        String mapped = "/dev/shm" + name;
        assertTrue(mappings().contains(mapped), "mapped after open");
        assertTrue(shm.closeAndRelease());
        assertFalse(mappings().contains(mapped), "unmapped at close, not at the next GC");
    }

    private static String mappings() throws IOException {
        return Files.readString(Paths.get("/proc/self/maps"));
    }
}
