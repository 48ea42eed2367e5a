package io.github.ipc4j.sysv;

import io.github.ipc4j.IpcRemovedException;
import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.OwnIpcNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.List;

import static io.github.ipc4j.testing.OwnIpcNamespace.check;

/**
 * A segment reached by id whose id, between the IPC_STAT that read its size and the shmat, is given to a
 * smaller segment: the open must not hand out views of the old size over the new one-page attachment (a read
 * past the page would fault). The swap is made on purpose, inside shmat, by a preloaded library
 * (native/test/unix/preload/shmat_swap_preload.c, kernel.shm_next_id) in a fresh IPC namespace (unshare -i),
 * which needs root: skipped otherwise.
 */
@EnabledOnOs(OS.LINUX)
class SysvShmReusedIdTest {

    /** Child, in its own IPC namespace, with the swap made at its second shmat. */
    public static final class ReusedId {
        public static void main(String[] args) throws Exception {
            SysvSharedMemory big = SysvSharedMemory.createPrivate(1 << 20); // shmat 1
            int id = big.id();
            check(big.closeAndRelease(), "the first attachment was not released");
            try (SysvSharedMemory stale = SysvSharedMemory.ofId(id)) { // shmat 2: the id names one page now
                System.out.println("ofId gave " + stale.size() + " bytes over " + status(id));
                System.exit(status(id) == null ? OwnIpcNamespace.SKIPPED : 1);
            } catch (IpcRemovedException expected) {
                check(expected.getMessage().contains("its id now names another segment"), expected.getMessage());
            }
            SysvShmStatus now = status(id);
            if (now == null || now.size() == 1 << 20) {
                System.out.println("skipped: the id was not handed over: " + now);
                System.exit(OwnIpcNamespace.SKIPPED);
            }
            check(now.attachments() == 0, "the other segment was left attached: " + now);
            System.exit(0);
        }

        private static SysvShmStatus status(int id) throws java.io.IOException {
            return SysvIpc.sharedMemorySegments().stream().filter(s -> s.id() == id).findFirst().orElse(null);
        }
    }

    @Test
    void ofIdWhoseIdIsGivenToASmallerSegmentBeforeShmatRefusesInsteadOfOverrunning() throws Exception {
        OwnIpcNamespace.run(List.of("env", "LD_PRELOAD=" + ChildJvm.nativePeer("shmat_swap_preload.so"),
                "IPC4J_SWAP_AT_SHMAT=2"), ReusedId.class);
    }
}
