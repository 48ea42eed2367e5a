package io.github.ipc4j.cli;

import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the data to send or write comes from: the DATA arguments (each one message, as UTF-8), --file (each file
 * one message), or else standard input (all of it one message, or one per line with --lines).
 */
final class DataOptions {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Send or write this file's bytes (repeatable).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--lines", description = "Standard input: one message per line (without the line end).")
    boolean lines;

    /** The messages, in order: arguments, then files; standard input when there are neither. */
    List<byte[]> messages(List<String> args) throws IOException {
        List<byte[]> out = new ArrayList<>();
        if (args != null) {
            for (String a : args) {
                out.add(a.getBytes(StandardCharsets.UTF_8));
            }
        }
        for (Path f : files) {
            try {
                out.add(Files.readAllBytes(f));
            } catch (NoSuchFileException e) {
                throw CliException.usage("--file " + f + ": no such file");
            }
        }
        if (out.isEmpty()) {
            byte[] in = readAll(System.in);
            if (lines) {
                for (String line : new String(in, StandardCharsets.UTF_8).split("\\R")) {
                    if (!line.isEmpty()) {
                        out.add(line.getBytes(StandardCharsets.UTF_8));
                    }
                }
            } else {
                out.add(in);
            }
        }
        return out;
    }

    /** All the data as one run of bytes (for shared memory and pipes): the messages one after another. */
    byte[] bytes(List<String> args, String separator) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] m : messages(args)) {
            all.write(m);
            if (args != null && !args.isEmpty()) {
                all.write(separator.getBytes(StandardCharsets.UTF_8));
            }
        }
        return all.toByteArray();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
