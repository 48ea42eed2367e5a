package io.github.ipc4j.portable;

import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.posix.PosixMessageQueue;
import io.github.ipc4j.posix.PosixMqOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/** The Linux NamedMessageQueue: a POSIX message queue /NAME, every message at priority 0 (FIFO). */
final class PosixMqEngine implements QueueEngine {
    private final PosixMessageQueue queue;

    private PosixMqEngine(PosixMessageQueue queue) {
        this.queue = queue;
    }

    static PosixMqEngine open(String name, NamedQueueOptions options) throws IOException {
        PosixMqOptions o = PosixMqOptions.options().openMode(options.openMode()).maxMessages(options.capacity())
                .messageSize(options.messageSize());
        if (options.ownerRequired()) {
            o.requireOwner();
        }
        return new PosixMqEngine(PosixMessageQueue.open(PortableNames.osName(name, ""), o));
    }

    static void remove(String name) throws IOException {
        PosixMessageQueue.unlink(PortableNames.osName(name, ""));
    }

    @Override
    public boolean send(ByteBuffer src, long deadline) throws IOException, InterruptedException {
        long remaining = Deadline.remaining(deadline);
        if (remaining < 0) {
            queue.send(src, 0);
            return true;
        }
        return remaining == 0 ? queue.offer(src, 0) : queue.offer(src, 0, remaining, TimeUnit.NANOSECONDS);
    }

    @Override
    public int receive(ByteBuffer dst, long deadline) throws IOException, InterruptedException {
        long remaining = Deadline.remaining(deadline);
        return remaining < 0 ? queue.receive(dst)
                : remaining == 0 ? queue.poll(dst) : queue.poll(dst, remaining, TimeUnit.NANOSECONDS);
    }

    @Override
    public int messageSize() {
        return queue.messageSize();
    }

    @Override
    public int capacity() {
        return (int) queue.maxMessages();
    }

    @Override
    public boolean created() {
        return queue.created();
    }

    @Override
    public void close() {
        queue.close();
    }
}
