package io.github.ipc4j.bench;

import java.util.List;
import java.util.NoSuchElementException;

/** Every mechanism the suite knows, in report order; {@link Mechanism#available()} says which this OS has. */
public final class Mechanisms {
    private static final List<Mechanism> ALL = List.of(
            new PosixMqMechanism(),
            PortableQueueMechanism.posixMq(),
            PortableQueueMechanism.sharedMemory(),
            new FifoMechanism(),
            new SysvMsgMechanism(),
            new PosixSemMechanism(),
            new SysvSemMechanism(),
            ShmMechanism.posix(),
            ShmMechanism.sysv(),
            ShmMechanism.spin(),
            new ChannelMechanism(),
            SocketMechanism.unixDomain(),
            SocketMechanism.tcp());

    private Mechanisms() {}

    public static List<Mechanism> all() {
        return ALL;
    }

    public static Mechanism byId(String id) {
        for (Mechanism m : ALL) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new NoSuchElementException("no mechanism " + id + "; known: " + ALL);
    }
}
