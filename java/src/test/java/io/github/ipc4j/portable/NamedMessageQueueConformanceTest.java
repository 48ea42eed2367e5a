package io.github.ipc4j.portable;

import io.github.ipc4j.Feature;
import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.Platform;
import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one conformance suite of NamedMessageQueue, run against every backend this machine has (on Linux:
 * the POSIX mq backend and the shared-memory queue that macOS and Windows use), across two JVMs.
 */
class NamedMessageQueueConformanceTest {
    private final List<String> names = new ArrayList<>();
    private NamedMessageQueue.Backend backendInUse;

    static List<NamedMessageQueue.Backend> backends() {
        List<NamedMessageQueue.Backend> all = new ArrayList<>();
        if (Platform.supports(Feature.POSIX_MESSAGE_QUEUE)) {
            all.add(NamedMessageQueue.Backend.POSIX_MQ);
        }
        all.add(NamedMessageQueue.Backend.SHARED_MEMORY);
        return all;
    }

    static String unique() {
        return String.format("t%d-%08x", ProcessHandle.current().pid() % 100000, ThreadLocalRandom.current().nextInt());
    }

    private String name(NamedMessageQueue.Backend backend) {
        backendInUse = backend;
        String name = unique();
        names.add(name);
        return name;
    }

    private static NamedQueueOptions create(NamedMessageQueue.Backend backend) {
        return NamedQueueOptions.options().createNew().backend(backend);
    }

    @AfterEach
    void removeQueues() throws Exception {
        for (String name : names) {
            NamedMessageQueue.remove(name, backendInUse);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void messagesGoToAnotherJvmAndBackInOrderWithTheirBoundaries(NamedMessageQueue.Backend backend) throws Exception {
        String out = name(backend);
        String back = name(backend);
        int count = 500;
        try (NamedMessageQueue q = NamedMessageQueue.open(out, create(backend).capacity(8).messageSize(200));
             NamedMessageQueue r = NamedMessageQueue.open(back, create(backend).capacity(8).messageSize(200))) {
            assertTrue(q.created() && q.backend() == backend);
            assertEquals(200, q.messageSize());
            assertEquals(8, q.capacity());
            ChildJvm child = ChildJvm.start(PortableChild.class, "echo", backend.name(), out, back,
                    String.valueOf(count));
            try {
                child.awaitOutput("ready", 60);
                ByteBuffer received = ByteBuffer.allocateDirect(200);
                CompletableFuture<Object> sender = Threads.onThread("sender", () -> {
                    for (int i = 0; i < count; i++) {
                        q.send(message(i));
                    }
                    return null;
                });
                for (int i = 0; i < count; i++) {
                    received.clear();
                    int length = r.receive(received);
                    byte[] got = new byte[length];
                    received.flip().get(got);
                    assertArrayEquals(message(i), got, "message " + i);
                }
                assertEquals(null, sender.get(60, TimeUnit.SECONDS));
                child.assertSuccess(60);
            } finally {
                child.close();
            }
        }
    }

    private static byte[] message(int i) {
        byte[] m = new byte[i % 200];
        for (int j = 0; j < m.length; j++) {
            m[j] = (byte) (i * 31 + j);
        }
        return m;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void everyMessageArrivesOnceFrom8ThreadsIn2Processes(NamedMessageQueue.Backend backend) throws Exception {
        String name = name(backend);
        int threads = 8;
        int per = 500;
        try (NamedMessageQueue q = NamedMessageQueue.open(name, create(backend).capacity(10).messageSize(8))) {
            ChildJvm child = ChildJvm.start(PortableChild.class, "produce", backend.name(), name,
                    String.valueOf(threads), String.valueOf(per), String.valueOf(threads * per));
            try {
                CompletableFuture<Object> producers = Threads.onThread("producers", () -> {
                    PortableChild.produce(backend, name, threads, per, 0);
                    return null;
                });
                BitSet seen = new BitSet();
                List<int[]> duplicates = new ArrayList<>();
                PortableChild.runThreads(threads, t -> {
                    ByteBuffer in = ByteBuffer.allocate(8);
                    for (int i = 0; i < 2 * per; i++) {
                        in.clear();
                        assertEquals(8, q.receive(in));
                        int id = in.getInt(0);
                        synchronized (seen) {
                            if (seen.get(id)) {
                                duplicates.add(new int[] {id});
                            }
                            seen.set(id);
                        }
                    }
                });
                assertEquals(null, producers.get(60, TimeUnit.SECONDS));
                child.assertSuccess(60);
                assertTrue(duplicates.isEmpty(), duplicates.size() + " messages arrived twice");
                assertEquals(2 * threads * per, seen.cardinality(), "every message arrived");
                assertEquals(NamedMessageQueue.NO_MESSAGE, q.poll(ByteBuffer.allocate(8)), "and nothing more");
            } finally {
                child.close();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void fullAndEmptyQueuesAnswerAtOnceOrAfterTheTimeout(NamedMessageQueue.Backend backend) throws Exception {
        try (NamedMessageQueue q = NamedMessageQueue.open(name(backend), create(backend).capacity(2).messageSize(16))) {
            ByteBuffer in = ByteBuffer.allocate(32);
            assertEquals(NamedMessageQueue.NO_MESSAGE, q.poll(in));
            assertEquals(NamedMessageQueue.NO_MESSAGE, q.poll(in, Duration.ofMillis(30)));
            assertTrue(q.offer(ByteBuffer.wrap(new byte[] {1})));
            assertTrue(q.offer(ByteBuffer.wrap(new byte[] {2, 2}), Duration.ofMillis(30)));
            ByteBuffer third = ByteBuffer.wrap(new byte[] {3});
            assertFalse(q.offer(third));
            assertFalse(q.offer(third, Duration.ofMillis(30)));
            assertEquals(0, third.position(), "a message not sent is untouched");
            assertEquals(1, q.poll(in));
            assertEquals(2, q.poll(in, Duration.ofSeconds(5)));
            assertEquals(3, in.position());
            in.flip();
            assertEquals(1, in.get());
            assertEquals(2, in.get());
            q.send(new byte[0]);
            in.clear();
            assertEquals(0, q.receive(in), "an empty message is a message");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void interruptAndCloseCutBlockedCallsShortAndNothingIsLost(NamedMessageQueue.Backend backend) throws Exception {
        String name = name(backend);
        NamedMessageQueue q = NamedMessageQueue.open(name, create(backend).capacity(1).messageSize(16));
        // a second handle keeps the queue on Windows, where objects go with their last handle
        NamedMessageQueue again = NamedMessageQueue.open(name, NamedQueueOptions.options().backend(backend));
        CompletableFuture<Object> receiver = Threads.onThread("q-receiver", () -> q.receive(ByteBuffer.allocate(16)));
        Thread.sleep(100);
        Threads.named("q-receiver").interrupt();
        assertInstanceOf(InterruptedException.class, receiver.get(30, TimeUnit.SECONDS));
        q.send(new byte[] {7});
        ByteBuffer in = ByteBuffer.allocate(16);
        assertEquals(1, q.poll(in), "the interrupted receive took nothing; the queue still works");
        q.send(new byte[] {8}); // full now
        CompletableFuture<Object> sender = Threads.onThread("q-sender", () -> {
            q.send(new byte[] {9});
            return "sent";
        });
        Thread.sleep(100);
        q.close();
        assertInstanceOf(IpcClosedException.class, sender.get(30, TimeUnit.SECONDS));
        assertThrows(IpcClosedException.class, () -> q.poll(ByteBuffer.allocate(16)));
        try (again) {
            in.clear();
            assertEquals(1, again.poll(in));
            assertEquals(8, in.get(0));
            in.clear();
            assertEquals(NamedMessageQueue.NO_MESSAGE, again.poll(in), "the closed-out send sent nothing");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void closingAHandleInTheMiddleOfTrafficLeavesTheQueueWhole(NamedMessageQueue.Backend backend) throws Exception {
        String name = name(backend);
        NamedMessageQueue q = NamedMessageQueue.open(name, create(backend).capacity(4).messageSize(8));
        try (NamedMessageQueue other = NamedMessageQueue.open(name, NamedQueueOptions.options().backend(backend))) {
            List<CompletableFuture<Object>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                boolean sender = t % 2 == 0;
                workers.add(Threads.onThread("traffic-" + t, () -> {
                    ByteBuffer buffer = ByteBuffer.allocate(8);
                    for (;;) {
                        buffer.clear();
                        if (sender) {
                            buffer.limit(1);
                            q.send(buffer);
                        } else {
                            q.receive(buffer);
                        }
                    }
                }));
            }
            Thread.sleep(300);
            q.close();
            for (CompletableFuture<Object> worker : workers) {
                assertInstanceOf(IpcClosedException.class, worker.get(30, TimeUnit.SECONDS));
            }
            ByteBuffer in = ByteBuffer.allocate(8);
            while (other.poll(in.clear()) != NamedMessageQueue.NO_MESSAGE) {
                assertEquals(1, in.position(), "every message left is whole");
            }
            for (int i = 0; i < 4; i++) {
                assertTrue(other.offer(ByteBuffer.wrap(new byte[] {(byte) i})), "slot " + i + " is free");
            }
            assertFalse(other.offer(ByteBuffer.wrap(new byte[] {9})), "and the capacity is what it was");
            for (int i = 0; i < 4; i++) {
                assertEquals(1, other.poll(in.clear(), Duration.ofSeconds(10)));
                assertEquals(i, in.get(0), "in order");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void badNamesSizesAndModesAreRefusedBeforeAnythingHappens(NamedMessageQueue.Backend backend) throws Exception {
        for (String bad : new String[] {"", "a.b", "/orders", "-x", "has space", "x".repeat(25), "tab\t"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NamedMessageQueue.open(bad, create(backend)));
            assertTrue(e.getMessage().contains("portable names are 1 to 24 characters"), e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> NamedMessageQueue.open(null, create(backend)));
        assertThrows(IllegalArgumentException.class, () -> NamedQueueOptions.options().capacity(0));
        assertThrows(IllegalArgumentException.class, () -> NamedQueueOptions.options().messageSize(0));
        String name = name(backend);
        assertThrows(NoSuchFileException.class, () -> NamedMessageQueue.open(name,
                NamedQueueOptions.options().backend(backend)));
        try (NamedMessageQueue q = NamedMessageQueue.open(name, create(backend).capacity(2).messageSize(8))) {
            assertThrows(FileAlreadyExistsException.class, () -> NamedMessageQueue.open(name, create(backend)));
            try (NamedMessageQueue other = NamedMessageQueue.open(name,
                    NamedQueueOptions.options().openOrCreate().backend(backend).messageSize(100))) {
                assertFalse(other.created());
                assertEquals(8, other.messageSize(), "an opened queue keeps its own message size");
            }
            IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                    () -> q.send(new byte[9]));
            assertTrue(big.getMessage().contains("exceeds the message size"), big.getMessage());
            q.send(new byte[] {1});
            assertThrows(IllegalArgumentException.class, () -> q.receive(ByteBuffer.allocate(7)));
            assertEquals(1, q.poll(ByteBuffer.allocate(8)), "the refused receive took nothing");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void createdQueuesAreForTheCurrentUserOnly(NamedMessageQueue.Backend backend) throws Exception {
        String name = name(backend);
        try (NamedMessageQueue q = NamedMessageQueue.open(name, create(backend))) {
            for (java.nio.file.Path file : PortableFiles.of(backend, name)) {
                PortableFiles.assertOwnerOnly(file);
            }
            if (backend == NamedMessageQueue.Backend.SHARED_MEMORY) {
                PortableFiles.assertWindowsCurrentUserOnly(name + ShmQueueEngine.FREE, name + ShmQueueEngine.MEMORY);
            }
        }
    }
}
