package io.github.ipc4j.portable;

import io.github.ipc4j.testing.Allocations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The portable queue's hot path allocates nothing once warm, on every backend (direct and heap buffers). */
class NamedMessageQueueAllocationTest {
    static Iterable<NamedMessageQueue.Backend> backends() {
        return NamedMessageQueueConformanceTest.backends();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void sendAndReceiveAllocateNothing(NamedMessageQueue.Backend backend) throws Exception {
        String name = NamedMessageQueueConformanceTest.unique();
        try (NamedMessageQueue q = NamedMessageQueue.open(name,
                NamedQueueOptions.options().createNew().backend(backend).capacity(4).messageSize(64))) {
            ByteBuffer[] outs = {ByteBuffer.allocateDirect(64), ByteBuffer.allocate(64)};
            ByteBuffer[] ins = {ByteBuffer.allocateDirect(64), ByteBuffer.allocate(64)};
            for (int k = 0; k < 2; k++) {
                ByteBuffer out = outs[k];
                ByteBuffer in = ins[k];
                Allocations.assertAllocatesNothing(backend + " send and receive", () -> {
                    for (int i = 0; i < 20_000; i++) {
                        out.clear().limit(1 + i % 64);
                        q.send(out);
                        in.clear();
                        if (q.receive(in) != 1 + i % 64) {
                            throw new AssertionError("wrong length");
                        }
                        out.clear();
                        q.offer(out);
                        in.clear();
                        q.poll(in);
                    }
                });
            }
            assertEquals(NamedMessageQueue.NO_MESSAGE, q.poll(ins[0].clear()));
        } finally {
            NamedMessageQueue.remove(name, backend);
        }
    }
}
