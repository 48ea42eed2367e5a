package io.github.ipc4j.channel;

import io.github.ipc4j.ChannelOptions;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.MessageChannel;
import io.github.ipc4j.SharedMemoryChannel;
import io.github.ipc4j.internal.ChannelLayout;
import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.PosixNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The channel attacked through its shared object by another process, as a hostile or broken peer would:
 * shrinking the object (to nothing, to its header, to half) while the victim sends, spins and sleeps;
 * shrinking and regrowing it in a loop; scribbling random bytes over it; moving the counters where no
 * sender or receiver would put them. The victim runs in its own JVM ({@link ChannelAttackChild}), so that a
 * crash is seen as its exit; it must end every time with a clear exception (IpcException, or
 * PeerDiedException when a scribble named a dead process), never an InternalError, a crash, a hang or a
 * message its sender did not send whole.
 */
@EnabledOnOs(OS.LINUX)
class ChannelAttackTest {
    private static final int CAPACITY = 1 << 16;
    private final PosixNames names = new PosixNames(SharedMemoryChannel::unlink);

    private final WaiterSemaphores semaphores = new WaiterSemaphores();

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
        semaphores.close();
    }

    private static Path file(String name) {
        return Path.of("/dev/shm", name.substring(1));
    }

    /** Starts the exchanging victim and waits until it has exchanged messages. */
    private static ChildJvm victim(String name, long spinMillis, boolean verify, boolean shrink) throws Exception {
        ChildJvm victim = ChildJvm.start(java.util.List.of(), java.util.List.of("-XX:ErrorFile="
                + System.getProperty("java.io.tmpdir") + "/ipc4j-attack-hs_err_%p.log"), ChannelAttackChild.class,
                "exchange", name, Long.toString(spinMillis), Boolean.toString(verify), Boolean.toString(shrink));
        victim.awaitOutput("ready", 30);
        return victim;
    }

    /** The victim ended by itself, through a clear exception caused by the attack, and closed cleanly. */
    private static void assertClearEnd(ChildJvm victim) throws Exception {
        int code = victim.waitFor(60);
        String out = victim.output();
        assertEquals(0, code, "the victim JVM must end normally; output:\n" + out);
        assertFalse(out.contains("fatal error") || out.contains("WRONG"), out);
        assertTrue(out.contains("OUTCOME") && !out.contains("OUTCOME none"), "no exception in 20 s:\n" + out);
        assertTrue(out.contains("closed"), out);
    }

    @ParameterizedTest(name = "shrunk to {0} bytes, spinning {1} ms")
    @CsvSource({"0, 0", "0, 1000", "512, 0", "33024, 0", "33024, 1000"})
    void aPeerThatShrinksTheObjectUnderBothEndsGivesThemAClearErrorNeverACrash(long size, long spinMillis)
            throws Exception {
        String name = names.name();
        try (ChildJvm victim = victim(name, spinMillis, true, true)) {
            semaphores.note(name);
            Thread.sleep(100);
            try (RandomAccessFile object = new RandomAccessFile(file(name).toFile(), "rw")) {
                object.setLength(size); // 512: the header alone; 33024: the header and half the ring
            }
            assertClearEnd(victim);
            String out = victim.output();
            assertTrue(out.contains("io.github.ipc4j.IpcException") && out.contains("shrank")
                    || out.contains("late fault") || out.contains("torn by the shrink"),
                    "the exception must say the object shrank:\n" + out);
        }
    }

    @Test
    void aPeerThatShrinksAndRegrowsTheObjectInALoopNeverCrashesTheVictim() throws Exception {
        String name = names.name();
        try (ChildJvm victim = victim(name, 0, false, false)) {
            semaphores.note(name);
            try (RandomAccessFile object = new RandomAccessFile(file(name).toFile(), "rw")) {
                for (int i = 0; i < 2000 && victim.process().isAlive() && !victim.output().contains("closed"); i++) {
                    object.setLength(i % 2 == 0 ? 0 : ChannelLayout.size(CAPACITY));
                }
                object.setLength(ChannelLayout.size(CAPACITY));
            }
            assertClearEnd(victim);
        }
    }

    /**
     * close() gives the end back with a write to the object, which faults when a peer shrank it. HotSpot notes
     * such a fault and throws its InternalError at some later transition into Java (JDK 17: not the return
     * from a native method), so the write used to surface later, outside close(), in whatever the thread ran.
     */
    @Test
    void closingEndsOfAShrunkObjectLeavesNoFaultForLater() throws Exception {
        String name = names.name();
        try (ChildJvm victim = ChildJvm.start(java.util.List.of(), java.util.List.of(), ChannelAttackChild.class,
                "closeShrunk", name)) {
            assertEquals(0, victim.waitFor(60), victim.output());
            assertTrue(victim.output().contains("closed clean"), victim.output());
        }
    }

    @Test
    void aPeerThatScribblesRandomBytesOverTheRingAndItsCountersNeverCrashesOrHangsTheVictim() throws Exception {
        String name = names.name();
        Random random = new Random(name.hashCode());
        try (ChildJvm victim = victim(name, 0, false, false);
             FileChannel object = FileChannel.open(file(name), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            byte[] junk = new byte[256];
            for (int i = 0; i < 20_000 && victim.process().isAlive() && !victim.output().contains("closed"); i++) {
                random.nextBytes(junk);
                // after the header (the ends read it once, at open): the counters, owner words, flags, ring
                long at = ChannelLayout.TAIL + random.nextInt((int) ChannelLayout.size(CAPACITY)
                        - ChannelLayout.TAIL - junk.length);
                object.write(ByteBuffer.wrap(junk, 0, 1 + random.nextInt(junk.length)), at);
            }
            assertClearEnd(victim);
        }
    }
    /** Three messages sent and received, so that both counters have moved; returns the receive buffer. */
    private static ByteBuffer exchangeThree(SharedMemoryChannel out, SharedMemoryChannel in) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(in.maxMessageSize());
        for (int i = 0; i < 3; i++) {
            out.send(ByteBuffer.wrap(new byte[100]));
            buffer.clear();
            assertEquals(100, in.receive(buffer));
        }
        return buffer;
    }

    /** Writes a long of the header through the object's file, as another process would (the channel reads it in native order). */
    private static void poke(String name, int at, long value) throws Exception {
        try (FileChannel object = FileChannel.open(file(name), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            object.write(ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, value), at);
        }
    }

    private static long peek(String name, int at) throws Exception {
        try (FileChannel object = FileChannel.open(file(name), StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
            object.read(b, at);
            return b.getLong(0);
        }
    }

    /**
     * Behind the head by less than the ring is where a sender killed between a commit and its tail store leaves
     * the tail (the next test): not damage. Ahead of the head with no record there, or behind by a ring or more,
     * no sender puts it.
     */
    @ParameterizedTest(name = "tail moved by {0}")
    @CsvSource({"4096", "8", "-70000", "1099511627776"})
    void aTailMovedWhereNoSenderPutsItIsDamageForTheReceiverNotAMessage(long delta) throws Exception {
        String name = names.name();
        try (SharedMemoryChannel out = SharedMemoryChannel.open(name, ChannelOptions.options().createNew().sender()
                .capacity(CAPACITY));
             SharedMemoryChannel in = SharedMemoryChannel.open(name, ChannelOptions.options().receiver())) {
            ByteBuffer buffer = exchangeThree(out, in);
            poke(name, ChannelLayout.TAIL, peek(name, ChannelLayout.TAIL) + delta);
            buffer.clear();
            assertEquals(delta, in.pendingBytes(), "pendingBytes reads the counters as they are");
            IpcException e = assertThrows(IpcException.class, () -> in.poll(buffer));
            assertTrue(e.getMessage().contains("damaged"), e.getMessage());
            assertEquals(0, buffer.position(), "nothing handed out");
        }
    }

    @Test
    void aSenderKilledBetweenItsCommitAndItsTailStoreLosesNothingAndItsSuccessorGoesOnAfterTheCommittedRecord()
            throws Exception {
        String name = names.name();
        try (SharedMemoryChannel in = SharedMemoryChannel.open(name, ChannelOptions.options().createNew().receiver()
                .capacity(CAPACITY))) {
            long tail;
            try (SharedMemoryChannel out = SharedMemoryChannel.open(name, ChannelOptions.options().sender())) {
                out.send(filled(100, 1));
                out.send(filled(100, 2));
                tail = peek(name, ChannelLayout.TAIL);
            }
            poke(name, ChannelLayout.TAIL, tail - 112); // the second record (8 + 100 bytes, 8-aligned) committed, its tail not
            ByteBuffer buffer = ByteBuffer.allocate(CAPACITY);
            assertEquals(100, in.receive(buffer.clear()));
            assertEquals(100, in.receive(buffer.clear()));
            assertEquals(2, buffer.get(99), "the committed record is received though the tail lags");
            assertEquals(MessageChannel.NO_MESSAGE, in.poll(buffer.clear()), "a lagging tail is not damage");
            try (SharedMemoryChannel successor = SharedMemoryChannel.open(name,
                    ChannelOptions.options().sender())) {
                assertEquals(tail, peek(name, ChannelLayout.TAIL), "the successor goes on after the committed record");
                successor.send(filled(50, 3));
                assertEquals(50, in.receive(buffer.clear()));
                assertEquals(3, buffer.get(49));
                assertEquals(MessageChannel.NO_MESSAGE, in.poll(buffer.clear()), "nothing twice, nothing made up");
            }
        }
    }

    private static ByteBuffer filled(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return ByteBuffer.wrap(bytes);
    }

    @ParameterizedTest(name = "head moved by {0}")
    @CsvSource({"-200000", "-65600", "-1099511627776"})
    void aHeadMovedWhereNoReceiverPutsItIsDamageForTheSenderNotAFullRingWaitedOnForever(long delta)
            throws Exception {
        String name = names.name();
        try (SharedMemoryChannel out = SharedMemoryChannel.open(name, ChannelOptions.options().createNew().sender()
                .capacity(CAPACITY));
             SharedMemoryChannel in = SharedMemoryChannel.open(name, ChannelOptions.options().receiver())) {
            exchangeThree(out, in);
            poke(name, ChannelLayout.HEAD, peek(name, ChannelLayout.HEAD) + delta);
            ByteBuffer message = ByteBuffer.allocate(out.maxMessageSize());
            IpcException e = assertThrows(IpcException.class, () -> {
                for (int i = 0; i < 8; i++) { // a few fill the ring as the sender last saw it: then it looks
                    message.clear();
                    assertTrue(out.offer(message), "a full ring where the counters say the impossible");
                }
            });
            assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        }
    }
    @Test
    void fiveHundredVirtualThreadsOnTwoCarriersBlockedInReceiveLeaveOthersRunningAndAllEnd() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.github.ipc4j.blocking.VirtualThreadsSupport.available(),
                "virtual threads need JDK 21+");
        String prefix = names.name() + "-";
        try (ChildJvm victim = ChildJvm.start(java.util.List.of(), java.util.List.of(
                "-Djdk.virtualThreadScheduler.parallelism=2", "-Djdk.virtualThreadScheduler.maxPoolSize=2"),
                ChannelAttackChild.class, "virtual", prefix, "500")) {
            int code = victim.waitFor(120);
            assertEquals(0, code, victim.output());
            assertTrue(victim.output().contains("virtual ok"), victim.output());
        } finally {
            unlinkAll(prefix, 500);
        }
    }
    /**
     * Thousands of races of close, interrupt, a message and a timeout against one blocked or timed call (on a
     * platform thread, and on a virtual thread where the JDK has them), each action at a random instant and
     * close from a third thread: the call always ends, with the message, a timeout, InterruptedException or
     * IpcClosedException and nothing else; no message is lost; an interrupted channel stays usable; a closed
     * one throws IpcClosedException.
     */
    @Test
    void closeInterruptMessageAndTimeoutRacesAlwaysEndTheCallWithAnAllowedOutcome() {
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(90), () -> {
            Random random = new Random(42);
            boolean virtual = io.github.ipc4j.blocking.VirtualThreadsSupport.available();
            java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
            for (int round = 0; round < 1500; round++) {
                seen.merge(race(random, virtual && round % 2 == 1), 1, Integer::sum);
            }
            for (String outcome : new String[] {"message", "timeout", "interrupted", "closed"}) {
                assertTrue(seen.containsKey(outcome), "the races never ended a call by " + outcome + ": " + seen);
            }
        });
    }

    private String race(Random random, boolean virtual) throws Exception {
        String name = names.name();
        SharedMemoryChannel in = SharedMemoryChannel.open(name, ChannelOptions.options().createNew().receiver()
                .capacity(ChannelOptions.MIN_CAPACITY).spin(java.time.Duration.ofNanos(random.nextInt(20_000))));
        SharedMemoryChannel out = SharedMemoryChannel.open(name, ChannelOptions.options().sender());
        try {
            boolean timed = random.nextBoolean();
            long timeoutNanos = random.nextInt(1_000_000);
            ByteBuffer buffer = ByteBuffer.allocate(in.maxMessageSize());
            java.util.concurrent.atomic.AtomicReference<Object> result = new java.util.concurrent.atomic.AtomicReference<>();
            Runnable call = () -> {
                try {
                    result.set(timed ? in.poll(buffer, java.time.Duration.ofNanos(timeoutNanos)) : in.receive(buffer));
                } catch (Throwable t) {
                    result.set(t);
                }
            };
            Thread caller = virtual ? io.github.ipc4j.blocking.VirtualThreadsSupport.start("raced", call)
                    : new Thread(call, "raced");
            if (!virtual) {
                caller.start();
            }
            boolean interrupt = random.nextInt(3) == 0;
            boolean close = random.nextInt(3) == 0;
            boolean send = random.nextInt(3) == 0 || !timed && !interrupt && !close;
            spinFor(random.nextInt(300_000));
            Thread closer = close ? new Thread(in::close, "closer") : null;
            if (closer != null) {
                closer.start();
            }
            if (send) {
                out.send(ByteBuffer.wrap(new byte[] {9}));
            }
            if (interrupt) {
                caller.interrupt();
            }
            caller.join(20_000);
            assertFalse(caller.isAlive(), "the raced call is still blocked 20 s later");
            if (closer != null) {
                closer.join(20_000);
                assertFalse(closer.isAlive(), "close() still runs 20 s later");
            }
            Object r = result.get();
            String outcome;
            if (r instanceof Integer && (Integer) r == 1) {
                assertTrue(send && buffer.get(0) == 9, "a message nobody sent: " + r);
                outcome = "message";
            } else if (r instanceof Integer && (Integer) r == SharedMemoryChannel.NO_MESSAGE) {
                assertTrue(timed, "an untimed receive returned no message");
                outcome = "timeout";
            } else if (r instanceof InterruptedException) {
                assertTrue(interrupt, "InterruptedException without an interrupt");
                outcome = "interrupted";
            } else if (r instanceof io.github.ipc4j.IpcClosedException) {
                assertTrue(close, "IpcClosedException without a close");
                outcome = "closed";
            } else {
                throw new AssertionError("wrong outcome of the raced call", (Throwable) r);
            }
            if (close) {
                assertThrows(io.github.ipc4j.IpcClosedException.class, () -> in.poll(buffer));
            } else {
                buffer.clear();
                if (send && !outcome.equals("message")) {
                    assertEquals(1, in.poll(buffer), "the message sent during the race was lost");
                    buffer.clear();
                }
                out.send(ByteBuffer.wrap(new byte[] {5})); // still usable
                assertEquals(1, in.poll(buffer));
                assertEquals(5, buffer.get(0));
            }
            return outcome;
        } finally {
            in.close();
            out.close();
            SharedMemoryChannel.unlink(name);
        }
    }

    private static void spinFor(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
    }
    @Test
    @org.junit.jupiter.api.Tag("heavy") // a thousand threads in a child JVM: past 120 s under qemu (ci/test-aarch64-jvm.sh)
    void aThousandPlatformThreadsBlockedInReceiveUnderSigpending16AllEnd() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(Path.of("/usr/bin/prlimit")),
                "needs prlimit (util-linux)");
        String prefix = names.name() + "-";
        try (ChildJvm victim = ChildJvm.start(java.util.List.of("/usr/bin/prlimit", "--sigpending=16", "--"),
                java.util.List.of(), ChannelAttackChild.class, "platform", prefix, "1000")) {
            int code = victim.waitFor(120);
            assertEquals(0, code, victim.output());
            assertTrue(victim.output().contains("platform ok"), victim.output());
        } finally {
            unlinkAll(prefix, 1000);
        }
    }

    private static void unlinkAll(String prefix, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            try {
                SharedMemoryChannel.unlink(prefix + i);
            } catch (java.nio.file.NoSuchFileException gone) {
                // the victim removed it
            }
        }
    }
    @Test
    void everyCallThatReadsTheRingThrowsIpcClosedExceptionAfterClose() throws Exception {
        String name = names.name();
        SharedMemoryChannel out = SharedMemoryChannel.open(name, ChannelOptions.options().createNew().sender()
                .capacity(CAPACITY));
        out.send(ByteBuffer.wrap(new byte[10]));
        assertTrue(out.pendingBytes() > 0);
        out.close();
        assertThrows(io.github.ipc4j.IpcClosedException.class, out::pendingBytes);
        assertThrows(io.github.ipc4j.IpcClosedException.class, () -> out.offer(ByteBuffer.allocate(1)));
        assertEquals(CAPACITY, out.capacity(), "what was fixed at open stays readable");
    }
}
