package io.github.ipc4j.examples.tour;

import io.github.ipc4j.Access;
import io.github.ipc4j.IpcListing;
import io.github.ipc4j.sysv.IpcKey;
import io.github.ipc4j.sysv.SemFlag;
import io.github.ipc4j.sysv.SemOperation;
import io.github.ipc4j.sysv.SysvMessage;
import io.github.ipc4j.sysv.SysvMessageQueue;
import io.github.ipc4j.sysv.SysvMqOptions;
import io.github.ipc4j.sysv.SysvMsgQueueStatus;
import io.github.ipc4j.sysv.SysvObject;
import io.github.ipc4j.sysv.SysvSemOptions;
import io.github.ipc4j.sysv.SysvSemaphoreSet;
import io.github.ipc4j.sysv.SysvSharedMemory;
import io.github.ipc4j.sysv.SysvStatus;
import io.github.ipc4j.sysv.TypeSelector;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;

/** README's tour (the ```java blocks marked tour), compiled: ci/ReadmeTour.java checks README against it. */
final class SysvTour {
    private SysvTour() {}

    static void sysvSemaphoreSet() throws Exception {
        // tour:begin sysv-sem
        // creates the set with two semaphores holding 1 and 0 (SETALL, then a no-op semop so that sem_otime is set)
        try (SysvSemaphoreSet set = SysvSemaphoreSet.open(IpcKey.of(0x4950),
                SysvSemOptions.options().openOrCreate().initialValues(1, 0))) {
            set.awaitInitialized(Duration.ofSeconds(5));    // an opener waits until the creator has set the values
            SemOperation both = set.operation()             // built once, performed without allocating
                    .add(0, -1, SemFlag.UNDO)               // SEM_UNDO: the kernel gives it back if this process dies
                    .add(1, -1, SemFlag.UNDO).build();
            set.perform(both);                              // waits until both can be taken, then takes both at once
            set.tryPerform(both);                           // IPC_NOWAIT: false, nothing changed
            set.tryPerform(both, Duration.ofMillis(100));   // semtimedop (Linux; macOS has none and says so)
            int[] values = set.getAll();                    // also get/set, setAll, lastPid, waitingForIncrease/Zero
            set.remove();                                   // IPC_RMID: blocked callers get IpcRemovedException
        }
        // tour:end sysv-sem
    }

    static void sysvMessageQueue(byte[] bytes, ByteBuffer buffer, ByteBuffer in, ByteBuffer small) throws Exception {
        // tour:begin sysv-msg
        IpcKey key = IpcKey.ftok(Path.of("/var/run/myapp"), 'Q');  // or IpcKey.of(0x1e240); PRIVATE + ofId(id)
        try (SysvMessageQueue q = SysvMessageQueue.open(key, SysvMqOptions.options().openOrCreate())) { // 0600
            q.send(bytes, 7);                               // type >= 1; waits while the queue's byte limit is reached
            q.offer(buffer, 7, Duration.ofMillis(100));     // or offer(buffer, 7): no wait
            TypeSelector urgent = TypeSelector.atMost(3);   // keep selectors: receiving then allocates nothing
            long type = q.receive(in, urgent);              // lowest type <= 3 first; also ANY, exactly(n),
                                                            // except(n) (Linux: MSG_EXCEPT); the type is returned
            q.poll(in, TypeSelector.ANY, Duration.ofSeconds(1));  // the type, or NO_MESSAGE (-1) on timeout
            SysvMessage m = q.receive(TypeSelector.ANY);    // convenience: allocates the message (a reused buffer of
                                                            // the thread takes it first), not msgmax bytes
            q.receive(small, TypeSelector.ANY.truncating()); // MSG_NOERROR; without it a longer message is an
                                                            // IpcException E2BIG and stays in the queue
            q.peek(in, 0);                                  // MSG_COPY: copy the oldest, leave it (Linux, if the
                                                            // kernel has CONFIG_CHECKPOINT_RESTORE)
            SysvMsgQueueStatus s = q.status();              // messages, bytes, byte limit, pids, times, owner, mode
            q.setMaxBytes(65536);                           // above kernel.msgmnb needs CAP_SYS_RESOURCE (error says so)
            q.remove();                                     // IPC_RMID: blocked callers get IpcRemovedException
        }
        IpcListing all = IpcListing.take();                 // every System V queue, set and segment (as ipcs shows
                                                            // them) and the POSIX objects of /dev/mqueue and /dev/shm
        // tour:end sysv-msg
    }

    static void sysvObjects(int id, Path path) throws Exception {
        // tour:begin sysv-object
        try (SysvObject<?> any = SysvSemaphoreSet.ofId(id, Access.READ_ONLY)) { // its values read-only
            SysvStatus s = any.status();                    // a record: s.ownerUid(), s.mode(), s.changeTime()
        }
        IpcKey key = IpcKey.ftok(path, 0x141);              // every int C's ftok takes: its low 8 bits count

        try (SysvSharedMemory shm = SysvSharedMemory.createPrivate(1 << 20)) {
            shm.setLongVolatile(0, 42);
            boolean released = shm.closeAndRelease();       // detached now (nattch drops) if no view is live;
        }                                                   // false if one is: it then goes with the last view
        // tour:end sysv-object
    }
}
