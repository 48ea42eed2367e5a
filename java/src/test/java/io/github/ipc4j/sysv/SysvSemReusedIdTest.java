package io.github.ipc4j.sysv;

import io.github.ipc4j.IpcRemovedException;
import io.github.ipc4j.testing.OwnIpcNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.github.ipc4j.testing.OwnIpcNamespace.check;

/**
 * A set reached by id whose id, after removal, names a larger set: GETALL and SETALL size their buffer from
 * the kernel and refuse, never writing (or reading) past this object's array; an operation on an index the
 * smaller set under the id lacks (EFBIG) says the set is gone, and so does status() (of a queue too) when the
 * object under the id has another key. The id is handed over on
 * purpose (kernel.sem_next_id) in a fresh IPC namespace (unshare -i), which needs root: skipped otherwise.
 */
@EnabledOnOs(OS.LINUX)
class SysvSemReusedIdTest {

    /** Child, in its own IPC namespace. */
    public static final class ReusedId {
        public static void main(String[] args) throws Exception {
            SysvSemaphoreSet old = SysvSemaphoreSet.createPrivate(1);
            int id = old.id();
            SysvSemaphoreSet stale = SysvSemaphoreSet.ofId(id);
            old.remove();
            old.close();
            try {
                Files.writeString(Path.of("/proc/sys/kernel/sem_next_id"), String.valueOf(id));
            } catch (java.io.IOException e) {
                System.out.println("skipped: " + e);
                System.exit(OwnIpcNamespace.SKIPPED);
            }
            try (SysvSemaphoreSet big = SysvSemaphoreSet.createPrivate(64)) {
                check(big.id() == id, "the new set did not get id " + id + ": " + big.id());
                int[] sevens = new int[64];
                Arrays.fill(sevens, 7);
                big.setAll(sevens);
                try {
                    System.out.println("getAll returned " + Arrays.toString(stale.getAll()));
                    System.exit(1);
                } catch (IpcRemovedException expected) {
                    check(expected.getMessage().contains("its id now names another set, of 64 semaphores"),
                            expected.getMessage());
                }
                try {
                    stale.setAll(1);
                    System.out.println("setAll returned");
                    System.exit(1);
                } catch (IpcRemovedException expected) {
                    check(expected.getMessage().contains("nothing was read or written"), expected.getMessage());
                }
                check(Arrays.equals(sevens, big.getAll()), "the other set changed: " + Arrays.toString(big.getAll()));
                big.remove();
            }
            smallerSetUnderTheId();
            statusOfAReusedId();
            System.exit(0);
        }

        /** An operation on a semaphore the set under the id no longer has (EFBIG): the set is gone, as for EINVAL. */
        private static void smallerSetUnderTheId() throws Exception {
            SysvSemaphoreSet old = SysvSemaphoreSet.createPrivate(3);
            int id = old.id();
            SysvSemaphoreSet stale = SysvSemaphoreSet.ofId(id);
            old.remove();
            old.close();
            Files.writeString(Path.of("/proc/sys/kernel/sem_next_id"), String.valueOf(id));
            try (SysvSemaphoreSet small = SysvSemaphoreSet.createPrivate(1)) {
                check(small.id() == id, "the new set did not get id " + id + ": " + small.id());
                SemOperation last = stale.operation().add(2, 1).build();
                for (int attempt = 0; attempt < 2; attempt++) {
                    try {
                        if (attempt == 0) {
                            stale.tryPerform(last);
                        } else {
                            stale.perform(last);
                        }
                        System.out.println("an operation on semaphore 2 of a one-semaphore set returned");
                        System.exit(1);
                    } catch (IpcRemovedException expected) {
                        check(expected.getMessage().contains("EFBIG"), expected.getMessage());
                    }
                }
                check(small.get(0) == 0, "the other set changed");
                small.remove();
            }
            stale.close();
        }

        /** status() of an id that now names another set (or queue) of another key is refused, not the other's. */
        private static void statusOfAReusedId() throws Exception {
            SysvSemaphoreSet old = SysvSemaphoreSet.open(IpcKey.of(0x51a7e), SysvSemOptions.options().createNew().count(2));
            int id = old.id();
            SysvSemaphoreSet stale = SysvSemaphoreSet.open(IpcKey.of(0x51a7e));
            old.remove();
            Files.writeString(Path.of("/proc/sys/kernel/sem_next_id"), String.valueOf(id));
            try (SysvSemaphoreSet other = SysvSemaphoreSet.createPrivate(2)) {
                check(other.id() == id, "the new set did not get id " + id + ": " + other.id());
                try {
                    System.out.println("status of a reused id returned " + stale.status());
                    System.exit(1);
                } catch (IpcRemovedException expected) {
                    check(expected.getMessage().contains("its id now names another set"), expected.getMessage());
                }
                other.remove();
            }
            old.close();
            stale.close();
            SysvMessageQueue queue = SysvMessageQueue.open(IpcKey.of(0x51a7e), SysvMqOptions.options().createNew());
            int queueId = queue.id();
            SysvMessageQueue staleQueue = SysvMessageQueue.open(IpcKey.of(0x51a7e));
            queue.remove();
            Files.writeString(Path.of("/proc/sys/kernel/msg_next_id"), String.valueOf(queueId));
            try (SysvMessageQueue other = SysvMessageQueue.createPrivate()) {
                check(other.id() == queueId, "the new queue did not get id " + queueId + ": " + other.id());
                try {
                    System.out.println("status of a reused queue id returned " + staleQueue.status());
                    System.exit(1);
                } catch (IpcRemovedException expected) {
                    check(expected.getMessage().contains("its id now names another queue"), expected.getMessage());
                }
                other.remove();
            }
            queue.close();
            staleQueue.close();
        }
    }

    @Test
    void getAllAndSetAllOnAnIdNowNamingALargerSetRefuseWithoutOverrun() throws Exception {
        OwnIpcNamespace.run(List.of(), ReusedId.class);
    }
}
