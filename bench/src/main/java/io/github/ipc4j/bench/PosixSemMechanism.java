package io.github.ipc4j.bench;

import io.github.ipc4j.Feature;
import io.github.ipc4j.posix.PosixSemOptions;
import io.github.ipc4j.posix.PosixSemaphore;

import java.util.concurrent.ThreadLocalRandom;

/**
 * POSIX named semaphores: two, one per direction; "send" posts the peer's, "receive" waits on one's own.
 * They also pace POSIX shared memory ({@link ShmMechanism}).
 */
final class PosixSemMechanism extends Mechanism {
    PosixSemMechanism() {
        super("posix-sem", "POSIX named semaphore", true, Feature.POSIX_SEMAPHORE);
    }

    @Override
    public boolean carriesMessages() {
        return false;
    }

    @Override
    public Shared create(Impl impl) throws Exception {
        return create(new Shared(name(), name()), 0, 1);
    }

    /** Creates semaphores (value 0) under shared's names at the given indexes, removed at close. */
    static Shared create(Shared shared, int... indexes) throws Exception {
        for (int i : indexes) {
            String name = shared.name(i);
            PosixSemaphore.open(name, PosixSemOptions.options().createNew().initialPermits(0)).close();
            shared.onClose(() -> PosixSemaphore.unlink(name));
        }
        return shared;
    }

    static String name() {
        return String.format("/ipc4j-bench-%016x", ThreadLocalRandom.current().nextLong());
    }

    @Override
    protected Endpoint open(Impl impl, String sendName, String receiveName, Side side) throws Exception {
        return endpoint(impl, sendName, receiveName);
    }

    static Endpoint endpoint(Impl impl, String sendName, String receiveName) throws Exception {
        return impl == Impl.IPC4J ? new Ipc4j(sendName, receiveName) : new Calls(Libc.of(impl), sendName, receiveName);
    }

    private static final class Ipc4j extends Pair<PosixSemaphore> {
        Ipc4j(String sendName, String receiveName) throws Exception {
            super(PosixSemaphore::open, sendName, receiveName);
        }

        @Override
        public void send(int length) throws Exception {
            out.release();
        }

        @Override
        public void receive(int length) throws Exception {
            in.acquire();
        }
    }

    /** sem_post / sem_wait through a libc binding. */
    private static final class Calls implements Endpoint {
        private final Libc libc;
        private final long out;
        private final long in;

        Calls(Libc libc, String sendName, String receiveName) {
            this.libc = libc;
            out = open(sendName);
            in = receiveName.equals(sendName) ? out : open(receiveName);
        }

        private long open(String name) {
            long sem = libc.semOpen(name);
            if (sem == 0) { // SEM_FAILED
                libc.check(-1, "sem_open " + name);
            }
            return sem;
        }

        @Override
        public void send(int length) {
            libc.check(libc.semPost(out), "sem_post");
        }

        @Override
        public void receive(int length) {
            int r;
            do {
                r = libc.semWait(in);
            } while (libc.retry(r));
            libc.check(r, "sem_wait");
        }

        @Override
        public void close() {
            libc.semClose(out);
            if (in != out) {
                libc.semClose(in);
            }
        }
    }
}
