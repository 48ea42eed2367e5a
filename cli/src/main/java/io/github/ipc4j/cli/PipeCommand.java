package io.github.ipc4j.cli;

import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.pipe.Fifo;
import io.github.ipc4j.pipe.FifoReader;
import io.github.ipc4j.pipe.FifoWriter;
import io.github.ipc4j.windows.WindowsNamedPipe;
import io.github.ipc4j.windows.WindowsNamedPipeClient;
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

/**
 * ipc4j pipe cat|write: a named pipe (FIFO) read to standard output, or written; on Windows a named pipe of
 * \\.\pipe\, connected to as a client (its server is another program).
 */
@Command(name = "pipe", mixinStandardHelpOptions = true,
        description = {"Named pipes: read one out, write into one.", "",
            "A FIFO (PATH); on Windows a named pipe \\\\.\\pipe\\NAME, which the tool connects to as a client."},
        subcommands = {PipeCommand.Cat.class, PipeCommand.Write.class})
final class PipeCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say cat or write");
    }

    /** On Windows: the client end of the existing pipe text names (pipe:\\.\pipe\NAME or \\.\pipe\NAME). */
    static Optional<WindowsNamedPipe> windowsPipe(String text, CreateOptions creating, Duration timeout)
            throws IOException, InterruptedException {
        if (creating.create) {
            throw CliException.usage("--create: on Windows the tool connects to a pipe as a client; its server "
                    + "(the program that made it with CreateNamedPipe) creates it");
        }
        String name = text.regionMatches(true, 0, "pipe:", 0, 5) ? text.substring(5) : text;
        return timeout == null ? Optional.of(WindowsNamedPipeClient.connect(name))
                : WindowsNamedPipeClient.connect(name, timeout);
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
        @Parameters(index = "0", paramLabel = "PATH", description = "The FIFO (on Windows: \\\\.\\pipe\\NAME).")
        String path;

        @Mixin
        CreateOptions creating;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (OsSupport.current() == OperatingSystem.WINDOWS) {
                try (WindowsNamedPipe pipe = windowsPipe(path, creating, null).orElseThrow();
                     InputStream in = pipe.inputStream()) {
                    copy(in);
                }
                return 0;
            }
            Path p = fifo(path, creating);
            try (FifoReader reader = Fifo.openReader(p); InputStream in = reader.inputStream()) {
                copy(in);
            }
            return 0;
        }

        private static void copy(InputStream in) throws IOException {
            byte[] buf = new byte[65536];
            OutputStream out = System.out;
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        }
    }

    @Command(name = "write", mixinStandardHelpOptions = true,
            description = "Write each DATA argument followed by a newline (or --file, or standard input as it is).")
    static final class Write implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PATH", description = "The FIFO (on Windows: \\\\.\\pipe\\NAME).")
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
            MqCommand.nonNegative(timeout, "--timeout");
            if (OsSupport.current() == OperatingSystem.WINDOWS) {
                Optional<WindowsNamedPipe> connected = windowsPipe(path, creating, timeout);
                if (connected.isEmpty()) {
                    throw CliException.failure(path + ": no free instance of the pipe within " + timeout.toMillis()
                            + " ms");
                }
                byte[] bytes = bytes();
                try (WindowsNamedPipe pipe = connected.get(); OutputStream out = pipe.outputStream()) {
                    out.write(bytes);
                }
                return 0;
            }
            Path p = fifo(path, creating);
            byte[] bytes = bytes();
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

        private byte[] bytes() throws IOException {
            return data != null && !data.isEmpty()
                    ? (String.join("\n", data) + "\n").getBytes(StandardCharsets.UTF_8) : input.bytes(null, "");
        }
    }
}
