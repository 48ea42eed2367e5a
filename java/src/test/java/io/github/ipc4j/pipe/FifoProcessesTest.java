package io.github.ipc4j.pipe;

import io.github.ipc4j.IpcException;
import io.github.ipc4j.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FIFOs between real processes. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class FifoProcessesTest {
    static final long STREAM_BYTES = 100L << 20;
    static final int RECORDS = 10_000;

    @TempDir
    Path dir;

    /** Writes STREAM_BYTES of seeded random data to the FIFO args[0] and prints their CRC32. */
    public static final class StreamWriter {
        public static void main(String[] args) throws Exception {
            CRC32 crc = new CRC32();
            Random random = new Random(42);
            ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
            byte[] chunk = new byte[buf.capacity()];
            try (FifoWriter w = Fifo.openWriter(Paths.get(args[0]))) {
                for (long left = STREAM_BYTES; left > 0; ) {
                    int n = (int) Math.min(chunk.length, left);
                    random.nextBytes(chunk);
                    crc.update(chunk, 0, n);
                    buf.clear();
                    buf.put(chunk, 0, n).flip();
                    w.write(buf);
                    left -= n;
                }
            }
            System.out.println("crc " + crc.getValue());
        }
    }

    @Test
    void twoJvmsStream100MiBWithEqualChecksums() throws Exception {
        Path fifo = dir.resolve("stream");
        Fifo.create(fifo);
        try (ChildJvm writer = ChildJvm.start(StreamWriter.class, fifo.toString());
             FifoReader reader = Fifo.openReader(fifo)) {
            CRC32 crc = new CRC32();
            ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
            byte[] bytes = new byte[buf.capacity()];
            long total = 0;
            for (int n; (n = reader.read(buf.clear())) >= 0; ) {
                buf.flip().get(bytes, 0, n);
                crc.update(bytes, 0, n);
                total += n;
            }
            writer.assertSuccess(120);
            assertEquals(STREAM_BYTES, total);
            assertTrue(writer.output().contains("crc " + crc.getValue()), writer.output() + " vs " + crc.getValue());
        }
    }

    /** Writes RECORDS records of PIPE_BUF bytes: id, sequence, then the id's byte repeated. */
    public static final class RecordWriter {
        public static void main(String[] args) throws Exception {
            int id = Integer.parseInt(args[1]);
            int size = Fifo.pipeBuf();
            ByteBuffer record = ByteBuffer.allocateDirect(size);
            try (FifoWriter w = Fifo.openWriter(Paths.get(args[0]))) {
                for (int seq = 0; seq < RECORDS; seq++) {
                    record.clear();
                    record.putInt(id).putInt(seq);
                    while (record.hasRemaining()) {
                        record.put((byte) id);
                    }
                    record.flip();
                    w.write(record);
                }
            }
        }
    }

    @Test
    void fourWritersPipeBufRecordsArriveWholeNeverInterleaved() throws Exception {
        Path fifo = dir.resolve("records");
        Fifo.create(fifo);
        int size = Fifo.pipeBuf();
        List<ChildJvm> writers = new ArrayList<>();
        try (FifoReader reader = Fifo.openReader(fifo)) {
            for (int id = 1; id <= 4; id++) {
                writers.add(ChildJvm.start(RecordWriter.class, fifo.toString(), String.valueOf(id)));
            }
            int[] next = new int[5];
            ByteBuffer record = ByteBuffer.allocate(size);
            InputStream in = reader.inputStream();
            for (int n = 0; n < 4 * RECORDS; n++) {
                record.clear();
                int got = in.readNBytes(record.array(), 0, size);
                assertEquals(size, got, "record " + n + " whole");
                int id = record.getInt();
                int seq = record.getInt();
                assertTrue(id >= 1 && id <= 4, "writer id " + id);
                assertEquals(next[id]++, seq, "writer " + id + " in order");
                while (record.hasRemaining()) {
                    if (record.get() != (byte) id) {
                        throw new AssertionError("record " + seq + " of writer " + id + " interleaved with another");
                    }
                }
            }
            for (ChildJvm w : writers) {
                w.assertSuccess(120);
            }
            assertEquals(-1, in.read(), "end of stream once all writers closed");
        } finally {
            writers.forEach(ChildJvm::close);
        }
    }

    /** Opens the FIFO args[0] for reading, says so, and waits to be killed. */
    public static final class IdleReader {
        public static void main(String[] args) throws Exception {
            try (FifoReader r = Fifo.openReader(Paths.get(args[0]))) {
                System.out.println("reading");
                Thread.sleep(120_000);
            }
        }
    }

    @Test
    void aWriterWhoseReaderDiesGetsBrokenPipe() throws Exception {
        Path fifo = dir.resolve("broken");
        Fifo.create(fifo);
        try (ChildJvm reader = ChildJvm.start(IdleReader.class, fifo.toString())) {
            reader.awaitOutput("reading", 60);
            try (FifoWriter w = Fifo.openWriterNow(fifo)) {
                w.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                reader.process().destroyForcibly().waitFor();
                IpcException e = assertThrows(IpcException.class, () -> {
                    for (int i = 0; i < 1000; i++) {
                        w.write(ByteBuffer.wrap(new byte[4096]));
                    }
                });
                assertEquals("EPIPE", e.errnoName());
                assertTrue(e.getMessage().contains("broken pipe: no process has the FIFO open for reading any more"),
                        e.getMessage());
            }
        }
    }
}
