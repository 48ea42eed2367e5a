package io.github.ipc4j;

import io.github.ipc4j.pipe.Fifo;
import io.github.ipc4j.sealed.UnixSocketServer;
import io.github.ipc4j.posix.PosixMessageQueue;
import io.github.ipc4j.posix.PosixMqOptions;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.posix.PosixShmOptions;
import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.PosixNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An object never closed that becomes unreachable: the Cleaner closes its descriptor and logs the leak
 * (io.github.ipc4j, WARNING), with where it was opened under -Dipc4j.leakTracking=true. In a child JVM, which
 * checks its own /proc/self/fd.
 */
@EnabledOnOs(OS.LINUX)
class LeakCleanerTest {
    private final PosixNames queues = new PosixNames(PosixMessageQueue::unlink);
    private final PosixNames memories = new PosixNames(PosixSharedMemory::unlink);
    @TempDir
    Path dir;

    @AfterEach
    void removeObjects() throws Exception {
        queues.close();
        memories.close();
    }

    /** Child: opens a leaked and a closed object of a kind, drops both, collects, reports what stayed open. */
    public static final class Leaker {
        /** ipc4j's logger, held so that its handler stays; the handler prints each record and counts it. */
        private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("io.github.ipc4j");
        private static final CountDownLatch LOGGED = new CountDownLatch(1);

        public static void main(String[] args) throws Exception {
            LOG.setUseParentHandlers(false);
            LOG.addHandler(new java.util.logging.Handler() {
                @Override
                public void publish(java.util.logging.LogRecord record) {
                    System.err.print(new java.util.logging.SimpleFormatter().format(record));
                    System.err.flush();
                    LOGGED.countDown();
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            });
            String kind = args[0];
            String leakedName = args[1];
            String closedName = args[2];
            AutoCloseable closed = open(kind, closedName);
            closed.close();
            closed = null;
            String[] leaked = openAndDrop(kind, leakedName);
            int fd = Integer.parseInt(leaked[0]);
            String mark = leaked[1];
            System.out.println("open as fd " + fd + " (" + mark + ")");
            for (int i = 0; i < 500 && target(fd).equals(mark); i++) {
                System.gc();
                Thread.sleep(20);
            }
            System.out.println(target(fd).equals(mark) ? "still open" : "released");
            LOGGED.await(30, TimeUnit.SECONDS); // the log line follows the release, on the cleaner's thread
            System.exit(0);
        }

        /** The descriptor of the object opened and dropped, and what /proc/self/fd shows for it. */
        private static String[] openAndDrop(String kind, String name) throws Exception {
            open(kind, name); // dropped at once: unreachable, never closed
            String mark = kind.equals("socket") ? "socket:[" + socketInode(name) + "]" : null;
            for (String entry : fds()) {
                String target = target(Integer.parseInt(entry));
                if (mark == null ? target.contains(name) : target.equals(mark)) {
                    return new String[] {entry, target};
                }
            }
            throw new AssertionError("no descriptor of " + name + " in /proc/self/fd");
        }

        /** A listening socket's inode, from /proc/net/unix (its last two columns: inode and path). */
        private static String socketInode(String path) throws IOException {
            for (String line : Files.readAllLines(Paths.get("/proc/net/unix"))) {
                String[] columns = line.trim().split("\\s+");
                if (columns[columns.length - 1].equals(path)) {
                    return columns[columns.length - 2];
                }
            }
            throw new AssertionError("no socket at " + path + " in /proc/net/unix");
        }

        static AutoCloseable open(String kind, String name) throws Exception {
            switch (kind) {
                case "mq":
                    return PosixMessageQueue.open(name, PosixMqOptions.options().createNew());
                case "shm":
                    return PosixSharedMemory.open(name, PosixShmOptions.options().createNew().size(4096));
                case "socket":
                    return UnixSocketServer.bind(Paths.get(name));
                case "fifo":
                    Path path = Paths.get(name);
                    Fifo.create(path);
                    return Fifo.openReader(path);
                default:
                    throw new IllegalArgumentException(kind);
            }
        }

        private static String[] fds() {
            return new java.io.File("/proc/self/fd").list();
        }

        private static String target(int fd) {
            try {
                return Files.readSymbolicLink(Paths.get("/proc/self/fd/" + fd)).toString();
            } catch (IOException gone) {
                return "";
            }
        }
    }

    private static String run(boolean tracking, String kind, String leaked, String closed) throws Exception {
        List<String> options = tracking ? List.of("-Dipc4j.leakTracking=true") : List.of();
        try (ChildJvm child = ChildJvm.start(List.of(), options, Leaker.class, kind, leaked, closed)) {
            assertEquals(0, child.waitFor(60), child.output());
            String out = child.output();
            assertTrue(out.contains("released"), "the leaked descriptor was closed:\n" + out);
            String report = out.lines().filter(l -> l.startsWith("WARNING:")).findFirst().orElse("");
            assertTrue(report.contains(leaked) && report.contains("was never closed and became unreachable"),
                    "the leak was logged, naming the object:\n" + out);
            assertEquals(1, occurrences(out, "was never closed"), "one report: a closed object is no leak\n" + out);
            assertFalse(report.contains(closed + " "), out);
            return out;
        }
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aLeakedMessageQueueIsClosedAndReportedWithWhereItWasOpened() throws Exception {
        String out = run(true, "mq", queues.name(), queues.name());
        assertTrue(out.contains("where the leaked POSIX message queue") && out.contains("Leaker.openAndDrop"),
                "the stack of the open:\n" + out);
    }

    @Test
    void aLeakedSharedMemoryObjectIsClosedAndReportedWithoutAStackByDefault() throws Exception {
        String out = run(false, "shm", memories.name(), memories.name());
        assertTrue(out.contains("-Dipc4j.leakTracking=true"), "it says how to see where:\n" + out);
        assertFalse(out.contains("Leaker.openAndDrop"), "no stack unless asked:\n" + out);
    }

    @Test
    void aLeakedSocketServerIsClosedReportedAndItsFileRemoved() throws Exception {
        Path leaked = dir.resolve("leaked.sock");
        run(true, "socket", leaked.toString(), dir.resolve("closed.sock").toString());
        assertFalse(Files.exists(leaked), "the server's release removes its socket file, as close() does");
    }

    @Test
    void aLeakedFifoEndIsClosedAndReported() throws Exception {
        String out = run(true, "fifo", dir.resolve("leaked").toString(), dir.resolve("closed").toString());
        assertTrue(out.contains("Leaker.openAndDrop"), out);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count());
        }
    }
}
