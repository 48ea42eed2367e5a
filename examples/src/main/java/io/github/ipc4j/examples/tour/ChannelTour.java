package io.github.ipc4j.examples.tour;

import io.github.ipc4j.ChannelOptions;
import io.github.ipc4j.SharedMemoryChannel;

import java.nio.ByteBuffer;
import java.time.Duration;

/** README's tour (the ```java blocks marked tour), compiled: ci/ReadmeTour.java checks README against it. */
final class ChannelTour {
    private ChannelTour() {}

    static void sharedMemoryChannel(ByteBuffer buffer, ByteBuffer direct) throws Exception {
        // tour:begin channel
        try (SharedMemoryChannel out = SharedMemoryChannel.open("/prices", ChannelOptions.options()
                .openOrCreate().sender().capacity(1 << 20).spin(Duration.ofNanos(50_000)))) { // 0600, ring of 1 MiB
            out.send(buffer);                               // waits while the ring is full
            out.offer(buffer);                              // false when full; offer(buffer, timeout) waits at most that
        }
        try (SharedMemoryChannel in = SharedMemoryChannel.open("/prices",
                ChannelOptions.options().openOrCreate().receiver())) {
            int length = in.receive(direct);                // waits; direct or heap buffer, no allocation
            in.poll(direct, Duration.ofMillis(5));          // MessageChannel.NO_MESSAGE on timeout
        }
        // tour:end channel
    }
}
