package io.github.ipc4j;

import io.github.ipc4j.posix.PosixMessageQueue;
import io.github.ipc4j.posix.PosixMqOptions;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmokeTest {
    @Test
    void sendReceive() throws Exception {
        try (PosixMessageQueue q = PosixMessageQueue.createUnique(PosixMqOptions.options().maxMessages(4).messageSize(64))) {
            try {
                q.send(new byte[] {1, 2, 3}, 5);
                ByteBuffer buf = ByteBuffer.allocateDirect(64);
                assertEquals(5, q.receive(buf));
                assertEquals(3, buf.position());
            } finally {
                q.unlink();
            }
        }
    }
}
