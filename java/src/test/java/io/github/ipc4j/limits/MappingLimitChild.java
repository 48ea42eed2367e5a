package io.github.ipc4j.limits;

import io.github.ipc4j.Access;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.posix.PosixSemOptions;
import io.github.ipc4j.posix.PosixSemaphore;
import io.github.ipc4j.sysv.SysvSharedMemory;

import java.util.ArrayList;
import java.util.List;

/**
 * A JVM that opens objects of one kind (each one memory mapping) until ipc4j refuses, then shows that it still
 * lives (new threads: a stack mapping each), closes everything and opens once more. Prints REFUSED, THREADS
 * and REOPENED lines.
 */
public final class MappingLimitChild {
    /** Far past vm.max_map_count's default (65530): an unguarded JVM dies first. */
    private static final int MOST = 300_000;

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        String prefix = args[1];
        List<AutoCloseable> open = new ArrayList<>();
        SysvSharedMemory segment = kind.equals("sysv") ? SysvSharedMemory.createPrivate(4096) : null;
        if (segment != null) {
            segment.remove(); // goes with the last detach, whatever becomes of this process
        }
        try {
            for (int i = 0; i < MOST; i++) {
                open.add(openOne(kind, prefix + i, segment));
            }
            System.out.println("NEVER REFUSED after " + open.size());
        } catch (IpcException e) {
            System.out.println("REFUSED after " + open.size() + ": " + e.getMessage());
        }
        Thread[] threads = new Thread[200];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> { });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("THREADS " + threads.length);
        for (AutoCloseable c : open) {
            c.close();
        }
        open.clear();
        openOne(kind, prefix + "again", segment).close();
        System.out.println("REOPENED");
        if (segment != null) {
            segment.close();
        }
    }

    private static AutoCloseable openOne(String kind, String name, SysvSharedMemory segment) throws Exception {
        if (kind.equals("sysv")) {
            return SysvSharedMemory.ofId(segment.id(), Access.READ_WRITE);
        }
        PosixSemaphore semaphore = PosixSemaphore.open(name, PosixSemOptions.options().createNew());
        PosixSemaphore.unlink(name); // nothing left behind: the open handle keeps it
        return semaphore;
    }
}
