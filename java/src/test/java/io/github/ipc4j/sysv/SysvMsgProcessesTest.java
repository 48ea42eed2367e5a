package io.github.ipc4j.sysv;

import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.SysvQueues;
import io.github.ipc4j.testing.TestMessages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two real processes on one queue: a second JVM, and the C peer (native/test/unix/sysv_msg_peer.c). */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SysvMsgProcessesTest {
    static final int MAX_LENGTH = 256;
    static final int TYPES = 5;

    private final SysvQueues queues = new SysvQueues();

    @AfterEach
    void removeQueues() throws Exception {
        queues.close();
    }

    /** Sends messages 0..count-1 (TestMessages, type 1 + i % TYPES) to queue id args[0]; prints "sent". */
    public static final class TypedSender {
        public static void main(String[] args) throws Exception {
            int count = Integer.parseInt(args[1]);
            try (SysvMessageQueue q = SysvMessageQueue.ofId(Integer.parseInt(args[0]))) {
                ByteBuffer out = ByteBuffer.allocateDirect(MAX_LENGTH);
                for (int i = 0; i < count; i++) {
                    out.clear();
                    out.put(TestMessages.make(i, MAX_LENGTH)).flip();
                    q.send(out, 1 + i % TYPES);
                }
            }
            System.out.println("sent");
        }
    }

    /** What the receiving side checks of each message: whole, of its type, FIFO within the type, once. */
    static final class Checker {
        final int count;
        final boolean[] seen;
        final int[] remaining = new int[TYPES + 1];
        final int[] lastIndex = new int[TYPES + 1];
        int received;

        Checker(int count) {
            this.count = count;
            this.seen = new boolean[count];
            for (int i = 0; i < count; i++) {
                remaining[1 + i % TYPES]++;
            }
            java.util.Arrays.fill(lastIndex, -1);
        }

        void check(byte[] bytes, int length, long type, String rule) {
            int i = TestMessages.index(bytes, length, MAX_LENGTH);
            assertTrue(i >= 0 && i < count, "message #" + received + " is whole (" + rule + ")");
            assertTrue(!seen[i], "message " + i + " came once");
            assertEquals(1 + i % TYPES, type, "message " + i + "'s type");
            assertTrue(i > lastIndex[(int) type], "FIFO within type " + type);
            seen[i] = true;
            lastIndex[(int) type] = i;
            remaining[(int) type]--;
            received++;
        }

        int remainingUpTo(long maxType) {
            int n = 0;
            for (int t = 1; t <= maxType && t <= TYPES; t++) {
                n += remaining[t];
            }
            return n;
        }
    }

    @Test
    void twoJvmsSeveralTypesEachReceivedSelectivelyByEveryRuleNoneLost() throws Exception {
        int count = 5000;
        try (SysvMessageQueue q = queues.create();
             ChildJvm sender = ChildJvm.start(TypedSender.class, String.valueOf(q.id()), String.valueOf(count))) {
            Checker checker = new Checker(count);
            Random random = new Random(7);
            ByteBuffer in = ByteBuffer.allocateDirect(MAX_LENGTH);
            byte[] bytes = new byte[MAX_LENGTH];
            int[] byRule = new int[4];
            boolean except = OS.LINUX.isCurrentOs();
            while (checker.received < count) {
                // a rule that some message still to come satisfies; waiting briefly only, since the one it
                // takes may be behind a full queue of others (the sender blocked): ANY then makes room
                int rule = random.nextInt(except ? 4 : 3);
                long t = 1 + random.nextInt(TYPES);
                TypeSelector selector;
                if (rule == 0) {
                    selector = TypeSelector.ANY;
                } else if (rule == 1 && checker.remaining[(int) t] > 0) {
                    selector = TypeSelector.exactly(t);
                } else if (rule == 2 && checker.remainingUpTo(t) > 0) {
                    selector = TypeSelector.atMost(t);
                } else if (rule == 3 && count - checker.received - checker.remaining[(int) t] > 0) {
                    selector = TypeSelector.except(t);
                } else {
                    continue;
                }
                in.clear();
                long type = q.poll(in, selector, Duration.ofMillis(20));
                if (type == SysvMessageQueue.NO_MESSAGE) {
                    continue;
                }
                in.flip();
                int length = in.remaining();
                in.get(bytes, 0, length);
                if (rule == 1) {
                    assertEquals(t, type);
                } else if (rule == 2) {
                    assertTrue(type <= t, "type " + type + " <= " + t);
                } else if (rule == 3) {
                    assertTrue(type != t, "type " + type + " != " + t);
                }
                checker.check(bytes, length, type, selector.toString());
                byRule[rule]++;
            }
            sender.assertSuccess(60);
            assertEquals(0, q.status().messages(), "nothing left, nothing duplicated");
            for (int rule = 0; rule < (except ? 4 : 3); rule++) {
                assertTrue(byRule[rule] > 100, "rule " + rule + " was used: " + byRule[rule]);
            }
        }
    }

    @Test
    void lowestTypeFirstAndFifoWithinATypeAcrossProcesses() throws Exception {
        // the child sends everything before anyone receives: then the order is wholly the kernel's
        try (SysvMessageQueue q = queues.create();
             ChildJvm sender = ChildJvm.start(TypedSender.class, String.valueOf(q.id()), "20")) {
            sender.assertSuccess(60);
            // atMost(TYPES) always takes the lowest type present: all of type 1 (FIFO), then type 2, ...
            int[] expected = {0, 5, 10, 15, 1, 6, 11, 16, 2, 7, 12, 17, 3, 8, 13, 18, 4, 9, 14, 19};
            for (int n = 0; n < expected.length; n++) {
                SysvMessage m = q.poll(TypeSelector.atMost(TYPES)).orElseThrow();
                assertEquals(expected[n], TestMessages.index(m.data(), m.data().length, MAX_LENGTH), "#" + n);
                assertEquals(1 + expected[n] % TYPES, m.type());
            }
        }
    }

    static final int BOTH_WAYS = 100_000;

    /** Small message i: 4 bytes of i, then 4 bytes of ~i. */
    static void small(ByteBuffer out, int i) {
        out.clear();
        out.putInt(i).putInt(~i).flip();
    }

    /** Receives BOTH_WAYS messages of type args[1] in order, in one thread, while another sends as many of type args[2]. */
    public static final class BothWays {
        public static void main(String[] args) throws Exception {
            try (SysvMessageQueue q = SysvMessageQueue.ofId(Integer.parseInt(args[0]))) {
                String problem = exchange(q, Long.parseLong(args[1]), Long.parseLong(args[2]));
                System.out.println(problem == null ? "received " + BOTH_WAYS + " in order" : problem);
            }
        }
    }

    /** Sends BOTH_WAYS messages of type out on another thread while receiving as many of type in; null if all well. */
    static String exchange(SysvMessageQueue q, long in, long out) throws Exception {
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try {
                ByteBuffer buf = ByteBuffer.allocateDirect(8);
                for (int i = 0; i < BOTH_WAYS; i++) {
                    small(buf, i);
                    q.send(buf, out);
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        ByteBuffer buf = ByteBuffer.allocateDirect(8);
        TypeSelector mine = TypeSelector.exactly(in);
        for (int i = 0; i < BOTH_WAYS; i++) {
            buf.clear();
            long type = q.receive(buf, mine);
            buf.flip();
            if (type != in || buf.remaining() != 8 || buf.getInt() != i || buf.getInt() != ~i) {
                return "message " + i + " of type " + in + " is wrong";
            }
        }
        sending.get(120, TimeUnit.SECONDS);
        return null;
    }

    @Test
    void aHundredThousandMessagesBothWaysThroughOneQueue() throws Exception {
        try (SysvMessageQueue q = queues.create();
             ChildJvm child = ChildJvm.start(BothWays.class, String.valueOf(q.id()), "1", "2")) {
            assertEquals(null, exchange(q, 2, 1));
            child.assertSuccess(120);
            assertTrue(child.output().contains("received " + BOTH_WAYS + " in order"), child.output());
            assertEquals(0, q.status().messages());
        }
    }

    private static Path peer() {
        Path peer = Paths.get(System.getProperty("ipc4j.test.nativeBuildDir", "target/native-build"), "sysv_msg_peer");
        assertTrue(Files.isExecutable(peer), peer + " is built with the C tests");
        return peer;
    }

    private static Process startPeer(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(peer().toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String finish(Process peer) throws Exception {
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
            try {
                return peer.getInputStream().readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(peer.waitFor(60, TimeUnit.SECONDS), "the peer finished");
        String out = new String(output.get(10, TimeUnit.SECONDS));
        assertEquals(0, peer.exitValue(), out);
        return out;
    }

    @Test
    void theCPeerSendsTypedMessagesAndJavaReceivesThemSelectively() throws Exception {
        int count = 3000;
        try (SysvMessageQueue q = queues.create()) {
            Process peer = startPeer("send", String.valueOf(q.id()), String.valueOf(count), String.valueOf(TYPES));
            Checker checker = new Checker(count);
            ByteBuffer in = ByteBuffer.allocate(MAX_LENGTH);
            // type 3 first whenever one is there (not waiting for one: it may be behind a full queue of
            // others, the peer blocked), otherwise the oldest of any type
            int exactly = 0;
            while (checker.received < count) {
                in.clear();
                if (checker.remaining[3] > 0) {
                    long type = q.poll(in, TypeSelector.exactly(3));
                    if (type != SysvMessageQueue.NO_MESSAGE) {
                        assertEquals(3, type);
                        checker.check(in.array(), in.position(), type, "exactly 3");
                        exactly++;
                        continue;
                    }
                }
                long type = q.receive(in, TypeSelector.ANY);
                checker.check(in.array(), in.position(), type, "any");
            }
            assertTrue(exactly > 0, "type 3 was taken selectively");
            finish(peer);
        }
    }

    @Test
    void javaSendsTypedMessagesAndTheCPeerReceivesThem() throws Exception {
        int count = 3000;
        try (SysvMessageQueue q = queues.create()) {
            Process peer = startPeer("receive", String.valueOf(q.id()), String.valueOf(count), String.valueOf(TYPES));
            ByteBuffer out = ByteBuffer.allocateDirect(MAX_LENGTH);
            for (int i = 0; i < count; i++) {
                out.clear();
                out.put(TestMessages.make(i, MAX_LENGTH)).flip();
                q.send(out, 1 + i % TYPES);
            }
            String output = finish(peer);
            assertTrue(output.contains("received " + count + " messages intact"), output);
        }
    }

    @Test
    void theCPeerEchoesEachMessageUnderAnotherType() throws Exception {
        int count = 1000;
        try (SysvMessageQueue q = queues.create()) {
            Process peer = startPeer("echo", String.valueOf(q.id()), String.valueOf(count));
            ByteBuffer in = ByteBuffer.allocate(MAX_LENGTH);
            for (int i = 0; i < count; i++) {
                long type = 1 + i % TYPES;
                byte[] m = TestMessages.make(i, MAX_LENGTH);
                q.send(m, type);
                in.clear();
                assertEquals(1000 + type, q.receive(in, TypeSelector.exactly(1000 + type)));
                assertEquals(i, TestMessages.index(in.array(), in.position(), MAX_LENGTH));
            }
            finish(peer);
        }
    }
}
