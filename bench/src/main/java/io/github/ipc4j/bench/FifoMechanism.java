package io.github.ipc4j.bench;

import io.github.ipc4j.Feature;
import io.github.ipc4j.pipe.Fifo;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** FIFOs: two named pipes in a private temporary directory, one per direction; a message is read whole. */
final class FifoMechanism extends Mechanism {
    FifoMechanism() {
        super("fifo", "FIFO (named pipe)", true, Feature.FIFO);
    }

    @Override
    public Shared create(Impl impl) throws Exception {
        Path dir = Files.createTempDirectory("ipc4j-bench-fifo");
        Path[] fifos = { dir.resolve("fifo0"), dir.resolve("fifo1") };
        Shared shared = new Shared(fifos[0].toString(), fifos[1].toString());
        shared.onClose(() -> Files.deleteIfExists(dir));
        for (Path fifo : fifos) {
            Fifo.create(fifo);
            shared.onClose(() -> Fifo.delete(fifo));
        }
        return shared;
    }

    /**
     * ipc4j: the read end (which never waits, and whose reads wait for a writer), then the write end (which
     * waits for the other side's read end). The libc calls open as ipc4j-cbench does (see Calls).
     */
    @Override
    protected Endpoint open(Impl impl, String sendName, String receiveName, Side side) throws Exception {
        if (impl == Impl.IPC4J) {
            var in = Fifo.openReader(Path.of(receiveName));
            var out = Fifo.openWriter(Path.of(sendName));
            return new StreamEndpoint(out, in);
        }
        return new Calls(Libc.of(impl), sendName, receiveName, side);
    }

    /** read / write on blocking descriptors through a libc binding (JNA or FFM). */
    private static final class Calls implements Endpoint {
        private final Libc libc;
        private final int out;
        private final int in;
        private final long address;

        /** The memory address points into: held here so that it lives as long as the address is used. */
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_SIZE);

        /**
         * Blocking opens, A's write end first and B's read end first: each waits for its partner, so once
         * both sides are open every read end has a writer (a read before any writer came would see end of
         * stream). Loopback (side null): the read end without waiting, then the write end.
         */
        Calls(Libc libc, String sendName, String receiveName, Side side) {
            this.libc = libc;
            this.address = libc.address(buffer);
            if (side == Side.A) {
                out = (int) libc.check(libc.open(sendName, Libc.O_WRONLY), "open " + sendName);
                in = (int) libc.check(libc.open(receiveName, Libc.O_RDONLY), "open " + receiveName);
            } else if (side == Side.B) {
                in = (int) libc.check(libc.open(receiveName, Libc.O_RDONLY), "open " + receiveName);
                out = (int) libc.check(libc.open(sendName, Libc.O_WRONLY), "open " + sendName);
            } else {
                in = (int) libc.check(libc.open(receiveName, Libc.O_RDONLY | Libc.O_NONBLOCK), "open " + receiveName);
                out = (int) libc.check(libc.open(sendName, Libc.O_WRONLY), "open " + sendName);
                libc.check(libc.fcntl(in, Libc.F_SETFL, 0), "fcntl");
            }
        }

        @Override
        public void send(int length) {
            long done = 0;
            while (done < length) {
                long n = libc.write(out, address + done, length - done);
                if (n > 0) {
                    done += n;
                } else if (!libc.retry(n)) {
                    libc.check(-1, "write");
                }
            }
        }

        @Override
        public void receive(int length) {
            long done = 0;
            while (done < length) {
                long n = libc.read(in, address + done, length - done);
                if (n > 0) {
                    done += n;
                } else if (n == 0) {
                    throw new IllegalStateException("read: end of stream, the peer is gone");
                } else if (!libc.retry(n)) {
                    libc.check(n, "read");
                }
            }
        }

        @Override
        public void close() {
            libc.close(out);
            libc.close(in);
        }
    }
}
