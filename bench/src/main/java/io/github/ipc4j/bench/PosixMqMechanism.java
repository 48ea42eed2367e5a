package io.github.ipc4j.bench;

import io.github.ipc4j.Feature;
import io.github.ipc4j.posix.PosixMessageQueue;
import io.github.ipc4j.posix.PosixMqOptions;

import java.nio.ByteBuffer;

/** POSIX message queues: two queues of 10 messages of 8 KiB (the default limits), one per direction. */
final class PosixMqMechanism extends Mechanism {
    PosixMqMechanism() {
        super("posix-mq", "POSIX message queue", true, Feature.POSIX_MESSAGE_QUEUE);
    }

    @Override
    public Shared create(Impl impl) throws Exception {
        PosixMqOptions options = PosixMqOptions.options().maxMessages(10).messageSize(Endpoint.MAX_SIZE);
        String[] names = new String[2];
        for (int i = 0; i < 2; i++) {
            try (PosixMessageQueue q = PosixMessageQueue.createUnique(options)) {
                names[i] = q.name();
            }
        }
        Shared shared = new Shared(names);
        for (String name : names) {
            shared.onClose(() -> PosixMessageQueue.unlink(name));
        }
        return shared;
    }

    @Override
    protected Endpoint open(Impl impl, String sendName, String receiveName, Side side) throws Exception {
        return impl == Impl.IPC4J ? new Ipc4j(sendName, receiveName) : new Calls(Libc.of(impl), sendName, receiveName);
    }

    /** Through ipc4j, with direct buffers. */
    private static final class Ipc4j extends Pair<PosixMessageQueue> {
        Ipc4j(String sendName, String receiveName) throws Exception {
            super(PosixMessageQueue::open, sendName, receiveName);
        }

        @Override
        public void send(int length) throws Exception {
            out.send(outgoing(length), 0);
        }

        @Override
        public void receive(int length) throws Exception {
            in.receive(incoming());
        }
    }

    /** mq_send / mq_receive through a libc binding (JNA or FFM). */
    private static final class Calls implements Endpoint {
        private final Libc libc;
        private final int out;
        private final int in;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_SIZE);
        private final long address;

        Calls(Libc libc, String sendName, String receiveName) {
            this.libc = libc;
            this.address = libc.address(buffer);
            out = (int) libc.check(libc.mqOpen(sendName, Libc.O_RDWR), "mq_open " + sendName);
            in = sendName.equals(receiveName) ? out
                    : (int) libc.check(libc.mqOpen(receiveName, Libc.O_RDWR), "mq_open " + receiveName);
        }

        @Override
        public void send(int length) {
            int r;
            do {
                r = libc.mqSend(out, address, length, 0);
            } while (libc.retry(r));
            libc.check(r, "mq_send");
        }

        @Override
        public void receive(int length) {
            long r;
            do {
                r = libc.mqReceive(in, address, MAX_SIZE);
            } while (libc.retry(r));
            libc.check(r, "mq_receive");
        }

        @Override
        public void close() {
            libc.mqClose(out);
            if (in != out) {
                libc.mqClose(in);
            }
        }
    }
}
