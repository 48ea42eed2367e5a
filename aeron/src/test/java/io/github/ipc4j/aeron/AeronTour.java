package io.github.ipc4j.aeron;

import io.github.ipc4j.MessageChannel;

/** README's Aeron snippet, compiled (not run): ci/ReadmeTour.java checks README against it. */
final class AeronTour {
    private AeronTour() {}

    static MessageChannel aeronChannel() throws Exception {
        // tour:begin aeron
        MessageChannel out = AeronChannel.open("aeron:udp?endpoint=10.0.0.7:40123", 10,
                AeronChannelOptions.options().sender());         // or "aeron:ipc" on one machine
        // tour:end aeron
        return out;
    }
}
