package io.github.ipc4j.pipe;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.Threads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FIFOs in one process: opening rules, end of stream, close and interrupt, bad input, modes. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class FifoTest {
    @TempDir
    Path dir;

    private Path fifo(String name) throws Exception {
        Path p = dir.resolve(name);
        Fifo.create(p);
        return p;
    }

    @Test
    void writesAreReadInOrderAndEndOfStreamComesWhenWritersClose() throws Exception {
        Path p = fifo("basic");
        try (FifoReader r = Fifo.openReader(p)) {
            assertEquals(0, r.read(ByteBuffer.allocate(8), Duration.ofMillis(50)), "no writer yet: no data, no EOF");
            try (FifoWriter w = Fifo.openWriterNow(p)) {
                w.write(ByteBuffer.wrap("hello ".getBytes()));
                w.outputStream().write("world".getBytes());
            }
            byte[] all = r.inputStream().readAllBytes();
            assertEquals("hello world", new String(all));
            assertEquals(-1, r.read(ByteBuffer.allocate(8)));
            assertTrue(r.isOpen());
        }
    }

    /**
     * A direct-buffer read takes data that is there and waits inside read(2) for data that is not: bytes
     * arrive whole and in order either way, and end of stream comes last.
     */
    @Test
    void directReadsTakeWhatIsThereAndWaitForWhatIsNot() throws Exception {
        Path p = fifo("mixed");
        int count = 2000;
        try (FifoReader r = Fifo.openReader(p)) {
            FifoWriter w = Fifo.openWriterNow(p);
            CompletableFuture<Object> writer = Threads.onThread("fifo-mixed-writer", () -> {
                try (w) {
                    ByteBuffer out = ByteBuffer.allocateDirect(4);
                    for (int i = 0; i < count; i++) {
                        w.write(out.clear().putInt(i).flip());
                        if (i % 97 == 0) {
                            Thread.sleep(2); // the reader finds the pipe empty and waits
                        }
                    }
                }
                return "done";
            });
            ByteBuffer in = ByteBuffer.allocateDirect(4);
            for (int i = 0; i < count; i++) {
                in.clear();
                while (in.hasRemaining()) {
                    assertTrue(r.read(in) > 0, "data before end of stream");
                }
                assertEquals(i, in.flip().getInt());
            }
            assertEquals("done", writer.get(10, TimeUnit.SECONDS));
            assertEquals(-1, r.read(in.clear()));
        }
    }

    @Test
    void openingForWriteWithoutAReader() throws Exception {
        Path p = fifo("noreader");
        long start = System.nanoTime();
        Optional<FifoWriter> none = Fifo.openWriter(p, Duration.ofMillis(200));
        assertTrue(none.isEmpty(), "timed open times out");
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200));

        IpcException now = assertThrows(IpcException.class, () -> Fifo.openWriterNow(p));
        assertEquals("ENXIO", now.errnoName());
        assertTrue(now.getMessage().contains("no process has the FIFO open for reading"), now.getMessage());

        CompletableFuture<Object> blocked = Threads.onThread("fifo-open-blocked", () -> Fifo.openWriter(p));
        Thread.sleep(100);
        Threads.named("fifo-open-blocked").interrupt();
        assertInstanceOf(InterruptedException.class, blocked.get(5, TimeUnit.SECONDS));

        CompletableFuture<Object> waiting = Threads.onThread("fifo-open-waits", () -> Fifo.openWriter(p));
        Thread.sleep(50);
        try (FifoReader r = Fifo.openReader(p); FifoWriter w = (FifoWriter) waiting.get(5, TimeUnit.SECONDS)) {
            w.write(ByteBuffer.wrap(new byte[] {7}));
            ByteBuffer b = ByteBuffer.allocateDirect(4);
            assertEquals(1, r.read(b));
            assertEquals(7, b.get(0));
        }
    }

    @Test
    void anInterruptedReadClosesTheEndAsInterruptibleChannelSays() throws Exception {
        Path p = fifo("blocked");
        FifoReader r = Fifo.openReader(p);
        try (FifoWriter w = Fifo.openWriterNow(p)) {
            boolean[] flagAfter = new boolean[1];
            CompletableFuture<Object> interrupted = Threads.onThread("fifo-read-intr", () -> {
                try {
                    return r.read(ByteBuffer.allocate(8));
                } finally {
                    flagAfter[0] = Thread.currentThread().isInterrupted();
                }
            });
            Threads.awaitBlockedIn("fifo-read-intr", "waitFd");
            Threads.named("fifo-read-intr").interrupt();
            assertInstanceOf(ClosedByInterruptException.class, interrupted.get(5, TimeUnit.SECONDS));
            assertTrue(flagAfter[0], "the thread's interrupt status is set again");
            assertFalse(r.isOpen(), "an interrupt closes the channel");
            assertThrows(ClosedChannelException.class, () -> r.read(ByteBuffer.allocate(8)));
            // the descriptor really is closed: with no reader left, the writer gets a broken pipe
            IpcException broken = assertThrows(IpcException.class, () -> w.write(ByteBuffer.wrap(new byte[] {1})));
            assertEquals("EPIPE", broken.errnoName());
        }
    }

    @Test
    void closeWhileBlockedInReadIsAnAsynchronousClose() throws Exception {
        Path p = fifo("closed");
        FifoReader r = Fifo.openReader(p);
        try (FifoWriter w = Fifo.openWriterNow(p)) {
            w.write(ByteBuffer.wrap(new byte[] {1}));
            assertEquals(1, r.read(ByteBuffer.allocate(8)));
            CompletableFuture<Object> closed = Threads.onThread("fifo-read-close", () -> r.read(ByteBuffer.allocate(8)));
            Threads.awaitBlockedIn("fifo-read-close", "waitFd");
            r.close();
            AsynchronousCloseException e = assertInstanceOf(AsynchronousCloseException.class,
                    closed.get(5, TimeUnit.SECONDS));
            assertTrue(((IpcClosedException) e.getCause()).closedWhileBlocked());
        }
        ClosedChannelException after = assertThrows(ClosedChannelException.class, () -> r.read(ByteBuffer.allocate(8)));
        assertFalse(after instanceof AsynchronousCloseException, "a read after close is not an asynchronous close");
        assertThrows(ClosedChannelException.class, () -> r.read(ByteBuffer.allocate(8), Duration.ofSeconds(1)));
        assertThrows(ClosedChannelException.class, () -> r.read(ByteBuffer.allocate(8), 1, TimeUnit.SECONDS));
        r.close(); // idempotent
    }

    @Test
    void aBlockedWriteIsInterruptedClosedAndItsBufferSaysHowMuchWasWritten() throws Exception {
        Path p = fifo("full");
        try (FifoReader r = Fifo.openReader(p)) {
            FifoWriter w = Fifo.openWriterNow(p);
            ByteBuffer big = ByteBuffer.allocateDirect(4 << 20); // more than the pipe holds
            CompletableFuture<Object> write = Threads.onThread("fifo-write-intr", () -> w.write(big));
            Threads.awaitBlockedIn("fifo-write-intr", "waitFd");
            Threads.named("fifo-write-intr").interrupt();
            assertInstanceOf(ClosedByInterruptException.class, write.get(5, TimeUnit.SECONDS));
            assertTrue(big.position() > 0 && big.position() < big.capacity(), "" + big.position());
            assertFalse(w.isOpen(), "an interrupt closes the channel");
            assertThrows(ClosedChannelException.class, () -> w.write(ByteBuffer.allocate(1)));
            // the reader drains what was written, then sees end of stream: the only writer is closed
            ByteBuffer in = ByteBuffer.allocateDirect(1 << 16);
            long total = 0;
            for (int n; (n = r.read(in.clear())) != -1; ) {
                total += n;
            }
            assertEquals(big.position(), total, "what the buffer says was written is what arrived");
        }
    }

    @Test
    void aWriteBlockedWhenAnotherThreadClosesIsAnAsynchronousClose() throws Exception {
        Path p = fifo("wclose");
        try (FifoReader r = Fifo.openReader(p)) {
            FifoWriter w = Fifo.openWriterNow(p);
            CompletableFuture<Object> write = Threads.onThread("fifo-write-close",
                    () -> w.write(ByteBuffer.allocateDirect(4 << 20)));
            Threads.awaitBlockedIn("fifo-write-close", "waitFd");
            w.close();
            assertInstanceOf(AsynchronousCloseException.class, write.get(5, TimeUnit.SECONDS));
            assertThrows(ClosedChannelException.class, () -> w.write(ByteBuffer.allocate(1)));
        }
    }

    /**
     * After the pipe was found full once, a write waits inside write(2) on the end's blocking description: an
     * interrupt there closes the end (the buffer says what was written, and that is what arrives), and so does
     * a close from another thread.
     */
    @Test
    void aWriteWaitingInsideWriteIsInterruptedOrClosed() throws Exception {
        for (boolean interrupt : new boolean[] {true, false}) {
            Path p = fifo("winside-" + interrupt);
            try (FifoReader r = Fifo.openReader(p)) {
                FifoWriter w = Fifo.openWriterNow(p);
                ByteBuffer big = ByteBuffer.allocateDirect(4 << 20);
                String name = "fifo-write-inside-" + interrupt;
                CompletableFuture<Object> write = Threads.onThread(name, () -> w.write(big));
                Threads.awaitBlockedIn(name, "waitFd"); // the try found the pipe full: the next writes wait inside
                ByteBuffer in = ByteBuffer.allocateDirect(1 << 16);
                long total = r.read(in);
                Threads.awaitBlockedIn(name, "writeDirectWaiting");
                if (interrupt) {
                    Threads.named(name).interrupt();
                    assertInstanceOf(ClosedByInterruptException.class, write.get(5, TimeUnit.SECONDS));
                } else {
                    w.close();
                    assertInstanceOf(AsynchronousCloseException.class, write.get(5, TimeUnit.SECONDS));
                }
                assertFalse(w.isOpen());
                assertThrows(ClosedChannelException.class, () -> w.write(ByteBuffer.allocate(1)));
                for (int n; (n = r.read(in.clear())) != -1; ) {
                    total += n;
                }
                assertEquals(big.position(), total, "what the buffer says was written is what arrived");
            }
        }
    }

    /** A read end holds two descriptors of the FIFO (one in blocking mode for waiting reads): close gives both back. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void closedEndsLeaveNoDescriptorBehind() throws Exception {
        Path p = fifo("fds");
        long before = openDescriptors();
        for (int i = 0; i < 300; i++) {
            try (FifoReader r = Fifo.openReader(p); FifoWriter w = Fifo.openWriterNow(p)) {
                assertTrue(r.isOpen() && w.isOpen());
            }
        }
        long after = openDescriptors();
        assertTrue(after - before < 100, "descriptors before " + before + ", after 300 readers and writers " + after);
    }

    private static long openDescriptors() throws Exception {
        try (var fds = Files.list(Paths.get("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /**
     * Opens the FIFO args[0] for reading in another process, reads the writer's first byte, blocks in a second
     * read, and interrupts that read from another thread: prints what the read threw, whether the end is open and the interrupt status.
     */
    public static final class InterruptedReader {
        public static void main(String[] args) throws Exception {
            FifoReader r = Fifo.openReader(Paths.get(args[0]));
            Thread reader = Thread.currentThread();
            Thread interrupter = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
                reader.interrupt();
            });
            System.out.println("reading");
            r.read(ByteBuffer.allocate(8)); // the writer's first byte: a writer is there now
            interrupter.start();
            try {
                r.read(ByteBuffer.allocate(8));
                System.out.println("no exception");
            } catch (java.io.IOException e) {
                System.out.println("threw " + e.getClass().getSimpleName() + " open=" + r.isOpen() + " interrupted="
                        + Thread.interrupted());
            }
            interrupter.join();
            Thread.sleep(60_000); // stays alive: the descriptor is closed by the interrupt, not by this exit
        }
    }

    @Test
    void anInterruptInAnotherProcessClosesItsReadEndThereAndTheWriterHereSeesIt() throws Exception {
        Path p = fifo("xproc");
        try (ChildJvm child = ChildJvm.start(InterruptedReader.class, p.toString())) {
            child.awaitOutput("reading", 60);
            try (FifoWriter w = Fifo.openWriter(p, Duration.ofSeconds(30)).orElseThrow()) {
                w.write(ByteBuffer.wrap(new byte[] {7}));
                child.awaitOutput("threw ClosedByInterruptException open=false interrupted=true", 60);
                assertTrue(child.process().isAlive(), "the reader's process lives on");
                IpcException broken = assertThrows(IpcException.class, () -> w.write(ByteBuffer.wrap(new byte[] {1})));
                assertEquals("EPIPE", broken.errnoName(), "the child's only read end was closed by the interrupt");
            }
        }
    }

    @Test
    void badInput() throws Exception {
        NoSuchFileException missingDir = assertThrows(NoSuchFileException.class,
                () -> Fifo.create(dir.resolve("no/such/dir/f")));
        assertTrue(missingDir.getMessage().contains("the directory does not exist"), missingDir.getMessage());

        Path file = Files.writeString(dir.resolve("file"), "data");
        FileAlreadyExistsException exists = assertThrows(FileAlreadyExistsException.class, () -> Fifo.create(file));
        assertTrue(exists.getMessage().contains("exists and is not a FIFO (a regular file)"), exists.getMessage());
        FileSystemException notFifo = assertThrows(FileSystemException.class, () -> Fifo.openReader(file));
        assertTrue(notFifo.getMessage().contains("not a FIFO (a regular file)"), notFifo.getMessage());
        assertThrows(FileSystemException.class, () -> Fifo.openWriterNow(file));
        assertThrows(FileSystemException.class, () -> Fifo.delete(file));
        assertEquals("data", Files.readString(file), "the file is left alone");

        Path real = fifo("real");
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        FileSystemException loop = assertThrows(FileSystemException.class, () -> Fifo.openReader(link));
        assertTrue(loop.getMessage().contains("a symbolic link; FIFOs are opened without following links"),
                loop.getMessage());
        assertThrows(FileSystemException.class, () -> Fifo.delete(link));
        assertTrue(Files.exists(link, LinkOption.NOFOLLOW_LINKS));

        FileAlreadyExistsException fifoExists = assertThrows(FileAlreadyExistsException.class, () -> Fifo.create(real));
        assertTrue(fifoExists.getMessage().contains("a FIFO exists there already"), fifoExists.getMessage());
        assertThrows(NoSuchFileException.class, () -> Fifo.openReader(dir.resolve("absent")));

        assertEquals("FIFO path must not be null",
                assertThrows(NullPointerException.class, () -> Fifo.create(null)).getMessage());
        assertThrows(NullPointerException.class, () -> Fifo.openReader(null));
        IllegalArgumentException mode = assertThrows(IllegalArgumentException.class,
                () -> Fifo.create(dir.resolve("m"), 01777));
        assertTrue(mode.getMessage().startsWith("mode must be permission bits from 0 to 0777"), mode.getMessage());
        assertEquals(Optional.empty(), Fifo.openWriter(real, Duration.ofSeconds(-1)), "no reader; a negative timeout "
                + "means zero");
        try (FifoReader r = Fifo.openReader(real)) {
            assertEquals(0, r.read(ByteBuffer.allocate(1), Duration.ofMillis(-1)), "nothing came; one try");
            assertThrows(java.nio.ReadOnlyBufferException.class,
                    () -> r.read(ByteBuffer.allocate(1).asReadOnlyBuffer()));
        }
        Fifo.delete(real);
        assertFalse(Files.exists(real, LinkOption.NOFOLLOW_LINKS));
    }

    /** Creates the FIFO args[0] with the default mode. */
    public static final class Creator {
        public static void main(String[] args) throws Exception {
            Fifo.create(Paths.get(args[0]));
        }
    }

    @Test
    void createdIs0600WhateverTheUmask() throws Exception {
        Path p = dir.resolve("umask");
        try (ChildJvm c = ChildJvm.start(List.of("sh", "-c", "umask 000; exec \"$0\" \"$@\""), List.of(),
                Creator.class, p.toString())) {
            c.assertSuccess(60);
        }
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)));
        Fifo.create(dir.resolve("wide"), 0644);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("wide"), LinkOption.NOFOLLOW_LINKS)));
    }
}
