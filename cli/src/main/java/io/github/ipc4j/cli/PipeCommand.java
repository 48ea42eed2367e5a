package io.github.ipc4j.cli;

import io.github.ipc4j.pipe.Fifo;
import io.github.ipc4j.pipe.FifoReader;
import io.github.ipc4j.pipe.FifoWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** ipc4j pipe cat|write: a named pipe (FIFO) read to standard output, or written. */
@Command(name = "pipe", mixinStandardHelpOptions = true, description = "Named pipes (FIFOs): read one out, write into one.",
        subcommands = {PipeCommand.Cat.class, PipeCommand.Write.class})
final class PipeCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say cat or write");
    }

    static Path fifo(String text, CreateOptions creating) throws IOException {
        Path path = ObjectRef.parse(text, "fifo").path;
        int mode = creating.mode();
        if (creating.create && !Files.exists(path)) {
            Fifo.create(path, mode < 0 ? 0600 : mode);
        }
        return path;
    }

    @Command(name = "cat", mixinStandardHelpOptions = true,
            description = "Copy what writers send to standard output, until the last writer closes.")
    static final class Cat implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PATH", description = "The FIFO.")
        String path;

        @Mixin
        CreateOptions creating;

        @Override
        public Integer call() throws IOException {
            Path p = fifo(path, creating);
            try (FifoReader reader = Fifo.openReader(p); InputStream in = reader.inputStream()) {
                byte[] buf = new byte[65536];
                OutputStream out = System.out;
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            }
            return 0;
        }
    }

    @Command(name = "write", mixinStandardHelpOptions = true,
            description = "Write each DATA argument followed by a newline (or --file, or standard input as it is).")
    static final class Write implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PATH", description = "The FIFO.")
        String path;

        @Parameters(index = "1..*", paramLabel = "DATA", description = "Lines to write (UTF-8).")
        List<String> data;

        @Mixin
        DataOptions input;

        @Mixin
        CreateOptions creating;

        @Option(names = "--timeout", paramLabel = "DURATION",
                description = "Wait at most this long for a reader (default: wait); 0: fail at once without one.")
        Duration timeout;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Path p = fifo(path, creating);
            MqCommand.nonNegative(timeout, "--timeout");
            byte[] bytes = data != null && !data.isEmpty()
                    ? (String.join("\n", data) + "\n").getBytes(StandardCharsets.UTF_8) : input.bytes(null, "");
            Optional<FifoWriter> opened = timeout == null ? Optional.of(Fifo.openWriter(p))
                    : timeout.isZero() ? Optional.of(Fifo.openWriterNow(p)) : Fifo.openWriter(p, timeout);
            if (opened.isEmpty()) {
                throw CliException.failure(p + ": no reader came within " + timeout.toMillis() + " ms");
            }
            try (FifoWriter w = opened.get(); OutputStream out = w.outputStream()) {
                out.write(bytes);
            }
            return 0;
        }
    }
}
