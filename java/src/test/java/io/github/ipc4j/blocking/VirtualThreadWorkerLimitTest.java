package io.github.ipc4j.blocking;

import io.github.ipc4j.IpcException;
import io.github.ipc4j.sysv.SysvMessageQueue;
import io.github.ipc4j.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A blocking call on a virtual thread runs on a platform worker; when the OS refuses a new thread (a cgroup's
 * pids.max here, as RLIMIT_NPROC would for a user other than root), the call fails with an IpcException that
 * names the limit, not with the JVM's OutOfMemoryError. Needs JDK 21+ and a writable pids cgroup (v1, as root);
 * skipped otherwise.
 */
@EnabledOnOs(OS.LINUX)
class VirtualThreadWorkerLimitTest {
    private static final Path PIDS = Path.of("/sys/fs/cgroup/pids");

    @Test
    void aBlockingCallOnAVirtualThreadUnderAThreadLimitGetsAnIpcExceptionNamingTheLimit(@TempDir Path dir)
            throws Exception {
        assumeTrue(VirtualThreadsSupport.available(), "virtual threads need JDK 21+");
        assumeTrue(Files.isWritable(PIDS), "no writable pids cgroup (v1) here");
        Path group = PIDS.resolve("ipc4j-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            Files.createDirectory(group);
        } catch (IOException e) {
            assumeTrue(false, "cannot make a pids cgroup: " + e);
        }
        Path go = dir.resolve("go");
        try (ChildJvm child = ChildJvm.start(List.of(), List.of("-Djdk.virtualThreadScheduler.parallelism=1",
                "-Djdk.virtualThreadScheduler.maxPoolSize=1"), Limited.class, go.toString())) {
            child.awaitOutput("ready", 30);
            Files.writeString(group.resolve("cgroup.procs"), Long.toString(child.process().pid()));
            Files.writeString(group.resolve("pids.max"), "1"); // below what it has: no thread more, whatever ends
            Files.createFile(go);
            assertEquals(0, child.waitFor(60), child.output());
            String out = child.output();
            assertTrue(out.contains("OUTCOME " + IpcException.class.getName()), out);
            assertTrue(out.contains("LIMIT RLIMIT_NPROC (ulimit -u), or the pids.max"), out);
        } finally {
            for (int i = 0; i < 50 && Files.exists(group); i++) {
                try {
                    Files.delete(group); // fails while the exited child is still counted
                } catch (IOException busy) {
                    Thread.sleep(100);
                }
            }
        }
    }

    /** The child: a receive on an empty queue from a virtual thread, once its parent has capped its threads. */
    public static final class Limited {
        public static void main(String[] args) throws Exception {
            Path go = Path.of(args[0]);
            SysvMessageQueue queue = SysvMessageQueue.createPrivate();
            try {
                CompletableFuture<Object> warm = new CompletableFuture<>();
                VirtualThreadsSupport.start("warm-up", () -> warm.complete("carrier started"));
                warm.get(30, TimeUnit.SECONDS);
                System.out.println("ready");
                System.out.flush();
                while (!Files.exists(go)) {
                    Thread.sleep(10);
                }
                CompletableFuture<Object> outcome = new CompletableFuture<>();
                VirtualThreadsSupport.start("limited", () -> {
                    try {
                        outcome.complete("received " + queue.receive(ByteBuffer.allocateDirect(16)));
                    } catch (Throwable t) {
                        outcome.complete(t);
                    }
                });
                Object o = outcome.get(30, TimeUnit.SECONDS);
                System.out.println("OUTCOME " + o);
                if (o instanceof IpcException) {
                    System.out.println("LIMIT " + ((IpcException) o).limit());
                }
            } finally {
                queue.remove();
                queue.close();
            }
        }
    }
}
