package io.github.ipc4j.bench;

import org.newsclub.net.unix.AFUNIXServerSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.AFUNIXSocketChannel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a Java user would pick instead: a Unix-domain stream socket (through the JDK's own channels and
 * through junixsocket) and a loopback TCP socket (TCP_NODELAY), in blocking mode, with direct buffers.
 * The benchmark (side A) listens and accepts; the peer (side B) connects. A socket carries both
 * directions, so there is one object.
 */
final class SocketMechanism extends Mechanism {
    private final boolean unix;

    private SocketMechanism(String id, String label, boolean unix) {
        super(id, label, true, null);
        this.unix = unix;
    }

    static SocketMechanism unixDomain() {
        return new SocketMechanism("unix-socket", "Unix-domain socket", true);
    }

    static SocketMechanism tcp() {
        return new SocketMechanism("tcp-loopback", "TCP over loopback", false);
    }

    @Override
    public List<Impl> javaImpls() {
        return unix ? List.of(Impl.JDK, Impl.JUNIXSOCKET) : List.of(Impl.JDK);
    }

    @Override
    public boolean hasC() {
        return false;
    }

    @Override
    public Shared create(Impl impl) throws Exception {
        if (!unix) {
            ServerSocketChannel listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            return new Shared(Integer.toString(port)).local(listener).onClose(listener);
        }
        Path dir = Files.createTempDirectory("ipc4j-bench-sock");
        Path path = dir.resolve("s");
        Shared shared = new Shared(path.toString());
        shared.onClose(() -> Files.deleteIfExists(dir));
        shared.onClose(() -> Files.deleteIfExists(path));
        ServerSocketChannel listener;
        if (impl == Impl.JUNIXSOCKET) {
            listener = AFUNIXServerSocketChannel.open();
            listener.bind(AFUNIXSocketAddress.of(path));
        } else {
            listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            listener.bind(UnixDomainSocketAddress.of(path));
        }
        return shared.local(listener).onClose(listener);
    }

    @Override
    public Endpoint open(Impl impl, Shared shared, Side side) throws Exception {
        SocketChannel channel = side == Side.A ? accept(shared) : connect(impl, shared);
        return new StreamEndpoint(channel, channel);
    }

    @Override
    public Endpoint loopback(Impl impl, Shared shared) throws Exception {
        SocketChannel client = connect(impl, shared); // completes in the kernel's backlog, before accept
        return new StreamEndpoint(client, accept(shared));
    }

    private SocketChannel accept(Shared shared) throws IOException {
        return tune(((ServerSocketChannel) shared.local()).accept());
    }

    /** Connects, trying again while the listener is not there yet (the peer may come first). */
    private SocketChannel connect(Impl impl, Shared shared) throws Exception {
        SocketAddress address = !unix ? new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(shared.name(0)))
                : impl == Impl.JUNIXSOCKET ? AFUNIXSocketAddress.of(Path.of(shared.name(0)))
                : UnixDomainSocketAddress.of(shared.name(0));
        // the listener is bound before the peer starts, so the first try normally connects; the retries, bounded
        // by time and not by count (a busy machine can take long), only cover a slow listener
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PeerProcess.readyTimeoutSeconds());
        for (long pause = 1; ; pause = Math.min(pause * 2, 100)) {
            SocketChannel channel = impl == Impl.JUNIXSOCKET ? AFUNIXSocketChannel.open()
                    : SocketChannel.open(unix ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
            try {
                channel.connect(address);
                return tune(channel);
            } catch (IOException e) {
                channel.close();
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(pause);
            }
        }
    }

    private SocketChannel tune(SocketChannel channel) throws IOException {
        if (!unix) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        return channel;
    }
}
