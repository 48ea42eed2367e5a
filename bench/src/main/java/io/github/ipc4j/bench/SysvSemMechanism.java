package io.github.ipc4j.bench;

import io.github.ipc4j.Feature;
import io.github.ipc4j.sysv.SemOperation;
import io.github.ipc4j.sysv.SysvSemaphoreSet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * System V semaphores: one private set of two, semaphore i for direction i; "send" adds 1 to the peer's,
 * "receive" takes 1 from one's own (semop). The set also paces System V shared memory. Its id is name 0.
 */
final class SysvSemMechanism extends Mechanism {
    /** struct sembuf: unsigned short sem_num, short sem_op, short sem_flg. */
    private static final int SEMBUF_BYTES = 6;

    SysvSemMechanism() {
        super("sysv-sem", "System V semaphore set", true, Feature.SYSV_SEMAPHORE);
    }

    @Override
    public boolean carriesMessages() {
        return false;
    }

    @Override
    public Shared create(Impl impl) throws Exception {
        return create(new Shared(""));
    }

    /** Creates a set of two, its id as name 0 of what makeShared returns, removed at close. */
    static Shared create(Shared names) throws Exception {
        SysvSemaphoreSet set = SysvSemaphoreSet.createPrivate(2);
        String[] all = names.names();
        all[0] = Integer.toString(set.id());
        Shared shared = new Shared(all);
        shared.onClose(set::close);
        shared.onClose(set::remove);
        return shared;
    }

    @Override
    public Endpoint open(Impl impl, Shared shared, Side side) throws Exception {
        return endpoint(impl, shared, side.sendIndex(), side.receiveIndex());
    }

    @Override
    public Endpoint loopback(Impl impl, Shared shared) throws Exception {
        return endpoint(impl, shared, 0, 0);
    }

    static Endpoint endpoint(Impl impl, Shared shared, int post, int take) throws Exception {
        int id = Integer.parseInt(shared.name(0));
        return impl == Impl.IPC4J ? new Ipc4j(id, post, take) : new Calls(Libc.of(impl), id, post, take);
    }

    private static final class Ipc4j implements Endpoint {
        private final SysvSemaphoreSet set;
        private final SemOperation post;
        private final SemOperation take;

        Ipc4j(int id, int post, int take) throws Exception {
            set = SysvSemaphoreSet.ofId(id);
            this.post = set.operation().add(post, 1).build();
            this.take = set.operation().add(take, -1).build();
        }

        @Override
        public void send(int length) throws Exception {
            set.perform(post);
        }

        @Override
        public void receive(int length) throws Exception {
            set.perform(take);
        }

        @Override
        public void close() {
            set.close();
        }
    }

    /** semop through a libc binding, both operations prepared once in a direct buffer. */
    private static final class Calls implements Endpoint {
        private final Libc libc;
        private final int id;
        /** Holds the operations' memory: post and take point into it, so it must live as long as they do. */
        private final ByteBuffer ops;
        private final long post;
        private final long take;

        Calls(Libc libc, int id, int post, int take) {
            this.libc = libc;
            this.id = id;
            this.ops = ByteBuffer.allocateDirect(2 * SEMBUF_BYTES).order(ByteOrder.nativeOrder());
            ops.putShort(0, (short) post).putShort(2, (short) 1).putShort(4, (short) 0);
            ops.putShort(6, (short) take).putShort(8, (short) -1).putShort(10, (short) 0);
            this.post = libc.address(ops);
            this.take = this.post + SEMBUF_BYTES;
        }

        @Override
        public void send(int length) {
            semop(post);
        }

        @Override
        public void receive(int length) {
            semop(take);
        }

        private void semop(long operation) {
            int r;
            do {
                r = libc.semop(id, operation, 1);
            } while (libc.retry(r));
            libc.check(r, "semop");
        }

        @Override
        public void close() {
            // nothing is held: the id stays valid until the set is removed
        }
    }
}
