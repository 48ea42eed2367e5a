package io.github.ipc4j.cli;

import io.github.ipc4j.posix.PosixMessageQueue;
import io.github.ipc4j.posix.PosixMqOptions;
import io.github.ipc4j.posix.PosixSemOptions;
import io.github.ipc4j.posix.PosixSemaphore;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.posix.PosixShmOptions;
import io.github.ipc4j.sysv.IpcKey;
import io.github.ipc4j.sysv.SysvSharedMemory;
import io.github.ipc4j.sysv.SysvShmOptions;

/**
 * A program that uses the library (not the tool): creates a POSIX queue, shared memory object and semaphore named
 * PREFIX-mq, PREFIX-shm, PREFIX-sem and a System V segment with KEY, attached, prints "ready", then waits for
 * stdin to close (or for SIGKILL, as the gc test sends).
 */
public final class Creator {
    public static void main(String[] args) throws Exception {
        String prefix = args[0];
        int key = (int) Long.parseLong(args[1].substring(2), 16);
        try (PosixMessageQueue q = PosixMessageQueue.open(prefix + "-mq",
                PosixMqOptions.options().createNew().maxMessages(4).messageSize(64));
             PosixSharedMemory m = PosixSharedMemory.open(prefix + "-shm",
                     PosixShmOptions.options().createNew().size(4096));
             PosixSemaphore s = PosixSemaphore.open(prefix + "-sem", PosixSemOptions.options().createNew());
             SysvSharedMemory v = SysvSharedMemory.open(IpcKey.of(key),
                     SysvShmOptions.options().createNew().size(4096))) {
            q.send("from the library".getBytes(), 1);
            System.out.println("ready");
            System.out.flush();
            System.in.read();
        }
    }
}
