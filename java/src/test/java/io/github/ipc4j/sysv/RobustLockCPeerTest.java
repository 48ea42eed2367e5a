package io.github.ipc4j.sysv;

import io.github.ipc4j.OwnerDiedException;
import io.github.ipc4j.RobustLock;
import io.github.ipc4j.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RobustLock's public layout against a C program that knows it only from native/include/ipc4j_robust_lock.h
 * (native/test/unix/sysv_lock_peer.c), on a System V segment both attach.
 */
@EnabledOnOs(OS.LINUX)
class RobustLockCPeerTest {
    private static final int OFFSET = 64;
    /** The peer adds 1 to the int right after the lock while it holds it. */
    private static final int COUNTER = OFFSET + RobustLock.SIZE;

    private static ChildJvm peer(String command, SysvSharedMemory shm) throws IOException {
        return ChildJvm.startProgram(List.of(ChildJvm.nativePeer("sysv_lock_peer"), command,
                String.valueOf(shm.id()), String.valueOf(OFFSET)));
    }

    private static void tell(ChildJvm peer) throws IOException {
        OutputStream in = peer.process().getOutputStream();
        in.write("go\n".getBytes(StandardCharsets.US_ASCII));
        in.flush();
    }

    @Test
    void aLockCInitialisedIsAttachedFromJavaAndExcludesACHolder() throws Exception {
        SysvSharedMemory shm = SysvSharedMemory.createPrivate(4096);
        try {
            assertThrows(IllegalStateException.class, () -> RobustLock.attach(shm, OFFSET), "nothing initialised yet");
            try (ChildJvm init = peer("init", shm)) {
                init.awaitOutput("ready", 60);
                assertEquals(RobustLock.MARKER, shm.getLongVolatile(OFFSET + RobustLock.MARKER_OFFSET));
                tell(init);
                init.assertSuccess(60);
            }
            RobustLock lock = RobustLock.attach(shm, OFFSET);
            lock.lock();
            lock.unlock();
            try (ChildJvm holder = peer("hold", shm)) {
                holder.awaitOutput("locked", 60);
                assertFalse(lock.tryLock(), "the C peer holds it");
                tell(holder);
                lock.lock(); // waits for the C peer's unlock
                try {
                    assertEquals(1, shm.getIntVolatile(COUNTER), "the peer's work under the lock is done");
                } finally {
                    lock.unlock();
                }
                holder.assertSuccess(60);
            }
        } finally {
            shm.remove();
            shm.close();
        }
    }

    @Test
    void aLockJavaInitialisedIsTakenByCAndItsDeathIsSeenInJava() throws Exception {
        SysvSharedMemory shm = SysvSharedMemory.createPrivate(4096);
        try {
            try (ChildJvm none = peer("hold", shm)) {
                assertEquals(2, none.waitFor(60), "the C peer sees no marker: " + none.output());
                assertTrue(none.output().contains("marker missing"), none.output());
            }
            RobustLock lock = RobustLock.initialize(shm, OFFSET);
            try (ChildJvm holder = peer("hold", shm)) {
                holder.awaitOutput("locked", 60);
                assertFalse(lock.tryLock());
                tell(holder);
                holder.assertSuccess(60);
            }
            assertEquals(1, shm.getIntVolatile(COUNTER));
            try (ChildJvm dies = peer("die", shm)) {
                dies.awaitOutput("locked", 60);
                tell(dies);
                dies.assertSuccess(60);
            }
            assertThrows(OwnerDiedException.class, lock::lock, "the C holder died holding it");
            lock.markConsistent();
            lock.unlock();
            assertTrue(lock.tryLock(), "consistent again");
            lock.unlock();
        } finally {
            shm.remove();
            shm.close();
        }
    }
}
