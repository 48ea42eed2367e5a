package io.github.ipc4j.bench;

import io.github.ipc4j.Access;
import io.github.ipc4j.Feature;
import io.github.ipc4j.SharedMemory;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.posix.PosixShmOptions;
import io.github.ipc4j.sysv.SysvSharedMemory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared memory: a message is copied into this direction's area and the peer told, the receiver copies
 * it out. Told three ways: a POSIX semaphore (POSIX shared memory), a System V semaphore (System V
 * shared memory), or a spin handshake on counters in the memory itself (no system call per message;
 * the two sides then need two CPUs). The layout is bench/native's shm_layout.h. JNA and FFM map POSIX
 * objects through the JDK (FileChannel.map of /dev/shm, which is where glibc's shm_open puts them) and
 * attach System V segments with shmat; the copy is Java's in every case, the telling is each binding's.
 */
final class ShmMechanism extends Mechanism {
    static final int SIZE = 256 + 2 * Endpoint.MAX_SIZE;

    private enum Pacing { POSIX_SEM, SYSV_SEM, SPIN }

    private final Pacing pacing;

    private ShmMechanism(String id, String label, Feature feature, Pacing pacing) {
        super(id, label, pacing != Pacing.SPIN, feature);
        this.pacing = pacing;
    }

    static ShmMechanism posix() {
        return new ShmMechanism("posix-shm", "POSIX shared memory + semaphore", Feature.POSIX_SHARED_MEMORY,
                Pacing.POSIX_SEM);
    }

    static ShmMechanism sysv() {
        return new ShmMechanism("sysv-shm", "System V shared memory + semaphore", Feature.SYSV_SHARED_MEMORY,
                Pacing.SYSV_SEM);
    }

    static ShmMechanism spin() {
        return new ShmMechanism("shm-spin", "shared memory, spin handshake", Feature.POSIX_SHARED_MEMORY, Pacing.SPIN);
    }

    static int sequence(int direction) {
        return direction * 128;
    }

    static int acknowledgement(int direction) {
        return direction * 128 + 64;
    }

    static int data(int direction) {
        return 256 + direction * Endpoint.MAX_SIZE;
    }

    /** One-way throughput only where the sender waits for room: the spin handshake's acknowledgement. */
    @Override
    public boolean carriesMessages() {
        return pacing == Pacing.SPIN;
    }

    @Override
    public boolean needsTwoCpus() {
        return pacing == Pacing.SPIN;
    }

    @Override
    public Shared create(Impl impl) throws Exception {
        if (pacing == Pacing.SYSV_SEM) {
            SysvSharedMemory segment = SysvSharedMemory.createPrivate(SIZE);
            Shared shared = SysvSemMechanism.create(new Shared("", Integer.toString(segment.id())));
            shared.onClose(segment::close);
            shared.onClose(segment::remove);
            return shared;
        }
        String name = PosixSemMechanism.name();
        PosixSharedMemory.open(name, PosixShmOptions.options().createNew().size(SIZE)).close();
        Shared shared = pacing == Pacing.SPIN ? new Shared(name)
                : PosixSemMechanism.create(new Shared(PosixSemMechanism.name(), PosixSemMechanism.name(), name), 0, 1);
        shared.onClose(() -> PosixSharedMemory.unlink(name));
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

    private Endpoint endpoint(Impl impl, Shared shared, int out, int in) throws Exception {
        List<AutoCloseable> held = new ArrayList<>();
        ByteBuffer region;
        SharedMemory memory = null;
        if (impl == Impl.IPC4J) {
            memory = pacing == Pacing.SYSV_SEM
                    ? SysvSharedMemory.ofId(Integer.parseInt(shared.name(1)), Access.READ_WRITE)
                    : PosixSharedMemory.open(shared.name(pacing == Pacing.SPIN ? 0 : 2));
            held.add(memory);
            region = memory.buffer();
        } else if (pacing == Pacing.SYSV_SEM) {
            Libc libc = Libc.of(impl);
            long address = libc.shmat(Integer.parseInt(shared.name(1)), 0, 0);
            libc.check(address, "shmat");
            held.add(() -> libc.shmdt(address));
            region = libc.wrap(address, SIZE);
        } else {
            String name = shared.name(pacing == Pacing.SPIN ? 0 : 2);
            try (FileChannel file = FileChannel.open(Path.of("/dev/shm", name.substring(1)), StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                region = file.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
            }
        }
        region.order(ByteOrder.nativeOrder());
        switch (pacing) {
            case SPIN:
                Counters counters = memory != null ? ipc4jCounters(memory) : Libc.of(impl).counters(region);
                return new Spin(region, counters, out, in, held);
            case SYSV_SEM:
                return new Paced(region, SysvSemMechanism.endpoint(impl, shared, out, in), out, in, held);
            default:
                return new Paced(region, PosixSemMechanism.endpoint(impl, shared.name(out), shared.name(in)), out, in,
                        held);
        }
    }

    private static Counters ipc4jCounters(SharedMemory memory) {
        return new Counters() {
            @Override
            public long getVolatile(int offset) {
                return memory.getLongVolatile(offset);
            }

            @Override
            public void setVolatile(int offset, long value) {
                memory.setLongVolatile(offset, value);
            }
        };
    }

    /** What both endpoints share: the local buffer, the region, the copies, closing what they hold. */
    private abstract static class Copying implements Endpoint {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_SIZE);
        final ByteBuffer region;
        final int out;
        final int in;
        private final List<AutoCloseable> held;

        Copying(ByteBuffer region, int out, int in, List<AutoCloseable> held) {
            this.region = region;
            this.out = out;
            this.in = in;
            this.held = held;
        }

        void copyIn(int length) {
            region.put(data(out), buffer, 0, length);
        }

        void copyOut(int length) {
            buffer.put(0, region, data(in), length);
        }

        @Override
        public void close() throws Exception {
            for (AutoCloseable c : held) {
                c.close();
            }
        }
    }

    /** Paced by a semaphore endpoint: copy, post; wait, copy. */
    private static final class Paced extends Copying {
        private final Endpoint semaphores;

        Paced(ByteBuffer region, Endpoint semaphores, int out, int in, List<AutoCloseable> held) {
            super(region, out, in, held);
            this.semaphores = semaphores;
        }

        @Override
        public void send(int length) throws Exception {
            copyIn(length);
            semaphores.send(0);
        }

        @Override
        public void receive(int length) throws Exception {
            semaphores.receive(0);
            copyOut(length);
        }

        @Override
        public void close() throws Exception {
            try {
                semaphores.close();
            } finally {
                super.close();
            }
        }
    }

    /** The spin handshake: wait for the acknowledgement of the last message, copy, publish; and back. */
    private static final class Spin extends Copying {
        private final Counters counters;
        private long sent;
        private long received;

        Spin(ByteBuffer region, Counters counters, int out, int in, List<AutoCloseable> held) {
            super(region, out, in, held);
            this.counters = counters;
        }

        @Override
        public void send(int length) {
            while (counters.getVolatile(acknowledgement(out)) != sent) {
                Thread.onSpinWait();
            }
            copyIn(length);
            counters.setVolatile(sequence(out), ++sent);
        }

        @Override
        public void receive(int length) {
            while (counters.getVolatile(sequence(in)) == received) {
                Thread.onSpinWait();
            }
            copyOut(length);
            counters.setVolatile(acknowledgement(in), ++received);
        }
    }
}
