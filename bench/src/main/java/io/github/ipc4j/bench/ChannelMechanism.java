package io.github.ipc4j.bench;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import io.github.ipc4j.ChannelOptions;
import io.github.ipc4j.Feature;
import io.github.ipc4j.SharedMemoryChannel;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Issue 14's shared-memory channel ({@link SharedMemoryChannel}: a ring in POSIX shared memory that spins,
 * then sleeps on a futex) against the Java low-latency libraries that get there by polling: Chronicle Queue
 * (a memory-mapped queue in /dev/shm, appender and tailer) and Aeron IPC ({@code aeron:ipc}, an exclusive
 * publication and a subscription, through a media driver embedded in the benchmark's process). C is the same
 * ring in plain C (bench/native/mech_channel.c). Each direction is one channel, queue or stream; the two
 * sides run on two CPUs (the Java libraries poll).
 */
final class ChannelMechanism extends Mechanism {
    /** Chronicle Queue on JDK 17+ (its documented list), and no usage analytics from a benchmark. */
    static final List<String> CHRONICLE_JVM_FLAGS = List.of(
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "-Dchronicle.analytics.disable=true",
            "-Dchronicle.announcer.disable=true");
    /** Whether this JVM runs with {@link #CHRONICLE_JVM_FLAGS} (the tests' JVM does; a forked one gets them). */
    static boolean chronicleFlagsPresent() {
        return Object.class.getModule().isOpen("java.lang", ChannelMechanism.class.getModule());
    }

    private static final String AERON_CHANNEL = "aeron:ipc?term-length=4m|mtu=16384";
    private static final int STREAM = 1401;

    ChannelMechanism() {
        super("channel", "shared-memory channel (issue 14)", false, Feature.POSIX_SHARED_MEMORY);
    }

    @Override
    public boolean needsTwoCpus() {
        return true;
    }

    /** Issue 14: the channel sleeps when nothing comes, where the libraries it is measured against poll. */
    @Override
    public boolean measuresIdleCpu() {
        return true;
    }

    /** Round trips at 8 B, 1 KiB and 8 KiB in every mode but the smoke run (issue 14 asks for all three). */
    @Override
    public List<Integer> sizes(Settings settings, Kind kind) {
        return kind == Kind.RTT && settings != Settings.SMOKE ? Settings.SIZES : settings.sizes(kind);
    }

    @Override
    public List<Impl> javaImpls() {
        return List.of(Impl.IPC4J, Impl.CHRONICLE, Impl.AERON);
    }

    @Override
    public Shared create(Impl impl) throws Exception {
        switch (impl) {
            case CHRONICLE: {
                Path a = Files.createTempDirectory(Path.of("/dev/shm"), "ipc4j-bench-cq");
                Path b = Files.createTempDirectory(Path.of("/dev/shm"), "ipc4j-bench-cq");
                return new Shared(a.toString(), b.toString()).onClose(() -> delete(a)).onClose(() -> delete(b));
            }
            case AERON: {
                String dir = "/dev/shm/ipc4j-bench-aeron-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
                MediaDriver driver = MediaDriver.launch(new MediaDriver.Context().aeronDirectoryName(dir)
                        .threadingMode(ThreadingMode.SHARED).dirDeleteOnStart(true).dirDeleteOnShutdown(true));
                return new Shared(dir).onClose(driver);
            }
            default: {
                String[] names = {PosixSemMechanism.name(), PosixSemMechanism.name()};
                Shared shared = new Shared(names);
                for (String name : names) {
                    // made (and its header written) here; each side then opens its end
                    SharedMemoryChannel.open(name, ChannelOptions.options().createNew().receiver()).close();
                    shared.onClose(() -> SharedMemoryChannel.unlink(name));
                }
                return shared;
            }
        }
    }

    @Override
    public Endpoint open(Impl impl, Shared shared, Side side) throws Exception {
        return impl == Impl.AERON ? new AeronIpc(shared.name(0), side) : super.open(impl, shared, side);
    }

    @Override
    protected Endpoint open(Impl impl, String sendName, String receiveName, Side side) throws Exception {
        switch (impl) {
            case CHRONICLE:
                return new Chronicle(sendName, receiveName);
            case AERON:
                return new AeronIpc(sendName, side);
            default:
                return new Ipc4j(sendName, receiveName);
        }
    }

    @Override
    public Endpoint loopback(Impl impl, Shared shared) throws Exception {
        return impl == Impl.AERON ? new AeronIpc(shared.name(0), null) : open(impl, shared.name(0), shared.name(0), null);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The channel: a sender end on one object, a receiver end on the other, direct buffers. */
    private static final class Ipc4j implements Endpoint {
        private final ByteBuffer out = ByteBuffer.allocateDirect(MAX_SIZE);
        private final ByteBuffer in = ByteBuffer.allocateDirect(MAX_SIZE);
        private final SharedMemoryChannel sender;
        private final SharedMemoryChannel receiver;

        Ipc4j(String sendName, String receiveName) throws IOException {
            sender = SharedMemoryChannel.open(sendName, ChannelOptions.options().sender());
            try {
                receiver = SharedMemoryChannel.open(receiveName, ChannelOptions.options().receiver());
            } catch (IOException | RuntimeException e) {
                sender.close();
                throw e;
            }
        }

        @Override
        public void send(int length) throws Exception {
            sender.send(out.clear().limit(length));
        }

        @Override
        public void receive(int length) throws Exception {
            receiver.receive(in.clear());
        }

        @Override
        public void close() {
            sender.close();
            receiver.close();
        }
    }

    /** Chronicle Queue: an appender on one queue, a tailer (from the start) polling the other. */
    private static final class Chronicle implements Endpoint {
        private final byte[] out = new byte[MAX_SIZE];
        private final byte[] in = new byte[MAX_SIZE];
        private final ChronicleQueue sendQueue;
        private final ChronicleQueue receiveQueue;
        private final ExcerptAppender appender;
        private final ExcerptTailer tailer;

        Chronicle(String sendDir, String receiveDir) {
            sendQueue = ChronicleQueue.singleBuilder(sendDir).build();
            receiveQueue = sendDir.equals(receiveDir) ? sendQueue : ChronicleQueue.singleBuilder(receiveDir).build();
            appender = sendQueue.createAppender();
            tailer = receiveQueue.createTailer();
        }

        @Override
        public void send(int length) {
            try (DocumentContext dc = appender.writingDocument()) {
                dc.wire().bytes().write(out, 0, length);
            }
        }

        @Override
        public void receive(int length) {
            for (;;) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (dc.isPresent()) {
                        dc.wire().bytes().read(in, 0, length);
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        }

        @Override
        public void receiveOnAnotherThread() {
            tailer.singleThreadedCheckReset();
        }

        @Override
        public void close() {
            tailer.close();
            appender.close();
            receiveQueue.close();
            sendQueue.close();
        }
    }

    /**
     * Aeron IPC: side A publishes on stream STREAM and subscribes to STREAM + 1, side B the other way round,
     * both through the media driver side A's process runs (loopback: one stream both ways).
     */
    private static final class AeronIpc implements Endpoint {
        private final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_SIZE));
        private final UnsafeBuffer in = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_SIZE));
        private final Aeron aeron;
        private final ExclusivePublication publication;
        private final Subscription subscription;
        private final FragmentAssembler assembler;
        private boolean arrived;

        AeronIpc(String dir, Side side) {
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir));
            int sendStream = side == Side.B ? STREAM + 1 : STREAM;
            int receiveStream = side == Side.A ? STREAM + 1 : STREAM;
            publication = aeron.addExclusivePublication(AERON_CHANNEL, sendStream);
            subscription = aeron.addSubscription(AERON_CHANNEL, receiveStream);
            // the message is copied into the receiver's own buffer, as every other implementation here does
            // (ipc4j, C, Chronicle): reading it in place in the log would skip half the copies of a round trip
            FragmentHandler handler = (buffer, offset, length, header) -> {
                buffer.getBytes(offset, in, 0, length);
                arrived = true;
            };
            assembler = new FragmentAssembler(handler);
        }

        @Override
        public void send(int length) {
            while (publication.offer(out, 0, length) < 0) {
                Thread.onSpinWait(); // not connected yet, or back pressure
            }
        }

        @Override
        public void receive(int length) {
            arrived = false;
            while (!arrived) {
                if (subscription.poll(assembler, 1) == 0) {
                    Thread.onSpinWait();
                }
            }
        }

        @Override
        public void close() {
            aeron.close();
        }
    }
}
