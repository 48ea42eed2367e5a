package io.github.ipc4j.sysv;

import io.github.ipc4j.testing.Allocations;
import io.github.ipc4j.testing.SysvQueues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.ByteBuffer;
import java.time.Duration;

import static io.github.ipc4j.testing.Allocations.assertAllocatesNothing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sending and receiving allocate nothing per message once warm: direct and heap buffers, every waiting form,
 * selectors kept by the caller, the received type read without an object.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SysvMsgHotPathAllocationTest {
    private final SysvQueues queues = new SysvQueues();

    @AfterEach
    void removeQueues() throws Exception {
        queues.close();
    }

    @Test
    void sendAndReceiveInEveryForm() throws Exception {
        try (SysvMessageQueue q = queues.create()) {
            ByteBuffer directOut = ByteBuffer.allocateDirect(256);
            ByteBuffer directIn = ByteBuffer.allocateDirect(256);
            ByteBuffer heapOut = ByteBuffer.allocate(256);
            ByteBuffer heapIn = ByteBuffer.allocate(256);
            TypeSelector three = TypeSelector.exactly(3);
            TypeSelector upToFive = TypeSelector.atMost(5);
            Duration timeout = Duration.ofSeconds(1);
            long[] types = new long[1];
            assertAllocatesNothing("System V message queue", () -> {
                for (int i = 0; i < 20_000; i++) {
                    directOut.clear().limit(100);
                    q.send(directOut, 3);
                    heapOut.clear().limit(50);
                    q.offer(heapOut, 4);
                    directOut.clear().limit(10);
                    q.offer(directOut, 5, timeout);
                    directIn.clear();
                    types[0] += q.receive(directIn, three);
                    heapIn.clear();
                    types[0] += q.poll(heapIn, upToFive);
                    directIn.clear();
                    types[0] += q.poll(directIn, TypeSelector.ANY, timeout);
                }
            });
            assertEquals(0, types[0] % 12, "every round took types 3, 4 and 5");
            assertEquals(0, q.status().messages());
        }
    }

    /**
     * Issue 11: the allocating receive(TypeSelector) and poll(TypeSelector) took a new msgmax-byte buffer per
     * call (8 KiB by default); they now receive into a reused buffer of the thread and allocate the message.
     */
    @Test
    void theAllocatingReceiveAllocatesTheMessageNotMsgmaxBytes() throws Exception {
        try (SysvMessageQueue q = queues.create()) {
            byte[] message = new byte[16];
            int rounds = 1000;
            long[] lengths = new long[1];
            long allocated = Allocations.leastAllocatedBytes(() -> {
                for (int i = 0; i < rounds; i++) {
                    q.send(message, 2);
                    lengths[0] += q.receive(TypeSelector.ANY).data().length;
                    q.send(message, 3);
                    lengths[0] += q.poll(TypeSelector.exactly(3)).orElseThrow().data().length;
                }
            });
            long perCall = allocated / (2L * rounds);
            assertTrue(perCall < 256, perCall + " bytes allocated per receive of a 16-byte message (msgmax is "
                    + SysvMsgLimits.maxMessageSize() + ")");
            assertEquals(3 * 2L * rounds * message.length, lengths[0], "every message arrived whole");
        }
    }
}
