package io.github.ipc4j.aeron;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.MessageChannel;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Aeron channel between two JVMs over UDP on 127.0.0.1, each with its own embedded media driver:
 * ipc4j.aeron.messages messages (default 1,000,000) of random sizes, none lost, duplicated or reordered.
 */
class AeronChannelProcessesTest {
    private static final long MESSAGES = Long.getLong("ipc4j.aeron.messages", 1_000_000);

    @Test
    void aMillionMessagesCrossUdpBetweenTwoJvmsInOrderAndIntact() throws Exception {
        Path dirs = Files.createTempDirectory(Path.of("/dev/shm").toFile().isDirectory() ? Path.of("/dev/shm")
                : Path.of(System.getProperty("java.io.tmpdir")), "ipc4j-aeron-test");
        String data = "aeron:udp?endpoint=127.0.0.1:" + freePort();
        String ack = "aeron:udp?endpoint=127.0.0.1:" + freePort();
        long seed = ThreadLocalRandom.current().nextLong();
        int stream = 10;
        Process child = null;
        try (AeronChannel in = AeronChannel.open(data, stream,
                AeronChannelOptions.options().receiver().aeronDirectory(dirs.resolve("parent").toString())
                        .maxMessageSize(AeronSender.MAX));
             AeronChannel done = AeronChannel.open(ack, stream,
                     AeronChannelOptions.options().sender().aeronDirectory(dirs.resolve("parent").toString()))) {
            child = startChild(data, ack, stream, seed, dirs.resolve("child").toString());
            int max = in.maxMessageSize();
            ByteBuffer got = ByteBuffer.allocateDirect(max);
            ByteBuffer expected = ByteBuffer.allocateDirect(max);
            long start = System.nanoTime();
            for (long seq = 0; seq < MESSAGES; seq++) {
                if (in.poll(got.clear(), Duration.ofSeconds(60)) < 0) {
                    fail("message " + seq + " did not come in 60 s; child alive: " + child.isAlive());
                }
                AeronSender.fill(expected, seed, seq, max);
                got.flip();
                if (!got.equals(expected)) {
                    fail("message " + seq + ": " + got.remaining() + " bytes, expected " + expected.remaining()
                            + (got.remaining() >= 8 ? " (it carries sequence number " + got.getLong(0) + ")" : ""));
                }
            }
            assertEquals(MessageChannel.NO_MESSAGE, in.poll(got.clear(), Duration.ofMillis(200)));
            done.send(ByteBuffer.allocate(1));
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the sender finished");
            assertEquals(0, child.exitValue(), new String(child.getInputStream().readAllBytes()));
            System.out.printf("%,d messages (1 to %d bytes) over UDP in %.1f s%n", MESSAGES, max,
                    (System.nanoTime() - start) / 1e9);
        } finally {
            if (child != null) {
                child.destroyForcibly();
            }
            delete(dirs);
        }
    }

    @Test
    void closeEndsABlockedReceiveAndAnInterruptToo() throws Exception {
        Path dir = Files.createTempDirectory("ipc4j-aeron-test");
        try (AeronChannel in = AeronChannel.open("aeron:ipc", 20,
                AeronChannelOptions.options().receiver().aeronDirectory(dir.resolve("d").toString()))) {
            CompletableFuture<Object> interrupted = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    interrupted.complete(in.receive(ByteBuffer.allocate(10)));
                } catch (Exception e) {
                    interrupted.complete(e);
                }
            });
            t.start();
            Thread.sleep(200);
            t.interrupt();
            assertInstanceOf(InterruptedException.class, interrupted.get(10, TimeUnit.SECONDS));

            CompletableFuture<Object> closed = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.receive(ByteBuffer.allocate(10));
                } catch (Exception e) {
                    return e;
                }
            });
            Thread.sleep(200);
            in.close();
            Object outcome = closed.get(10, TimeUnit.SECONDS);
            assertInstanceOf(IpcClosedException.class, outcome);
            assertThrows(IpcClosedException.class, () -> in.poll(ByteBuffer.allocate(10)));
        } finally {
            delete(dir);
        }
    }

    @Test
    void messagesPassOnOneMachineOverIpcAndBadInputIsRefused() throws Exception {
        Path dir = Files.createTempDirectory("ipc4j-aeron-test");
        String d = dir.resolve("d").toString();
        try (AeronChannel in = AeronChannel.open("aeron:ipc", 30, AeronChannelOptions.options().receiver().aeronDirectory(d));
             AeronChannel out = AeronChannel.open("aeron:ipc", 30, AeronChannelOptions.options().sender().aeronDirectory(d)
                     .maxMessageSize(1000))) {
            assertThrows(IllegalArgumentException.class, () -> out.offer(ByteBuffer.allocate(1001)));
            assertThrows(IllegalStateException.class, () -> out.poll(ByteBuffer.allocate(10)));
            assertThrows(IllegalArgumentException.class, () -> AeronChannel.open("aeron:ipc", 30,
                    AeronChannelOptions.options()));
            out.send(new byte[] {1, 2, 3});
            out.send(new byte[0]);
            out.send(ByteBuffer.allocate(500));
            assertEquals(3, in.receive(ByteBuffer.allocate(10)));
            assertEquals(0, in.receive(ByteBuffer.allocate(10)));
            IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                    () -> in.poll(ByteBuffer.allocate(10), Duration.ofSeconds(5)));
            assertTrue(small.getMessage().contains("stays in the channel"), small.getMessage());
            assertEquals(500, in.poll(ByteBuffer.allocate(500), Duration.ofSeconds(5)), "the message stayed");
        } finally {
            delete(dir);
        }
    }

    private static Process startChild(String data, String ack, int stream, long seed, String dir) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String flags = System.getProperty("ipc4j.aeron.test.jvmFlags", "").trim();
        if (!flags.isEmpty()) {
            command.addAll(Arrays.asList(flags.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AeronSender.class.getName(), data, ack,
                Integer.toString(stream), Long.toString(MESSAGES), Long.toString(seed), dir));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(
                ProcessBuilder.Redirect.appendTo(new File(dir + ".log"))).start();
    }

    private static int freePort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
