package io.github.ipc4j.posix;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.PosixQueues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel drops a queue's mq_notify registration when the registering process closes ANY descriptor of the
 * queue. ipc4j must not leave the future pending for ever on a registration it knows is gone.
 */
@EnabledOnOs(OS.LINUX)
@Tag("kernel-mq-notify")
class PosixMqNotifyDropTest {
    private final PosixQueues queues = new PosixQueues();

    @AfterEach
    void removeQueues() throws Exception {
        queues.close();
    }

    /** Child: sends one message to the queue args[0]. */
    public static final class SendOne {
        public static void main(String[] args) throws Exception {
            try (PosixMessageQueue q = PosixMessageQueue.open(args[0])) {
                q.send(new byte[] {42}, 0);
            }
        }
    }

    private PosixMessageQueue create(String name) throws Exception {
        return PosixMessageQueue.open(name, PosixMqOptions.options().createNew().maxMessages(4).messageSize(8));
    }

    @Test
    void closingAnotherDescriptorOfTheQueueKeepsTheRegistration() throws Exception {
        String name = queues.name();
        try (PosixMessageQueue q = create(name)) {
            CompletableFuture<PosixMessageQueue> arrival = q.notifyOnArrival();
            PosixMessageQueue.open(name).close(); // the kernel drops q's registration here
            // it stands again: a third descriptor cannot register (EBUSY), and closing that one is survived too
            try (PosixMessageQueue third = PosixMessageQueue.open(name)) {
                IpcException busy = assertThrows(IpcException.class, third::notifyOnArrival);
                assertEquals("EBUSY", busy.errnoName());
            }
            assertFalse(arrival.isDone());
            try (ChildJvm sender = ChildJvm.start(SendOne.class, name)) {
                sender.assertSuccess(60);
            }
            assertEquals(q, arrival.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aRenewedRegistrationIsCancelledAndClosedLikeAnyOther() throws Exception {
        String name = queues.name();
        try (PosixMessageQueue q = create(name); PosixMessageQueue other = PosixMessageQueue.open(name)) {
            CompletableFuture<PosixMessageQueue> cancelled = q.notifyOnArrival();
            PosixMessageQueue.open(name).close();
            PosixMessageQueue.open(name).close(); // renewed twice
            assertTrue(cancelled.cancel(false));
            assertTrue(other.notifyOnArrival().cancel(false)); // the kernel's registration went with it

            PosixMessageQueue closing = PosixMessageQueue.open(name);
            CompletableFuture<PosixMessageQueue> closed = closing.notifyOnArrival();
            PosixMessageQueue.open(name).close();
            closing.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> closed.get(30, TimeUnit.SECONDS));
            assertInstanceOf(IpcClosedException.class, e.getCause());
            assertTrue(other.notifyOnArrival().cancel(false));
        }
    }

    @Test
    void aMessageWaitingWhenTheRegistrationIsRenewedCompletesTheFuture() throws Exception {
        String name = queues.name();
        try (PosixMessageQueue q = create(name)) {
            q.send(new byte[] {1}, 0);
            CompletableFuture<PosixMessageQueue> arrival = q.notifyOnArrival(); // on a non-empty queue
            PosixMessageQueue.open(name).close();
            // a message may have come in the gap: the renewal finds one waiting and says so at once
            assertEquals(q, arrival.get(30, TimeUnit.SECONDS));
            // the registration is gone with it: another descriptor may register now
            try (PosixMessageQueue other = PosixMessageQueue.open(name)) {
                assertTrue(other.notifyOnArrival().cancel(false));
            }
        }
    }
}
