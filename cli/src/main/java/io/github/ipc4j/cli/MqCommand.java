package io.github.ipc4j.cli;

import io.github.ipc4j.Access;
import io.github.ipc4j.OpenMode;
import io.github.ipc4j.posix.MqAttributes;
import io.github.ipc4j.posix.PosixMessageQueue;
import io.github.ipc4j.posix.PosixMqMessage;
import io.github.ipc4j.posix.PosixMqOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** ipc4j mq send|recv|peek: a POSIX message queue driven from the shell. */
@Command(name = "mq", mixinStandardHelpOptions = true, description = "POSIX message queues: send, receive, peek.",
        subcommands = {MqCommand.Send.class, MqCommand.Recv.class, MqCommand.Peek.class})
final class MqCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say send, recv or peek");
    }

    static String name(String text) {
        return ObjectRef.parse(text, "mq").posixName;
    }

    static Duration nonNegative(Duration d, String option) {
        if (d != null && d.isNegative()) {
            throw CliException.usage(option + " must not be negative, was " + d);
        }
        return d;
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = "Send each DATA argument (or each --file, or standard input) as one message.")
    static final class Send implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The queue: /orders.")
        String queue;

        @Parameters(index = "1..*", paramLabel = "DATA", description = "Messages (UTF-8).")
        List<String> data;

        @Mixin
        DataOptions input;

        @Option(names = {"-p", "--priority"}, description = "Priority, 0 (default) to 32767; higher is received first.")
        int priority;

        @Mixin
        CreateOptions creating;

        @Option(names = "--max-messages", paramLabel = "N", description = "Capacity of a queue created (mq_maxmsg).")
        long maxMessages;

        @Option(names = "--message-size", paramLabel = "BYTES", description = "Largest message of a queue created.")
        long messageSize;

        @Option(names = "--timeout", paramLabel = "DURATION",
                description = "Wait at most this long while the queue is full (default: wait); 0: do not wait.")
        Duration timeout;

        @Override
        public Integer call() throws IOException, InterruptedException {
            String name = name(queue);
            nonNegative(timeout, "--timeout");
            PosixMqOptions options = PosixMqOptions.options().access(Access.WRITE_ONLY);
            int mode = creating.mode();
            if (creating.create) {
                options.openMode(OpenMode.OPEN_OR_CREATE);
                if (maxMessages != 0) {
                    options.maxMessages(maxMessages);
                }
                if (messageSize != 0) {
                    options.messageSize(messageSize);
                }
                if (mode >= 0) {
                    options.mode(mode);
                }
            } else if (maxMessages != 0 || messageSize != 0) {
                throw CliException.usage("--max-messages and --message-size apply to a queue created: add --create");
            }
            List<byte[]> messages = input.messages(data);
            try (PosixMessageQueue q = PosixMessageQueue.open(name, options)) {
                for (byte[] m : messages) {
                    if (timeout == null) {
                        q.send(m, priority);
                    } else if (!q.offer(m, priority, timeout)) {
                        throw CliException.failure(name + " stayed full for " + timeout.toMillis() + " ms");
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "recv", mixinStandardHelpOptions = true,
            description = "Receive messages (highest priority first) and print them, one per line.")
    static final class Recv implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The queue: /orders.")
        String queue;

        @Mixin
        ReceiveOptions options;

        @Override
        public Integer call() throws IOException, InterruptedException {
            String name = name(queue);
            options.check();
            try (PosixMessageQueue q = PosixMessageQueue.open(name,
                    PosixMqOptions.options().access(Access.READ_ONLY))) {
                options.receive(name, wait -> wait == null ? Optional.of(q.receive())
                        : wait.isZero() ? q.poll() : q.poll(wait), "priority", new ReceiveOptions.Content<>() {
                            @Override
                            public byte[] data(PosixMqMessage m) {
                                return m.data();
                            }

                            @Override
                            public long label(PosixMqMessage m) {
                                return m.priority();
                            }
                        });
            }
            return 0;
        }
    }

    @Command(name = "peek", mixinStandardHelpOptions = true,
            description = {"Show a queue's state without taking anything: messages queued, bytes, capacity, size.",
                "(POSIX queues cannot copy a message out without removing it; mq recv takes one.)"})
    static final class Peek implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The queue: /orders.")
        String queue;

        @Option(names = "--json", description = "As one JSON object.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            String name = name(queue);
            Map<String, Object> m = new LinkedHashMap<>();
            try (PosixMessageQueue q = PosixMessageQueue.open(name, PosixMqOptions.options().access(Access.READ_ONLY))) {
                MqAttributes a = q.attributes();
                m.put("queue", name);
                m.put("messages", a.currentMessages());
                m.put("maxMessages", a.maxMessages());
                m.put("messageSize", a.messageSize());
            }
            Listed l = ObjectRef.parse("mq:" + name, null).resolve();
            m.put("bytes", l.size);
            if (json) {
                System.out.println(Json.write(m));
            } else {
                m.forEach((k, v) -> System.out.printf("%-12s %s%n", k, v));
            }
            return 0;
        }
    }
}
