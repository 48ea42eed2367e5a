package io.github.ipc4j.examples.tour;

import io.github.ipc4j.posix.PosixMessageQueue;
import io.github.ipc4j.posix.PosixMqMessage;
import io.github.ipc4j.posix.PosixMqOptions;
import io.github.ipc4j.posix.PosixSemOptions;
import io.github.ipc4j.posix.PosixSemaphore;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.posix.PosixShmOptions;
import io.github.ipc4j.OwnerDiedException;
import io.github.ipc4j.RobustLock;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.github.ipc4j.examples.tour.Tour.repair;

/** README's tour (the ```java blocks marked tour), compiled: ci/ReadmeTour.java checks README against it. */
final class PosixTour {
    private PosixTour() {}

    static void posixMessageQueue(byte[] bytes, ByteBuffer buffer) throws Exception {
        // tour:begin posix-mq
        // create (exclusively), mode 0600 whatever the umask; names are "/" + up to 255 bytes
        try (PosixMessageQueue q = PosixMessageQueue.open("/orders",
                PosixMqOptions.options().createNew().maxMessages(10).messageSize(1024))) {
            q.send("hello".getBytes(), 5);                  // waits while the queue is full
            boolean sent = q.offer(bytes, 0);               // does not wait
            q.offer(buffer, 0, Duration.ofMillis(100));     // waits at most 100 ms

            ByteBuffer in = ByteBuffer.allocateDirect(q.messageSize());  // direct: no copy, no allocation
            int priority = q.receivePriority(in);           // waits; highest priority first, FIFO within one
            int p = q.pollPriority(in, Duration.ofSeconds(1)); // MessageQueue.NO_MESSAGE (-1) on timeout
            int length = q.poll(in.clear(), 1, TimeUnit.SECONDS); // the MessageQueue form: the length, or NO_MESSAGE
            PosixMqMessage m = q.receive();                 // convenience: a new array per message

            q.notifyOnArrival()                             // mq_notify: one-shot, one registrant per queue
                    .thenAccept(queue -> System.out.println("a message arrived"));
            q.unlink();                                     // removing the name is explicit; close() is not it
        }
        // tour:end posix-mq
    }

    static void posixSemaphoreAndSharedMemory() throws Exception {
        // tour:begin posix-sem-shm
        try (PosixSemaphore items = PosixSemaphore.open("/items",
                PosixSemOptions.options().openOrCreate().initialPermits(0));
             PosixSharedMemory shm = PosixSharedMemory.open("/ring",
                PosixShmOptions.options().openOrCreate().size(1 << 20))) {   // reserved now: full /dev/shm fails here
            items.acquire();                                // like java.util.concurrent.Semaphore
            items.tryAcquire(Duration.ofMillis(50));
            items.release(3);                               // past SEM_VALUE_MAX: IpcException naming it

            ByteBuffer view = shm.buffer();                 // native byte order; read-only views for READ_ONLY
            long n = shm.getAndAddLong(0, 1);               // atomics another process sees: get/set volatile, CAS, add
            RobustLock lock = RobustLock.initialize(shm, 64);   // one process initializes, others attach(shm, 64)
            try {
                lock.lock();
            } catch (OwnerDiedException e) {               // the holder died holding it: we hold it now
                repair(view);
                lock.markConsistent();
            }
            try { /* ... */ } finally { lock.unlock(); }
        }
        // tour:end posix-sem-shm
    }
}
