package io.github.ipc4j.examples.tour;

import io.github.ipc4j.MessageQueue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/** README's tour (the ```java blocks marked tour), compiled: ci/ReadmeTour.java checks README against it. */
final class QueueTour {
    private QueueTour() {}

    private static void handle(ByteBuffer message) {
        message.position(message.limit());
    }

    // tour:begin message-queue
    void drain(MessageQueue q, ByteBuffer buf) throws IOException, InterruptedException {
        int length;                                     // every receive and poll answers the length
        while ((length = q.poll(buf.clear(), 100, TimeUnit.MILLISECONDS)) != MessageQueue.NO_MESSAGE) {
            handle(buf.flip());                         // NO_MESSAGE is -1 everywhere: no length can be
        }
    }
    // tour:end message-queue
}
