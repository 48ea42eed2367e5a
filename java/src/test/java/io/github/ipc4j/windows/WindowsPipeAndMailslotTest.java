package io.github.ipc4j.windows;

import io.github.ipc4j.IpcClosedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Named pipes and mailslots on real Windows, across two JVMs where it matters. */
@EnabledOnOs(OS.WINDOWS)
class WindowsPipeAndMailslotTest {
    private static String unique(String kind) {
        return "\\\\.\\" + kind + "\\ipc4j-test-" + UUID.randomUUID();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void messagesKeepTheirBoundariesAndATooSmallBufferLosesNothing() throws Exception {
        String name = unique("pipe");
        try (WindowsNamedPipeServer server = WindowsNamedPipeServer.create(name,
                NamedPipeOptions.options().messageMode(true))) {
            assertThrows(FileAlreadyExistsException.class, () -> WindowsNamedPipeServer.create(name));
            try (WindowsNamedPipe client = WindowsNamedPipeClient.connect(name, Duration.ofSeconds(10)).orElseThrow();
                 WindowsNamedPipe served = server.accept(Duration.ofSeconds(10)).orElseThrow()) {
                assertTrue(client.isMessageMode() && served.isServerEnd());
                assertEquals(ProcessHandle.current().pid(), served.peerProcessId());
                client.write(ByteBuffer.wrap(bytes("first message")));
                client.write(ByteBuffer.wrap(bytes("second")));
                ByteBuffer small = ByteBuffer.allocate(4);
                MessageTooLargeException e = assertThrows(MessageTooLargeException.class,
                        () -> served.readMessage(small));
                assertEquals(13, e.messageSize());
                assertEquals(0, small.position());
                ByteBuffer big = ByteBuffer.allocateDirect(64);
                assertEquals(13, served.readMessage(big));
                assertEquals(6, served.readMessage(big));
                assertEquals(WindowsNamedPipe.NO_MESSAGE, served.readMessage(big, Duration.ofMillis(50)));
            }
        }
    }

    /** Issue 11: the channel methods keep the NIO contract; readMessage's end of stream is END_OF_STREAM. */
    @Test
    void channelMethodsKeepTheNioContract() throws Exception {
        String name = unique("pipe");
        try (WindowsNamedPipeServer server = WindowsNamedPipeServer.create(name,
                NamedPipeOptions.options().messageMode(true))) {
            WindowsNamedPipe client = WindowsNamedPipeClient.connect(name, Duration.ofSeconds(10)).orElseThrow();
            try (WindowsNamedPipe served = server.accept(Duration.ofSeconds(10)).orElseThrow()) {
                boolean[] flagAfter = new boolean[1];
                CompletableFuture<Object> blocked = CompletableFuture.supplyAsync(() -> {
                    try {
                        return served.read(ByteBuffer.allocate(8));
                    } catch (Exception e) {
                        flagAfter[0] = Thread.currentThread().isInterrupted();
                        return e;
                    }
                }, runnable -> new Thread(runnable, "pipe-read-intr").start());
                Thread reader = awaitThread("pipe-read-intr");
                sleep(200);
                reader.interrupt();
                assertTrue(blocked.get(30, TimeUnit.SECONDS) instanceof ClosedByInterruptException);
                assertTrue(flagAfter[0], "the interrupt status is set again");
                assertFalse(served.isOpen(), "an interrupt closes the pipe");
                assertThrows(ClosedChannelException.class, () -> served.read(ByteBuffer.allocate(8)));
                assertThrows(ClosedChannelException.class, () -> served.write(ByteBuffer.allocate(8)));
                ByteBuffer in = ByteBuffer.allocate(8);
                assertEquals(WindowsNamedPipe.END_OF_STREAM, client.readMessage(in, Duration.ofSeconds(10)),
                        "the server end closed");
            } finally {
                client.close();
            }
            assertThrows(ClosedChannelException.class, () -> client.write(ByteBuffer.allocate(1)));
        }
        String slotName = unique("mailslot");
        try (Mailslot slot = Mailslot.create(slotName)) {
            MailslotClient writer = MailslotClient.open(slotName);
            writer.close();
            assertThrows(ClosedChannelException.class, () -> writer.write(ByteBuffer.allocate(1)));
        }
    }

    private static Thread awaitThread(String name) {
        for (;;) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals(name)) {
                    return t;
                }
            }
            sleep(10);
        }
    }

    @Test
    void acceptTimesOutAndCloseOrInterruptEndsBlockedCalls() throws Exception {
        String name = unique("pipe");
        WindowsNamedPipeServer server = WindowsNamedPipeServer.create(name);
        assertEquals(Optional.empty(), server.accept(Duration.ofMillis(50)));
        Thread self = Thread.currentThread();
        CompletableFuture<Void> interrupter = CompletableFuture.runAsync(() -> {
            sleep(100);
            self.interrupt();
        });
        assertThrows(InterruptedException.class, server::accept);
        interrupter.join();
        CompletableFuture.runAsync(() -> {
            sleep(100);
            server.close();
        });
        IpcClosedException closed = assertThrows(IpcClosedException.class, server::accept);
        assertTrue(closed.closedWhileBlocked());
        assertThrows(IpcClosedException.class, () -> server.accept(Duration.ZERO));
        assertThrows(NoSuchFileException.class, () -> WindowsNamedPipeClient.connect(name, Duration.ofMillis(50)));
    }

    @Test
    void aSecondJvmStreamsThroughThePipeAndEndOfStreamFollows() throws Exception {
        String name = unique("pipe");
        try (WindowsNamedPipeServer server = WindowsNamedPipeServer.create(name)) {
            Process peer = startPeer("pipe", name);
            try (WindowsNamedPipe served = server.accept(Duration.ofSeconds(60)).orElseThrow();
                 DataInputStream in = new DataInputStream(served.inputStream())) {
                DataOutputStream out = new DataOutputStream(served.outputStream());
                long sum = 0;
                for (int i = 0; i < 10_000; i++) {
                    sum += in.readInt();
                }
                out.writeLong(sum);
                assertEquals(-1, in.read(), "the peer closed its end");
            } finally {
                assertTrue(peer.waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, peer.exitValue(), output(peer));
            }
        }
    }

    @Test
    void mailslotMessagesFromASecondJvmArriveWhole() throws Exception {
        String name = unique("mailslot");
        try (Mailslot slot = Mailslot.create(name, MailslotOptions.options().maxMessageSize(512)
                .readTimeout(Duration.ofSeconds(60)))) {
            assertThrows(FileAlreadyExistsException.class, () -> Mailslot.create(name));
            Process peer = startPeer("mailslot", name);
            ByteBuffer buffer = ByteBuffer.allocate(512);
            for (int i = 0; i < 100; i++) {
                buffer.clear();
                int n = slot.receive(buffer);
                assertEquals("message " + i, new String(buffer.array(), 0, n, StandardCharsets.UTF_8));
            }
            assertTrue(peer.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, peer.exitValue(), output(peer));
        }
    }

    @Test
    void mailslotReadsKeepTooLongMessagesAndEndOnClose() throws Exception {
        String name = unique("mailslot");
        Mailslot slot = Mailslot.create(name, MailslotOptions.options().readTimeout(Duration.ofMillis(50)));
        try (MailslotClient client = MailslotClient.open(name)) {
            assertFalse(client.isBroadcast());
            client.send(bytes("0123456789"));
            assertEquals(10, slot.nextMessageSize());
            assertEquals(1, slot.messageCount());
            MessageTooLargeException e = assertThrows(MessageTooLargeException.class,
                    () -> slot.receive(ByteBuffer.allocate(4)));
            assertEquals(10, e.messageSize());
            assertArrayEquals(bytes("0123456789"), slot.receive().orElseThrow());
            assertEquals(Mailslot.NO_MESSAGE, slot.receive(ByteBuffer.allocate(16)));
            slot.setReadTimeoutForever();
            assertEquals(Optional.empty(), slot.readTimeout());
            CompletableFuture.runAsync(() -> {
                sleep(100);
                slot.close();
            });
            assertThrows(IpcClosedException.class, () -> slot.receive(ByteBuffer.allocate(16)));
            assertThrows(IpcClosedException.class, slot::nextMessageSize);
        }
        assertThrows(NoSuchFileException.class, () -> MailslotClient.open(name));
    }

    // ---- the second JVM ------------------------------------------------------------------------------

    private static Process startPeer(String kind, String name) throws Exception {
        return new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Peer.class.getName(), kind, name)
                .redirectErrorStream(true).start();
    }

    private static String output(Process process) throws Exception {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            StringBuilder sb = new StringBuilder();
            reader.lines().forEach(line -> sb.append(line).append('\n'));
            return sb.toString();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** pipe NAME: sends 10,000 ints, checks the sum sent back. mailslot NAME: writes 100 messages. */
    public static final class Peer {
        public static void main(String[] args) throws Exception {
            if (args[0].equals("pipe")) {
                try (WindowsNamedPipe pipe = WindowsNamedPipeClient.connect(args[1], Duration.ofSeconds(30))
                        .orElseThrow()) {
                    DataOutputStream out = new DataOutputStream(pipe.outputStream());
                    long sum = 0;
                    for (int i = 0; i < 10_000; i++) {
                        out.writeInt(i);
                        sum += i;
                    }
                    out.flush();
                    long echoed = new DataInputStream(pipe.inputStream()).readLong();
                    if (echoed != sum) {
                        throw new AssertionError("sum " + echoed + " != " + sum);
                    }
                }
            } else {
                try (MailslotClient client = MailslotClient.open(args[1])) {
                    for (int i = 0; i < 100; i++) {
                        client.send(bytes("message " + i));
                    }
                }
            }
        }
    }
}
