package io.github.ipc4j.sysv;

import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.Platform;
import io.github.ipc4j.internal.Errno;
import io.github.ipc4j.internal.NativeSysv;
import io.github.ipc4j.testing.SysvQueues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SysvIpc's listing against what IPC_STAT tells of the same objects: on Linux the listing reads /proc/sysvipc, on
 * macOS the kern.sysv.ipcs sysctls (the walk in sysv_list_macos.c); both must give the same values as the object's
 * own status. Only this test's objects (fresh random keys) are looked at.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SysvIpcListingTest {
    private static <T extends SysvStatus> T only(List<T> listed, int id) {
        List<T> found = listed.stream().filter((Predicate<T>) s -> s.id() == id).toList();
        assertEquals(1, found.size(), () -> "id " + id + " listed once in " + listed);
        return found.get(0);
    }

    private static void samePerm(SysvStatus expected, SysvStatus listed) {
        assertEquals(expected.key(), listed.key());
        assertEquals(expected.ownerUid(), listed.ownerUid());
        assertEquals(expected.ownerGid(), listed.ownerGid());
        assertEquals(expected.creatorUid(), listed.creatorUid());
        assertEquals(expected.creatorGid(), listed.creatorGid());
        assertEquals(expected.mode(), listed.mode());
        assertEquals(expected.changeTime(), listed.changeTime());
    }

    @Test
    void queuesSetsAndSegmentsAreListedAsTheirStatusTellsAndGoneOnceRemoved() throws Exception {
        int queueId;
        int setId;
        int segmentId;
        try (SysvQueues queues = new SysvQueues();
             SysvMessageQueue q = queues.create(SysvMqOptions.options().mode(0640));
             SysvSemaphoreSet set = SysvSemaphoreSet.open(SysvQueues.randomKey(),
                     SysvSemOptions.options().createNew().count(3).mode(0604));
             SysvSharedMemory shm = SysvSharedMemory.open(SysvQueues.randomKey(),
                     SysvShmOptions.options().createNew().size(8192).mode(0660))) {
            try {
                q.send(new byte[3], 1);
                q.send(new byte[5], 2);
                set.set(1, 7);
                shm.buffer().put(0, (byte) 1); // attached
                queueId = q.id();
                setId = set.id();
                segmentId = shm.id();

                SysvMsgQueueStatus queue = only(SysvIpc.messageQueues(), queueId);
                SysvMsgQueueStatus queueStat = q.status();
                samePerm(queueStat, queue);
                assertEquals(0640, queue.mode());
                assertEquals(8, queue.bytes());
                assertEquals(2, queue.messages());
                assertEquals(ProcessHandle.current().pid(), queue.lastSenderPid());
                assertEquals(queueStat.lastSendTime(), queue.lastSendTime());
                // macOS's record carries msg_qbytes, Linux's /proc line does not
                assertEquals(Platform.os() == OperatingSystem.MACOS ? queueStat.maxBytes() : -1, queue.maxBytes());

                SysvSemStatus sem = only(SysvIpc.semaphoreSets(), setId);
                samePerm(set.status(), sem);
                assertEquals(0604, sem.mode());
                assertEquals(3, sem.semaphores());

                SysvShmStatus segment = only(SysvIpc.sharedMemorySegments(), segmentId);
                SysvShmStatus segmentStat = shm.status();
                samePerm(segmentStat, segment);
                assertEquals(0660, segment.mode());
                assertEquals(8192, segment.size());
                assertEquals(segmentStat.attachments(), segment.attachments());
                assertEquals(ProcessHandle.current().pid(), segment.creatorPid());
                assertEquals(false, segment.removedPendingDetach());
            } finally {
                set.remove();
                shm.remove();
            }
            // removed while this process still has it attached: listed until detached, marked
            SysvShmStatus removed = only(SysvIpc.sharedMemorySegments(), segmentId);
            assertTrue(removed.removedPendingDetach(), removed.toString());
        }
        assertTrue(SysvIpc.messageQueues().stream().noneMatch(s -> s.id() == queueId));
        assertTrue(SysvIpc.semaphoreSets().stream().noneMatch(s -> s.id() == setId));
    }

    /** The macOS walk's JNI entry off macOS: it says the OS lacks it, and a short row is refused before any call. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void theSysctlWalkIsMacosOnly() {
        long[] row = new long[NativeSysv.LIST_ROW];
        assertEquals(-Errno.ENOSYS, NativeSysv.macosListNext(NativeSysv.LIST_MSG, 0, row));
        long[] tooShort = new long[NativeSysv.LIST_ROW - 1];
        assertEquals(-Errno.EINVAL, NativeSysv.macosListNext(NativeSysv.LIST_MSG, 0, tooShort));
    }
}
