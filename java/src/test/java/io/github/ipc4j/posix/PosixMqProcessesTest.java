package io.github.ipc4j.posix;

import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.PosixQueues;
import io.github.ipc4j.testing.TestMessages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two real processes on one queue: a second JVM, and the C peer. */
@EnabledOnOs(OS.LINUX)
class PosixMqProcessesTest {
    static final int MESSAGES = 10_000;
    static final int MESSAGE_SIZE = 1024;
    static final int PRIORITIES = 8;

    private final PosixQueues queues = new PosixQueues();

    @AfterEach
    void removeQueues() throws Exception {
        queues.close();
    }

    /**
     * Message i: 4 bytes sequence number within its priority, 4 bytes i, then bytes from a seeded random
     * stream; random length and priority. The receiver can check each message whole, per-priority FIFO,
     * and that every i came once.
     */
    static byte[] message(int i, int sequence, Random random) {
        int length = 8 + random.nextInt(MESSAGE_SIZE - 7);
        byte[] m = new byte[length];
        ByteBuffer.wrap(m).putInt(sequence).putInt(i);
        for (int j = 8; j < length; j++) {
            m[j] = (byte) (i * 131 + j * 7);
        }
        return m;
    }

    /** Sends MESSAGES messages with random sizes and priorities (seed from args[1]), then prints "sent". */
    public static final class Sender {
        public static void main(String[] args) throws Exception {
            Random random = new Random(Long.parseLong(args[1]));
            int[] sequence = new int[PRIORITIES];
            try (PosixMessageQueue q = PosixMessageQueue.open(args[0])) {
                for (int i = 0; i < MESSAGES; i++) {
                    int priority = random.nextInt(PRIORITIES);
                    q.send(message(i, sequence[priority]++, random), priority);
                }
            }
            System.out.println("sent");
        }
    }

    @Test
    void twoJvmsExchangeTenThousandMessagesOfRandomSizesAndPriorities() throws Exception {
        String name = queues.name();
        try (PosixMessageQueue q = PosixMessageQueue.open(name,
                PosixMqOptions.options().createNew().maxMessages(10).messageSize(MESSAGE_SIZE));
             ChildJvm sender = ChildJvm.start(Sender.class, name, "12345")) {
            boolean[] seen = new boolean[MESSAGES];
            int[] nextSequence = new int[PRIORITIES];
            ByteBuffer buf = ByteBuffer.allocateDirect(MESSAGE_SIZE);
            byte[] bytes = new byte[MESSAGE_SIZE];
            for (int n = 0; n < MESSAGES; n++) {
                buf.clear();
                int priority = q.receivePriority(buf);
                buf.flip();
                int length = buf.remaining();
                buf.get(bytes, 0, length);
                ByteBuffer header = ByteBuffer.wrap(bytes);
                int sequence = header.getInt();
                int i = header.getInt();
                assertTrue(i >= 0 && i < MESSAGES && !seen[i], "message " + i + " is new");
                seen[i] = true;
                assertEquals(nextSequence[priority]++, sequence, "FIFO within priority " + priority);
                for (int j = 8; j < length; j++) {
                    if (bytes[j] != (byte) (i * 131 + j * 7)) {
                        throw new AssertionError("message " + i + " byte " + j + " differs");
                    }
                }
            }
            sender.assertSuccess(60);
            assertEquals(MESSAGES, Arrays.stream(nextSequence).sum());
            assertEquals(0, q.attributes().currentMessages(), "nothing duplicated");
        }
    }

    @Test
    void priorityThenFifoAcrossProcesses() throws Exception {
        // the sender fills the queue while nobody receives: then the order is wholly the kernel's
        String name = queues.name();
        try (PosixMessageQueue q = PosixMessageQueue.open(name,
                PosixMqOptions.options().createNew().maxMessages(10).messageSize(64));
             ChildJvm filler = ChildJvm.start(Filler.class, name)) {
            filler.assertSuccess(60);
            int[] expected = {7, 7, 3, 3, 3, 1, 0, 0, 0, 0};
            int[] expectedIndex = {2, 7, 0, 4, 9, 5, 1, 3, 6, 8};
            for (int n = 0; n < expected.length; n++) {
                PosixMqMessage m = q.poll().orElseThrow();
                assertEquals(expected[n], m.priority());
                assertEquals(expectedIndex[n], m.data()[0]);
            }
        }
    }

    /** Sends 10 one-byte messages (byte = index) with fixed priorities, into an empty queue. */
    public static final class Filler {
        public static void main(String[] args) throws Exception {
            int[] priorities = {3, 0, 7, 0, 3, 1, 0, 7, 0, 3};
            try (PosixMessageQueue q = PosixMessageQueue.open(args[0])) {
                for (int i = 0; i < priorities.length; i++) {
                    q.send(new byte[] {(byte) i}, priorities[i]);
                }
            }
        }
    }

    private static Path peer() {
        Path peer = Paths.get(System.getProperty("ipc4j.test.nativeBuildDir", "target/native-build"), "mq_peer");
        assertTrue(Files.isExecutable(peer), peer + " is built with the C tests");
        return peer;
    }

    @Test
    void theCPeerSendsAndJavaReceives() throws Exception {
        String name = queues.name();
        int count = 3000;
        try (PosixMessageQueue q = PosixMessageQueue.open(name,
                PosixMqOptions.options().createNew().maxMessages(10).messageSize(512))) {
            Process peer = new ProcessBuilder(peer().toString(), "send", name, String.valueOf(count))
                    .redirectErrorStream(true).start();
            boolean[] seen = new boolean[count];
            ByteBuffer buf = ByteBuffer.allocate(512);
            for (int n = 0; n < count; n++) {
                buf.clear();
                int priority = q.receivePriority(buf);
                int i = TestMessages.index(buf.array(), buf.position(), 512);
                assertTrue(i >= 0 && i < count && !seen[i], "message #" + n + " is whole and new");
                assertEquals(i % 7, priority);
                seen[i] = true;
            }
            assertTrue(peer.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, peer.exitValue(), new String(peer.getInputStream().readAllBytes()));
        }
    }

    @Test
    void javaSendsAndTheCPeerReceives() throws Exception {
        String name = queues.name();
        int count = 3000;
        try (PosixMessageQueue q = PosixMessageQueue.open(name,
                PosixMqOptions.options().createNew().maxMessages(10).messageSize(512))) {
            Process peer = new ProcessBuilder(peer().toString(), "receive", name, String.valueOf(count))
                    .redirectErrorStream(true).start();
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return peer.getInputStream().readAllBytes();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            ByteBuffer direct = ByteBuffer.allocateDirect(512);
            for (int i = 0; i < count; i++) {
                byte[] m = TestMessages.make(i, 512);
                direct.clear();
                direct.put(m).flip();
                q.send(direct, i % 7);
            }
            assertTrue(peer.waitFor(60, TimeUnit.SECONDS));
            String out = new String(output.get(10, TimeUnit.SECONDS));
            assertEquals(0, peer.exitValue(), out);
            assertTrue(out.contains("received " + count + " messages intact"), out);
        }
    }

    @Test
    void testMessagesMatchTheCPeers() {
        CRC32 crc = new CRC32();
        for (int i = 0; i < 100; i++) {
            byte[] m = TestMessages.make(i, 512);
            assertEquals(i, TestMessages.index(m, m.length, 512));
            crc.update(m);
        }
        assertTrue(crc.getValue() != 0);
    }

    /**
     * A JVM that opens queues until it has no descriptor left, with nothing closed before: every close then
     * gives its descriptor back, and a queue opens again. Closing used to load a class (from a class
     * directory, as tests run, that takes a descriptor), fail with NoClassDefFoundError, and keep the
     * descriptor; a failed class load is final, so no queue of that JVM could ever be closed again.
     */
    @Test
    void closingEveryQueueOfAJvmOutOfDescriptorsGivesThemAllBack() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Paths.get("/usr/bin/prlimit")),
                "needs prlimit (util-linux)");
        String prefix = queues.name() + "-";
        try (ChildJvm child = ChildJvm.start(java.util.List.of("/usr/bin/prlimit", "--nofile=128", "--"),
                java.util.List.of(), OutOfDescriptors.class, prefix)) {
            int code = child.waitFor(120);
            String out = child.output();
            assertEquals(0, code, out);
            assertTrue(out.contains("FAILED") && out.contains("EMFILE"), out);
            assertTrue(out.contains("closed all") && out.contains("reopened"), out);
        } finally {
            Path mounted = PosixQueues.mqueueMount();
            if (mounted != null) {
                try (java.util.stream.Stream<Path> left = Files.list(mounted)) {
                    for (Path p : (Iterable<Path>) left::iterator) {
                        if (("/" + p.getFileName()).startsWith(prefix)) {
                            PosixMessageQueue.unlink("/" + p.getFileName());
                        }
                    }
                }
            }
        }
    }

    /** Opens queues named args[0] + i until the descriptors run out, then closes them all and opens one more. */
    public static final class OutOfDescriptors {
        public static void main(String[] args) {
            io.github.ipc4j.testing.AttackedMain.exit(() -> {
                PosixMqOptions options = PosixMqOptions.options().createNew().maxMessages(1).messageSize(16);
                java.util.List<PosixMessageQueue> open = new java.util.ArrayList<>();
                try {
                    for (int i = 0; i < 100_000; i++) {
                        open.add(PosixMessageQueue.open(args[0] + i, options));
                    }
                    throw new AssertionError("never ran out of descriptors");
                } catch (io.github.ipc4j.IpcException e) {
                    System.out.println("FAILED after " + open.size() + ": " + e.getMessage());
                }
                for (PosixMessageQueue q : open) {
                    q.close();
                }
                System.out.println("closed all " + open.size());
                for (PosixMessageQueue q : open) {
                    q.unlink();
                }
                PosixMessageQueue again = PosixMessageQueue.open(args[0] + "again", options);
                again.close();
                again.unlink();
                System.out.println("reopened");
            });
        }
    }
}
