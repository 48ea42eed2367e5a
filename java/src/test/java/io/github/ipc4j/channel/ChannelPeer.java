package io.github.ipc4j.channel;

import io.github.ipc4j.ChannelOptions;
import io.github.ipc4j.SharedMemoryChannel;

import java.nio.ByteBuffer;

/**
 * The second process of the channel tests. Modes:
 * <ul>
 * <li>{@code send NAME STREAM COUNT}: sends COUNT test messages of stream STREAM, then waits for the
 * receiver to take them all and exits;</li>
 * <li>{@code sendForever NAME STREAM}: sends until killed; prints "took over PID" first;</li>
 * <li>{@code holdReceiver NAME}: opens the receiving end, prints "holding", receives nothing until killed;</li>
 * <li>{@code idle IN OUT}: receives on IN (nothing comes), reports on OUT how much CPU it used while waiting
 * 5 s, then exits.</li>
 * </ul>
 */
public final class ChannelPeer {
    private ChannelPeer() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "send":
                send(args[1], Long.parseLong(args[2]), Long.parseLong(args[3]));
                break;
            case "sendForever":
                send(args[1], Long.parseLong(args[2]), Long.MAX_VALUE);
                break;
            case "holdReceiver":
                try (SharedMemoryChannel in = SharedMemoryChannel.open(args[1], ChannelOptions.options().receiver())) {
                    System.out.println("holding");
                    System.out.flush();
                    Thread.sleep(Long.MAX_VALUE);
                }
                break;
            case "idle":
                idle(args[1], args[2]);
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }

    private static void send(String name, long stream, long count) throws Exception {
        try (SharedMemoryChannel out = SharedMemoryChannel.open(name, ChannelOptions.options().sender())) {
            System.out.println("took over " + out.tookOver());
            System.out.flush();
            int max = out.maxMessageSize();
            ByteBuffer buffer = ByteBuffer.allocateDirect(max);
            for (long seq = 0; seq < count; seq++) {
                ChannelMessages.fill(buffer, stream, seq, ChannelMessages.length(stream, seq, max));
                out.send(buffer);
            }
            while (out.pendingBytes() > 0) {
                Thread.sleep(1);
            }
        }
    }

    private static void idle(String in, String out) throws Exception {
        try (SharedMemoryChannel receiver = SharedMemoryChannel.open(in, ChannelOptions.options().receiver());
             SharedMemoryChannel reply = SharedMemoryChannel.open(out, ChannelOptions.options().sender())) {
            ByteBuffer buffer = ByteBuffer.allocate(receiver.maxMessageSize());
            reply.send(new byte[] {0}); // ready
            long before = ChannelMessages.processCpuTicks();
            int r = receiver.poll(buffer, java.time.Duration.ofSeconds(5));
            long used = ChannelMessages.processCpuTicks() - before;
            reply.send(ByteBuffer.allocate(16).putLong(0, r).putLong(8, used));
        }
    }
}
