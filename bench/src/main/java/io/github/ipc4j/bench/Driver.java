package io.github.ipc4j.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread (platform or virtual) that makes round trips on an endpoint in batches: the benchmark thread
 * hands it a batch and waits until it is done. Both kinds of thread go through the same hand-off (a park
 * and an unpark per batch, no allocation), so the two numbers differ only by the kind of thread that
 * makes the calls; the hand-off is spread over {@link ThreadRoundTrip#BATCH} round trips.
 */
final class Driver implements AutoCloseable {
    private final Endpoint endpoint;
    private final int size;
    private final int batch;
    private final Thread thread;
    private volatile Thread caller;
    private volatile boolean pending;
    private volatile boolean stopping;
    private volatile Exception failure;

    Driver(Endpoint endpoint, int size, int batch, boolean virtual) {
        this.endpoint = endpoint;
        this.size = size;
        this.batch = batch;
        this.thread = VirtualThreads.unstarted(virtual, "ipc4j-bench driver", this::loop);
        thread.start();
    }

    private void loop() {
        for (;;) {
            while (!pending && !stopping) {
                LockSupport.park(this);
            }
            if (stopping) {
                return;
            }
            try {
                for (int i = 0; i < batch; i++) {
                    endpoint.send(size);
                    endpoint.receive(size);
                }
            } catch (Exception e) {
                failure = e;
            }
            pending = false;
            LockSupport.unpark(caller);
        }
    }

    /** Makes one batch of round trips on the driver's thread; throws what they threw. */
    void runBatch() throws Exception {
        caller = Thread.currentThread();
        pending = true;
        LockSupport.unpark(thread);
        while (pending) {
            LockSupport.park(this);
        }
        Exception e = failure;
        if (e != null) {
            throw e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        LockSupport.unpark(thread);
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }
}
