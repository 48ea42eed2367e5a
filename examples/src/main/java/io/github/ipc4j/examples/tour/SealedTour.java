package io.github.ipc4j.examples.tour;

import io.github.ipc4j.sealed.PeerCredentials;
import io.github.ipc4j.sealed.SealedSharedMemory;
import io.github.ipc4j.sealed.SealedShmOptions;
import io.github.ipc4j.sealed.UnixSocket;
import io.github.ipc4j.sealed.UnixSocketServer;

import java.nio.file.Path;

/** README's tour (the ```java blocks marked tour), compiled: ci/ReadmeTour.java checks README against it. */
final class SealedTour {
    private SealedTour() {}

    static void sealedSharedMemory(long expectedUid) throws Exception {
        // tour:begin sealed
        // the process that shares: creates, listens, checks who connected, sends the descriptor (SCM_RIGHTS)
        try (SealedSharedMemory shm = SealedSharedMemory.create(SealedShmOptions.options().size(1 << 20));
             UnixSocketServer server = UnixSocketServer.bind(Path.of("/run/myapp/shm.sock"))) {   // socket file 0600
            try (UnixSocket peer = server.accept()) {
                PeerCredentials who = peer.peer();          // SO_PEERCRED: pid, uid, gid as the kernel saw them
                if (who.uid() == expectedUid) shm.sendTo(peer);
            }
        }
        // the other process: receives, and maps only after checking the descriptor
        try (UnixSocket socket = UnixSocket.connect(Path.of("/run/myapp/shm.sock"));
             SealedSharedMemory shm = SealedSharedMemory.receive(socket)) {
            shm.getAndAddLong(0, 1);                        // views, atomics and RobustLock, as on every SharedMemory
        }
        // tour:end sealed
    }
}
