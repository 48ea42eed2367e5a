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
    static SysvMessageQueue open(String text, CreateOptions creating) throws IOException {
        ObjectRef ref = ObjectRef.parse(text, "msg");
        int mode = creating.mode();
        if (ref.id != null) {
            if (creating.create) {
                throw CliException.usage("--create needs a key (0x4950): a queue's id is the kernel's to choose");
            }
            return SysvMessageQueue.ofId(ref.id);
        }
        SysvMqOptions options = SysvMqOptions.options();
        if (creating.create) {
            options.openMode(OpenMode.OPEN_OR_CREATE);
            if (mode >= 0) {
                options.mode(mode);
            }
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

        @Mixin
        CreateOptions creating;

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
            try (SysvMessageQueue q = open(queue, creating)) {
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

        @Option(names = "--truncate", description = "Cut a message longer than the kernel's msgmax instead of failing.")
        boolean truncate;

        @Mixin
        ReceiveOptions options;

        @Override
        public Integer call() throws IOException, InterruptedException {
            options.check();
            TypeSelector any = types == null ? TypeSelector.ANY : types.selector();
            TypeSelector selector = truncate ? any.truncating() : any;
            try (SysvMessageQueue q = open(queue, new CreateOptions())) {
                options.receive(queue + " (" + selector + ")", wait -> wait == null ? Optional.of(q.receive(selector))
                        : wait.isZero() ? q.poll(selector) : q.poll(selector, wait), "type",
                        new ReceiveOptions.Content<>() {
                            @Override
                            public byte[] data(SysvMessage m) {
                                return m.data();
                            }

                            @Override
                            public long label(SysvMessage m) {
                                return m.type();
                            }
                        });
            }
            return 0;
        }
    }
}
