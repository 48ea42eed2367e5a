package io.github.ipc4j.closed;

import io.github.ipc4j.pipe.Fifo;
import io.github.ipc4j.sealed.SealedSharedMemory;
import io.github.ipc4j.sealed.UnixSocket;
import io.github.ipc4j.sealed.UnixSocketServer;
import io.github.ipc4j.sysv.SysvSemaphoreSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static java.util.concurrent.TimeUnit.DAYS;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The timed waits outside the queues and semaphores (MessageQueueConformanceTest has those) take a (long,
 * TimeUnit) beside their Duration: nothing in time is the same answer, a negative timeout looks once, as
 * java.util.concurrent's do, and a null unit is refused naming it.
 */
@EnabledOnOs(OS.LINUX)
class TimeUnitTimeoutsTest {
    @TempDir
    Path dir;

    @Test
    void fifoOpenWaitsForAReaderInUnits() throws Exception {
        Path fifo = dir.resolve("fifo");
        Fifo.create(fifo);
        assertTrue(Fifo.openWriter(fifo, 20, MILLISECONDS).isEmpty());
        assertTrue(Fifo.openWriter(fifo, -5, SECONDS).isEmpty());
        NullPointerException e = assertThrows(NullPointerException.class, () -> Fifo.openWriter(fifo, 1, null));
        assertTrue(e.getMessage().contains("unit"), e.getMessage());
    }

    @Test
    void socketAcceptAndSealedReceiveWaitInUnits() throws Exception {
        Path path = dir.resolve("socket");
        try (UnixSocketServer server = UnixSocketServer.bind(path)) {
            assertNull(server.accept(20, MILLISECONDS));
            assertNull(server.accept(-1, SECONDS));
            try (UnixSocket client = UnixSocket.connect(path); UnixSocket accepted = server.accept(5, SECONDS)) {
                assertNotNull(client);
                assertNotNull(accepted);
                assertNull(SealedSharedMemory.receive(accepted, 20, MILLISECONDS));
                assertNull(SealedSharedMemory.receive(accepted, -1, DAYS));
            }
        }
    }

    @Test
    void aSemaphoreSetIsAwaitedInUnits() throws Exception {
        SysvSemaphoreSet set = SysvSemaphoreSet.createPrivate(1);
        try {
            assertFalse(set.awaitInitialized(20, MILLISECONDS));
            assertFalse(set.awaitInitialized(-3, DAYS));
            set.perform(set.operation().add(0, 1).build());
            assertTrue(set.awaitInitialized(5, SECONDS));
        } finally {
            set.remove();
            set.close();
        }
    }
}
