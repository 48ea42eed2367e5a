package io.github.ipc4j.channel;

import io.github.ipc4j.internal.ChannelLayout;
import io.github.ipc4j.internal.NamedWakeWaiter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The named semaphores of channels that wait on them (the channel-semaphore-waiter run), noted while their
 * headers can still be read and removed at the end: SharedMemoryChannel.unlink finds them through the header,
 * which an attack that shrinks the object takes away.
 */
final class WaiterSemaphores implements AutoCloseable {
    private final List<Long> ids = new ArrayList<>();

    /** Notes the semaphores of the channel called name, if it waits on semaphores. */
    void note(String name) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(ChannelLayout.DATA).order(ByteOrder.nativeOrder());
        try (FileChannel file = FileChannel.open(Path.of("/dev/shm", name.substring(1)))) {
            file.read(header, 0); // a short object leaves zeros: no magic, no semaphores
        }
        long id = ChannelLayout.semaphoresId(header);
        if (id != 0) {
            ids.add(id);
        }
    }

    @Override
    public void close() throws IOException {
        for (long id : ids) {
            NamedWakeWaiter.unlinkSemaphores(id);
        }
        ids.clear();
    }
}
