package io.github.ipc4j.sysv;

import io.github.ipc4j.Access;
import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcRemovedException;
import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.SysvQueues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three System V kinds through their common SysvObject / SysvStatus, and their uniform opening. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SysvObjectTest {
    private final List<SysvObject<?>> made = new ArrayList<>();

    @AfterEach
    void removeObjects() throws Exception {
        for (SysvObject<?> o : made) {
            try (SysvObject<?> again = reopenById(o)) {
                again.remove();
            } catch (NoSuchFileException | IpcRemovedException gone) {
                // removed by the test
            }
        }
    }

    private static SysvObject<?> reopenById(SysvObject<?> o) throws Exception {
        if (o instanceof SysvMessageQueue) {
            return SysvMessageQueue.ofId(o.id());
        }
        if (o instanceof SysvSemaphoreSet) {
            return SysvSemaphoreSet.ofId(o.id());
        }
        return SysvSharedMemory.ofId(o.id());
    }

    /** One of each kind under fresh keys, mode 0640. */
    private List<SysvObject<?>> createEach(IpcKey q, IpcKey s, IpcKey m) throws Exception {
        List<SysvObject<?>> each = List.of(
                SysvMessageQueue.open(q, SysvMqOptions.options().createNew().mode(0640)),
                SysvSemaphoreSet.open(s, SysvSemOptions.options().createNew().mode(0640).count(3)),
                SysvSharedMemory.open(m, SysvShmOptions.options().createNew().mode(0640).size(4096)));
        made.addAll(each);
        return each;
    }

    /** Child: opens each kind by key with open(key) and prints "kind id mode owner". */
    public static final class OpensByKey {
        public static void main(String[] args) throws Exception {
            try (SysvMessageQueue q = SysvMessageQueue.open(IpcKey.of(Integer.parseInt(args[0])));
                 SysvSemaphoreSet s = SysvSemaphoreSet.open(IpcKey.of(Integer.parseInt(args[1])));
                 SysvSharedMemory m = SysvSharedMemory.open(IpcKey.of(Integer.parseInt(args[2])))) {
                for (SysvObject<?> o : List.<SysvObject<?>>of(q, s, m)) {
                    SysvStatus status = o.status();
                    System.out.println(o.getClass().getSimpleName() + " " + o.id() + " " + status.id() + " 0"
                            + Integer.toOctalString(status.mode()) + " " + o.created() + " " + o.access());
                }
            }
        }
    }

    @Test
    void everyKindOpensByKeyInAnotherProcessAndShowsTheSameStatus() throws Exception {
        IpcKey q = SysvQueues.randomKey();
        IpcKey s = SysvQueues.randomKey();
        IpcKey m = SysvQueues.randomKey();
        List<SysvObject<?>> each = createEach(q, s, m);
        try (ChildJvm child = ChildJvm.start(OpensByKey.class, String.valueOf(q.value()), String.valueOf(s.value()),
                String.valueOf(m.value()))) {
            child.assertSuccess(60);
            for (SysvObject<?> o : each) {
                String line = o.getClass().getSimpleName() + " " + o.id() + " " + o.id() + " 0640 false READ_WRITE";
                assertTrue(child.output().contains(line), line + " in:\n" + child.output());
            }
        }
        for (SysvObject<?> o : each) {
            assertTrue(o.created());
            assertEquals(Access.READ_WRITE, o.access());
            SysvStatus status = o.status();
            assertEquals(o.id(), status.id());
            assertEquals(o.key(), status.key());
            assertEquals(0640, status.mode());
            assertEquals(status.ownerUid(), status.creatorUid());
            assertTrue(status.changeTime().getEpochSecond() > 0);
            o.setMode(0600);
            assertEquals(0600, o.status().mode(), "setMode through the common interface: " + o);
            assertTrue(o.status().getClass().isRecord());
            assertThrows(IllegalArgumentException.class, () -> o.setMode(01000));
            assertThrows(IllegalArgumentException.class, () -> o.setOwner(-1, 0));
        }
    }

    @Test
    void statusesAreRecordsEqualByValue() throws Exception {
        List<SysvObject<?>> each = createEach(SysvQueues.randomKey(), SysvQueues.randomKey(), SysvQueues.randomKey());
        SysvMsgQueueStatus q = ((SysvMessageQueue) each.get(0)).status();
        assertEquals(q, new SysvMsgQueueStatus(q.id(), q.key(), q.ownerUid(), q.ownerGid(), q.creatorUid(),
                q.creatorGid(), q.mode(), q.bytes(), q.messages(), q.maxBytes(), q.lastSenderPid(), q.lastReceiverPid(),
                q.lastSendTime(), q.lastReceiveTime(), q.changeTime()));
        SysvSemStatus s = ((SysvSemaphoreSet) each.get(1)).status();
        assertEquals(3, s.semaphores());
        assertEquals(s, new SysvSemStatus(s.id(), s.key(), s.ownerUid(), s.ownerGid(), s.creatorUid(), s.creatorGid(),
                s.mode(), s.semaphores(), s.lastOperationTime(), s.changeTime()));
        SysvShmStatus m = ((SysvSharedMemory) each.get(2)).status();
        assertEquals(4096, m.size());
        assertEquals(1, m.attachments());
        assertFalse(m.removedPendingDetach());
    }

    @Test
    void ofIdTakesTheSameArgumentsAndRefusesTheSameWay() throws Exception {
        List<SysvObject<?>> each = createEach(SysvQueues.randomKey(), SysvQueues.randomKey(), SysvQueues.randomKey());
        try (SysvMessageQueue q = SysvMessageQueue.ofId(each.get(0).id(), Access.READ_ONLY);
             SysvSemaphoreSet s = SysvSemaphoreSet.ofId(each.get(1).id(), Access.READ_ONLY);
             SysvSharedMemory m = SysvSharedMemory.ofId(each.get(2).id(), Access.READ_ONLY)) {
            for (SysvObject<?> o : List.<SysvObject<?>>of(q, s, m)) {
                assertEquals(Access.READ_ONLY, o.access());
                assertFalse(o.created());
            }
            // a set reached read-only refuses changes before any call, and still reads
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.set(0, 1));
            assertTrue(e.getMessage().contains("READ_ONLY"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> s.setAll(1, 1, 1));
            assertThrows(IllegalStateException.class, () -> s.tryPerform(s.operation().add(0, 1).build()));
            assertTrue(s.tryPerform(s.operation().waitForZero(0).build()), "waiting for zero only reads");
            assertEquals(0, s.get(0));
        }
        try (SysvSemaphoreSet w = SysvSemaphoreSet.ofId(each.get(1).id(), Access.WRITE_ONLY)) {
            w.set(0, 2);
            assertThrows(IllegalStateException.class, () -> w.get(0));
            assertThrows(IllegalStateException.class, w::getAll);
        }
        try (SysvSemaphoreSet rw = SysvSemaphoreSet.ofId(each.get(1).id());
             SysvSharedMemory m = SysvSharedMemory.ofId(each.get(2).id())) {
            assertEquals(2, rw.get(0), "the write-only object's SETVAL reached the set");
            assertTrue(m.isWritable());
        }
        for (String name : List.of("queue", "semaphore set", "shared memory segment")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
                switch (name) {
                    case "queue": SysvMessageQueue.ofId(-1); break;
                    case "semaphore set": SysvSemaphoreSet.ofId(-1); break;
                    default: SysvSharedMemory.ofId(-1);
                }
            });
            assertTrue(e.getMessage().contains("id is at least 0 (not negative), was -1"), e.getMessage());
        }
        assertThrows(NoSuchFileException.class, () -> SysvMessageQueue.ofId(Integer.MAX_VALUE));
        assertThrows(NoSuchFileException.class, () -> SysvSemaphoreSet.ofId(Integer.MAX_VALUE, Access.READ_ONLY));
        assertThrows(NoSuchFileException.class, () -> SysvSharedMemory.ofId(Integer.MAX_VALUE));
        assertThrows(NoSuchFileException.class, () -> SysvSemaphoreSet.open(SysvQueues.randomKey()));
        assertThrows(NoSuchFileException.class, () -> SysvSharedMemory.open(SysvQueues.randomKey()));
        assertThrows(IllegalArgumentException.class, () -> SysvSemaphoreSet.open(IpcKey.PRIVATE));
        assertThrows(IllegalArgumentException.class, () -> SysvSharedMemory.open(IpcKey.PRIVATE));
    }

    @Test
    void afterCloseEveryKindFailsTheSameWayAndRemoveStillActsOnTheId() throws Exception {
        for (SysvObject<?> o : createEach(SysvQueues.randomKey(), SysvQueues.randomKey(), SysvQueues.randomKey())) {
            if (o instanceof SysvSharedMemory) {
                assertTrue(((SysvSharedMemory) o).closeAndRelease(), "detached now, so removal destroys it");
            }
            o.close();
            o.close();
            assertTrue(o.isClosed());
            assertThrows(IpcClosedException.class, o::status, o.toString());
            assertThrows(IpcClosedException.class, () -> o.setMode(0600), o.toString());
            assertThrows(IpcClosedException.class, () -> o.setOwner(0, 0), o.toString());
            assertFalse(o.isRemoved());
            try (SysvObject<?> again = reopenById(o)) {
                assertEquals(o.id(), again.id(), "closing left it in place");
                if (again instanceof SysvSharedMemory) {
                    assertTrue(((SysvSharedMemory) again).closeAndRelease()); // no attachment left behind
                }
            }
            o.remove();
            assertTrue(o.isRemoved());
            assertThrows(IpcRemovedException.class, o::remove, "removed already: " + o);
            assertThrows(NoSuchFileException.class, () -> reopenById(o), "gone: " + o);
        }
    }
}
