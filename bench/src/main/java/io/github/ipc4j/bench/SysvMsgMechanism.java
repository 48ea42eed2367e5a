package io.github.ipc4j.bench;

import io.github.ipc4j.Feature;
import io.github.ipc4j.sysv.SysvMessageQueue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** System V message queues: two private queues, one per direction; messages of type 1. */
final class SysvMsgMechanism extends Mechanism {
    SysvMsgMechanism() {
        super("sysv-msg", "System V message queue", true, Feature.SYSV_MESSAGE_QUEUE);
    }

    @Override
    public Shared create(Impl impl) throws Exception {
        SysvMessageQueue[] queues = { SysvMessageQueue.createPrivate(), SysvMessageQueue.createPrivate() };
        Shared shared = new Shared(Integer.toString(queues[0].id()), Integer.toString(queues[1].id()));
        for (SysvMessageQueue q : queues) {
            shared.onClose(q::close);
            shared.onClose(q::remove);
        }
        return shared;
    }

    @Override
    protected Endpoint open(Impl impl, String sendName, String receiveName, Side side) throws Exception {
        return impl == Impl.IPC4J ? new Ipc4j(sendName, receiveName)
                : new Calls(Libc.of(impl), Integer.parseInt(sendName), Integer.parseInt(receiveName));
    }

    /** Through ipc4j, with a direct buffer. */
    private static final class Ipc4j extends Pair<SysvMessageQueue> {
        Ipc4j(String sendName, String receiveName) throws Exception {
            super(id -> SysvMessageQueue.ofId(Integer.parseInt(id)), sendName, receiveName);
        }

        @Override
        public void send(int length) throws Exception {
            out.send(outgoing(length), 1);
        }

        @Override
        public void receive(int length) throws Exception {
            in.receive(incoming());
        }
    }

    /** msgsnd / msgrcv through a libc binding, the message (type, then text) built in place. */
    private static final class Calls implements Endpoint {
        private final Libc libc;
        private final int out;
        private final int in;
        private final long address;

        /** The memory address points into: held here so that it lives as long as the address is used. */
        private final ByteBuffer message;

        Calls(Libc libc, int out, int in) {
            this.libc = libc;
            this.out = out;
            this.in = in;
            this.message = ByteBuffer.allocateDirect(Long.BYTES + MAX_SIZE).order(ByteOrder.nativeOrder());
            message.putLong(0, 1);
            this.address = libc.address(message);
        }

        @Override
        public void send(int length) {
            int r;
            do {
                r = libc.msgsnd(out, address, length, 0);
            } while (libc.retry(r));
            libc.check(r, "msgsnd");
        }

        @Override
        public void receive(int length) {
            long r;
            do {
                r = libc.msgrcv(in, address, MAX_SIZE, 0, 0);
            } while (libc.retry(r));
            libc.check(r, "msgrcv");
        }

        @Override
        public void close() {
            // nothing is held: the ids stay valid until the queues are removed
        }
    }
}
