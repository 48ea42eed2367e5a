package io.github.ipc4j.examples.tour;

import io.github.ipc4j.OwnerDiedException;
import io.github.ipc4j.windows.WindowsEvent;
import io.github.ipc4j.windows.WindowsEventOptions;
import io.github.ipc4j.windows.WindowsMutex;
import io.github.ipc4j.windows.WindowsMutexOptions;
import io.github.ipc4j.windows.WindowsSemaphore;
import io.github.ipc4j.windows.WindowsSemaphoreOptions;
import io.github.ipc4j.windows.WindowsSharedMemory;
import io.github.ipc4j.windows.WindowsShmOptions;

import java.time.Duration;

import static io.github.ipc4j.examples.tour.Tour.repair;

/** README's tour (the ```java blocks marked tour), compiled: ci/ReadmeTour.java checks README against it. */
final class WindowsTour {
    private WindowsTour() {}

    static void windowsObjects() throws Exception {
        // tour:begin windows
        try (WindowsSharedMemory shm = WindowsSharedMemory.open("Local\\ring",   // CreateFileMapping, paging file
                WindowsShmOptions.options().openOrCreate().size(1 << 20));     // same SharedMemory views and atomics
             WindowsSemaphore items = WindowsSemaphore.open("Local\\items",
                WindowsSemaphoreOptions.options().openOrCreate().maxPermits(100));
             WindowsMutex mutex = WindowsMutex.open("Local\\guard",
                WindowsMutexOptions.options().openOrCreate().requireOwner());  // refuse another user's mutex
             WindowsEvent ready = WindowsEvent.open("Local\\ready",
                WindowsEventOptions.options().openOrCreate().manualReset(true)
                    .sddl("D:P(A;;GA;;;OW)(A;;GR;;;BU)"))) {                   // instead of current user only
            items.tryAcquire(Duration.ofMillis(50));        // WaitForMultipleObjects: interrupt and close cut it short
            items.release(3);                               // past maxPermits: IpcException, nothing added
            try {
                mutex.lock();                               // owned by this OS thread; not reentrant
            } catch (OwnerDiedException e) {                // WAIT_ABANDONED: its holder ended holding it; ours now
                repair(shm.buffer());
            }
            mutex.unlock();
            ready.set();                                    // reset(), await(), await(timeout), poll()
        }
        // tour:end windows
    }
}
