package io.github.ipc4j.cli;

import io.github.ipc4j.OpenMode;
import io.github.ipc4j.sysv.SysvMessage;
import io.github.ipc4j.sysv.SysvMessageQueue;
import io.github.ipc4j.sysv.SysvMqOptions;
import io.github.ipc4j.sysv.TypeSelector;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** ipc4j msg send|recv: a System V message queue driven from the shell, with message types. */
@Command(name = "msg", mixinStandardHelpOptions = true,
        description = "System V message queues (by key 0x4950 or id 32768): send and receive typed messages.",
        subcommands = {MsgCommand.Send.class, MsgCommand.Recv.class})
final class MsgCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say send or recv");
    }

    /** Opens the queue named by key or id; creates it (by key) when asked. */
    static SysvMessageQueue open(String text, boolean create, String mode) throws IOException {
        ObjectRef ref = ObjectRef.parse(text, "msg");
        if (ref.id != null) {
            if (create) {
                throw CliException.usage("--create needs a key (0x4950): a queue's id is the kernel's to choose");
            }
            return SysvMessageQueue.ofId(ref.id);
        }
        SysvMqOptions options = SysvMqOptions.options();
        if (create) {
            options.openMode(OpenMode.OPEN_OR_CREATE);
            if (mode != null) {
                options.mode(Output.mode(mode));
            }
        } else if (mode != null) {
            throw CliException.usage("--mode applies to a queue created: add --create");
        }
        return SysvMessageQueue.open(ref.ipcKey(), options);
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = "Send each DATA argument (or each --file, or standard input) as one message of --type.")
    static final class Send implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "QUEUE", description = "Key (0x4950) or id (32768).")
        String queue;

        @Parameters(index = "1..*", paramLabel = "DATA", description = "Messages (UTF-8).")
        List<String> data;

        @Mixin
        DataOptions input;

        @Option(names = {"-t", "--type"}, description = "The messages' type, 1 or more (default 1).")
        long type = 1;

        @Option(names = {"-c", "--create"}, description = "Create the queue (by key) if it does not exist.")
        boolean create;

        @Option(names = "--mode", paramLabel = "OCTAL", description = "Permissions of a queue created (default 0600).")
        String mode;

        @Option(names = "--timeout", paramLabel = "DURATION",
                description = "Wait at most this long while the queue is full (default: wait); 0: do not wait.")
        Duration timeout;

        @Override
        public Integer call() throws IOException, InterruptedException {
            MqCommand.nonNegative(timeout, "--timeout");
            if (type < 1) {
                throw CliException.usage("--type must be 1 or more (the kernel's rule for mtype), was " + type);
            }
            List<byte[]> messages = input.messages(data);
            try (SysvMessageQueue q = open(queue, create, mode)) {
                for (byte[] m : messages) {
                    if (timeout == null) {
                        q.send(m, type);
                    } else if (!q.offer(m, type, timeout)) {
                        throw CliException.failure(queue + " stayed full for " + timeout.toMillis() + " ms");
                    }
                }
            }
            return 0;
        }
    }

    /** Which types to receive: at most one of these. */
    static final class Types {
        @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "Only messages of this type.")
        Long exactly;

        @Option(names = "--max-type", paramLabel = "TYPE", description = "The lowest type up to this one first.")
        Long atMost;

        @Option(names = "--except", paramLabel = "TYPE", description = "Any type but this one (Linux).")
        Long except;

        TypeSelector selector() {
            if (exactly != null) {
                return TypeSelector.exactly(exactly);
            }
            if (atMost != null) {
                return TypeSelector.atMost(atMost);
            }
            return TypeSelector.except(except);
        }
    }

    @Command(name = "recv", mixinStandardHelpOptions = true,
            description = "Receive messages (the oldest first, of the types asked) and print them, one per line.")
    static final class Recv implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "QUEUE", description = "Key (0x4950) or id (32768).")
        String queue;

        @ArgGroup(exclusive = true)
        Types types;

        @Option(names = {"-n", "--count"}, paramLabel = "N", description = "How many messages (default 1).")
        int count = 1;

        @Option(names = "--all", description = "Every matching message queued now, without waiting.")
        boolean all;

        @Option(names = "--timeout", paramLabel = "DURATION",
                description = "Wait at most this long for each message (default: wait); 0: do not wait.")
        Duration timeout;

        @Option(names = "--truncate", description = "Cut a message longer than the kernel's msgmax instead of failing.")
        boolean truncate;

        @Option(names = "--raw", description = "The bytes only, no newline after each message.")
        boolean raw;

        @Option(names = "--json", description = "One JSON object per message: type, bytes, text, base64.")
        boolean json;

        @Override
        public Integer call() throws IOException, InterruptedException {
            MqCommand.nonNegative(timeout, "--timeout");
            if (count < 1) {
                throw CliException.usage("--count must be at least 1, was " + count);
            }
            TypeSelector selector = types == null ? TypeSelector.ANY : types.selector();
            if (truncate) {
                selector = selector.truncating();
            }
            try (SysvMessageQueue q = open(queue, false, null)) {
                for (int i = 0; all || i < count; i++) {
                    Optional<SysvMessage> m = all ? q.poll(selector)
                            : timeout == null ? Optional.of(q.receive(selector)) : q.poll(selector, timeout);
                    if (m.isEmpty()) {
                        if (all) {
                            return 0;
                        }
                        throw CliException.failure("no message (" + selector + ") in " + queue + " within "
                                + timeout.toMillis() + " ms");
                    }
                    Output.message(m.get().data(), "type", m.get().type(), raw, json);
                }
            }
            return 0;
        }
    }
}
