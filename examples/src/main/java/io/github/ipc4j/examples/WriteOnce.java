package io.github.ipc4j.examples;

import io.github.ipc4j.OwnerDiedException;
import io.github.ipc4j.SharedMemory;
import io.github.ipc4j.portable.NamedLock;
import io.github.ipc4j.portable.NamedMessageQueue;
import io.github.ipc4j.portable.NamedSharedMemory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * One program for Linux, macOS and Windows: it starts a second JVM running itself as a worker, sends it jobs
 * through a NamedMessageQueue, reads the answers from another, and both processes count the jobs in shared
 * memory under a NamedLock. Nothing in it names an OS. Usage: WriteOnce [jobs].
 */
public final class WriteOnce {
    private WriteOnce() {}

    public static void main(String[] args) throws Exception {
        String prefix = args.length > 1 && args[0].equals("--worker") ? args[1] : "wo" + ProcessHandle.current().pid();
        boolean worker = args.length > 1 && args[0].equals("--worker");
        int jobs = !worker && args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        // tour:begin write-once
        try (NamedMessageQueue requests = NamedMessageQueue.open(prefix + "-jobs",
                     NamedMessageQueue.options().openOrCreate().capacity(10).messageSize(64));
             NamedMessageQueue answers = NamedMessageQueue.open(prefix + "-done",
                     NamedMessageQueue.options().openOrCreate().capacity(10).messageSize(64));
             SharedMemory counter = NamedSharedMemory.open(prefix + "-count",
                     NamedSharedMemory.options().openOrCreate().size(8));
             NamedLock lock = NamedLock.open(prefix + "-lock")) {
            if (worker) {
                work(requests, answers, counter, lock);
                return;
            }
            System.out.println("queues on " + requests.backend() + ", lock on " + lock.backend());
            List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            if (Runtime.version().feature() >= 22) {
                command.add("--enable-native-access=ALL-UNNAMED");
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), WriteOnce.class.getName(), "--worker",
                    prefix));
            Process peer = new ProcessBuilder(command).inheritIO().start();
            ByteBuffer in = ByteBuffer.allocate(answers.messageSize());
            for (int i = 0; i < jobs; i++) {
                requests.send(("job " + i).getBytes(StandardCharsets.UTF_8));
                in.clear();
                answers.receive(in);
                count(counter, lock);
            }
            requests.send(new byte[0]); // no more jobs
            peer.waitFor();
            System.out.println(jobs + " jobs answered; the counter both processes shared says "
                    + counter.getLongVolatile(0) + " (" + 2 * jobs + " expected)");
        } finally {
            if (!worker) {
                NamedMessageQueue.remove(prefix + "-jobs");    // names outlive processes on Linux and macOS;
                NamedMessageQueue.remove(prefix + "-done");    // on Windows objects go with their last
                NamedSharedMemory.remove(prefix + "-count");   // handle, and remove does nothing
                NamedLock.remove(prefix + "-lock");
            }
        }
        // tour:end write-once
    }

    private static void work(NamedMessageQueue requests, NamedMessageQueue answers, SharedMemory counter,
                             NamedLock lock) throws Exception {
        ByteBuffer job = ByteBuffer.allocate(requests.messageSize());
        for (;;) {
            job.clear();
            if (requests.receive(job) == 0) {
                return;
            }
            job.flip();
            answers.send(("done: " + StandardCharsets.UTF_8.decode(job)).getBytes(StandardCharsets.UTF_8));
            count(counter, lock);
        }
    }

    /** Adds one to the counter under the lock (a plain read and write: the lock makes it safe). */
    // tour:begin write-once-count
    private static void count(SharedMemory counter, NamedLock lock) throws Exception {
        try {
            lock.lock();
        } catch (OwnerDiedException e) {      // its holder died holding it: ours now
            lock.markConsistent();            // the counter holds what it last wrote, which is whole
        }
        try {
            ByteBuffer view = counter.buffer();
            view.putLong(0, view.getLong(0) + 1);
        } finally {
            lock.unlock();
        }
    }
    // tour:end write-once-count
}
