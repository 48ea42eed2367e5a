package io.github.ipc4j.cli;

import io.github.ipc4j.Access;
import io.github.ipc4j.OpenMode;
import io.github.ipc4j.SharedMemory;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.posix.PosixShmOptions;
import io.github.ipc4j.sysv.SysvSharedMemory;
import io.github.ipc4j.sysv.SysvShmOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Callable;

/** ipc4j shm dump|write: POSIX shared memory (/ring) or a System V segment (0x4950, or an id). */
@Command(name = "shm", mixinStandardHelpOptions = true,
        description = "Shared memory (POSIX /ring, System V key 0x4950 or id 32768): hex dump a range, write bytes.",
        subcommands = {ShmCommand.Dump.class, ShmCommand.Write.class})
final class ShmCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say dump or write");
    }

    /** Maps the object; creates it (POSIX by name, System V by key) with size bytes when size > 0. */
    static SharedMemory open(String text, Access access, long createSize, int mode) throws IOException {
        ObjectRef ref = ObjectRef.parse(text, "shm");
        if (createSize < 0) {
            throw CliException.usage("--size must be at least 1, was " + createSize);
        }
        if (ref.isPosix()) {
            PosixShmOptions options = PosixShmOptions.options().access(access);
            if (createSize > 0) {
                options.openMode(OpenMode.OPEN_OR_CREATE).size(createSize);
                if (mode >= 0) {
                    options.mode(mode);
                }
            }
            return PosixSharedMemory.open(ref.posixName, options);
        }
        if (ref.id != null) {
            if (createSize > 0) {
                throw CliException.usage("--create needs a key (0x4950): a segment's id is the kernel's to choose");
            }
            return SysvSharedMemory.ofId(ref.id, access);
        }
        SysvShmOptions options = SysvShmOptions.options().access(access);
        if (createSize > 0) {
            options.openMode(OpenMode.OPEN_OR_CREATE).size(createSize);
            if (mode >= 0) {
                options.mode(mode);
            }
        }
        return SysvSharedMemory.open(ref.ipcKey(), options);
    }

    /** Checks [offset, offset + length) against the size; length -1 means to the end. Returns the length. */
    static int range(SharedMemory m, long offset, long length) {
        if (offset < 0 || offset > m.size()) {
            throw CliException.usage("--offset " + offset + " is outside the object's " + m.size() + " bytes");
        }
        long n = length < 0 ? m.size() - offset : length;
        if (offset + n > m.size()) {
            throw CliException.usage("--offset " + offset + " + " + n + " bytes runs past the object's "
                    + m.size() + " bytes");
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw CliException.usage("at most " + (Integer.MAX_VALUE - 8) + " bytes at a time: give --length");
        }
        return (int) n;
    }

    @Command(name = "dump", mixinStandardHelpOptions = true,
            description = "Print a range as a hex dump (as hexdump -C), or the raw bytes with --raw.")
    static final class Dump implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "OBJECT", description = "/ring, 0x4950 or an id.")
        String object;

        @Option(names = {"-o", "--offset"}, description = "First byte (default 0).")
        long offset;

        @Option(names = {"-l", "--length"}, description = "How many bytes (default: to the end, at most 4096 "
                + "unless given).")
        Long length;

        @Option(names = "--raw", description = "The bytes themselves, not a hex dump.")
        boolean raw;

        @Override
        public Integer call() throws IOException {
            try (SharedMemory m = open(object, Access.READ_ONLY, 0, -1)) {
                long want = length != null ? length : Math.min(4096, Math.max(0, m.size() - offset));
                if (length != null && length < 0) {
                    throw CliException.usage("--length must not be negative, was " + length);
                }
                int n = range(m, offset, want);
                byte[] bytes = new byte[n];
                if (n > 0) {
                    m.buffer(offset, n).get(bytes);
                }
                if (raw) {
                    System.out.write(bytes);
                    System.out.flush();
                } else {
                    Output.hexdump(bytes, offset, System.out);
                }
            }
            return 0;
        }
    }

    @Command(name = "write", mixinStandardHelpOptions = true,
            description = "Write the DATA arguments (joined by spaces), --file or standard input at --offset.")
    static final class Write implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "OBJECT", description = "/ring, 0x4950 or an id.")
        String object;

        @Parameters(index = "1..*", paramLabel = "DATA", description = "Text to write (UTF-8).")
        List<String> data;

        @Mixin
        DataOptions input;

        @Option(names = {"-o", "--offset"}, description = "Where to write (default 0).")
        long offset;

        @Mixin
        CreateOptions creating;

        @Option(names = "--size", paramLabel = "BYTES", description = "Size of an object created.")
        long size;

        @Override
        public Integer call() throws IOException {
            int mode = creating.mode();
            if (creating.create && size <= 0) {
                throw CliException.usage("--create needs --size BYTES (1 or more)");
            }
            if (!creating.create && size != 0) {
                throw CliException.usage("--size applies to an object created: add --create");
            }
            byte[] bytes = data != null && !data.isEmpty() ? String.join(" ", data).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8) : input.bytes(null, "");
            try (SharedMemory m = open(object, Access.READ_WRITE, creating.create ? size : 0, mode)) {
                int n = range(m, offset, bytes.length);
                if (n > 0) {
                    ByteBuffer view = m.buffer(offset, n);
                    view.put(bytes);
                }
            }
            return 0;
        }
    }
}
