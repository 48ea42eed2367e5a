package io.github.ipc4j.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** How many messages to receive, how long to wait, and how to print them (mq recv and msg recv). */
final class ReceiveOptions {
    @Option(names = {"-n", "--count"}, paramLabel = "N", description = "How many messages (default 1).")
    int count = 1;

    @Option(names = "--all", description = "Every message queued now, without waiting.")
    boolean all;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Wait at most this long for each message (default: wait); 0: do not wait.")
    Duration timeout;

    @Option(names = "--raw", description = "The bytes only, no newline after each message.")
    boolean raw;

    @Option(names = "--json", description = "One JSON object per message: its priority or type, bytes, text, base64.")
    boolean json;

    /** Takes one message: wait null waits for ever, zero does not wait. */
    interface Receiver<M> {
        Optional<M> next(Duration wait) throws IOException, InterruptedException;
    }

    /** What a message holds: its bytes, and its priority (POSIX) or type (System V). */
    interface Content<M> {
        byte[] data(M message);

        long label(M message);
    }

    /** Checked before the queue is opened. */
    void check() {
        MqCommand.nonNegative(timeout, "--timeout");
        if (count < 1) {
            throw CliException.usage("--count must be at least 1, was " + count);
        }
    }

    /** Receives and prints --count messages (or --all there are); a failure when one does not come in time. */
    <M> void receive(String queue, Receiver<M> receiver, String label, Content<M> content)
            throws IOException, InterruptedException {
        for (int i = 0; all || i < count; i++) {
            Optional<M> m = receiver.next(all ? Duration.ZERO : timeout);
            if (m.isEmpty()) {
                if (all) {
                    return;
                }
                throw CliException.failure("no message in " + queue + " within " + timeout.toMillis() + " ms");
            }
            Output.message(content.data(m.get()), label, content.label(m.get()), raw, json);
        }
    }
}
