package io.github.ipc4j.bench;

import io.github.ipc4j.Feature;
import io.github.ipc4j.Platform;
import io.github.ipc4j.portable.NamedMessageQueue;
import io.github.ipc4j.portable.NamedQueueOptions;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The portable NamedMessageQueue, through ipc4j only (it is ipc4j's own construction, with no C, JNA or FFM
 * counterpart): two queues of 10 messages of 8 KiB, one per direction, on one backend: the POSIX message
 * queue it uses on Linux, or the shared-memory ring it uses on macOS and Windows.
 */
final class PortableQueueMechanism extends Mechanism {
    private final NamedMessageQueue.Backend backend;

    private PortableQueueMechanism(String id, String label, NamedMessageQueue.Backend backend) {
        super(id, label, true, Feature.NAMED_MESSAGE_QUEUE);
        this.backend = backend;
    }

    static PortableQueueMechanism posixMq() {
        return new PortableQueueMechanism("portable-mq", "NamedMessageQueue (POSIX mq backend)",
                NamedMessageQueue.Backend.POSIX_MQ);
    }

    static PortableQueueMechanism sharedMemory() {
        return new PortableQueueMechanism("portable-shm-queue", "NamedMessageQueue (shared-memory backend)",
                NamedMessageQueue.Backend.SHARED_MEMORY);
    }

    @Override
    public boolean available() {
        return super.available()
                && (backend != NamedMessageQueue.Backend.POSIX_MQ || Platform.supports(Feature.POSIX_MESSAGE_QUEUE));
    }

    @Override
    public List<Impl> javaImpls() {
        return List.of(Impl.IPC4J);
    }

    @Override
    public boolean hasC() {
        return false;
    }

    @Override
    public Shared create(Impl impl) throws Exception {
        NamedQueueOptions options = NamedQueueOptions.options().createNew().backend(backend).capacity(10)
                .messageSize(Endpoint.MAX_SIZE);
        String[] names = new String[2];
        for (int i = 0; i < 2; i++) {
            names[i] = String.format("bench-%08x", ThreadLocalRandom.current().nextInt());
            NamedMessageQueue.open(names[i], options).close();
        }
        Shared shared = new Shared(names);
        for (String name : names) {
            shared.onClose(() -> NamedMessageQueue.remove(name, backend));
        }
        return shared;
    }

    @Override
    protected Endpoint open(Impl impl, String sendName, String receiveName, Side side) throws Exception {
        return new Queues(name -> NamedMessageQueue.open(name, NamedQueueOptions.options().backend(backend)),
                sendName, receiveName);
    }

    /** Through ipc4j, with direct buffers. */
    private static final class Queues extends Pair<NamedMessageQueue> {
        Queues(Opener<NamedMessageQueue> opener, String sendName, String receiveName) throws Exception {
            super(opener, sendName, receiveName);
        }

        @Override
        public void send(int length) throws Exception {
            out.send(outgoing(length));
        }

        @Override
        public void receive(int length) throws Exception {
            in.receive(incoming());
        }
    }
}
