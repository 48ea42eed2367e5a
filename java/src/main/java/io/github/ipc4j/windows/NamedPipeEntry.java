package io.github.ipc4j.windows;

import io.github.ipc4j.Feature;
import io.github.ipc4j.Platform;
import io.github.ipc4j.internal.NativeWinPipe;
import io.github.ipc4j.internal.NativeWindows;
import io.github.ipc4j.internal.WinErrors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One named pipe of this computer as {@link #list()} finds it under {@code \\.\pipe\}: its name and how many
 * instances of it exist now. A snapshot: the pipe may be gone by the time it is read. Any user may list every
 * pipe's name, whoever made it and whatever its DACL; opening it is another matter.
 */
public final class NamedPipeEntry {
    /** What every local pipe name starts with. */
    public static final String PREFIX = "\\\\.\\pipe\\";

    private static final int FIRST_BUFFER = 64 * 1024;
    private static final int ATTEMPTS = 8;

    private final String name;
    private final int instances;

    NamedPipeEntry(String name, int instances) {
        this.name = Objects.requireNonNull(name, "name");
        this.instances = instances;
    }

    /**
     * Every named pipe of this computer: the entries of {@code \\.\pipe\} (FindFirstFileW / FindNextFileW),
     * in the order Windows gives them.
     *
     * @return every pipe, in the order Windows gives them
     * @throws UnsupportedOperationException not on Windows (named pipes of other systems are FIFOs: files)
     * @throws IOException the directory query failed (under Wine, which does not enumerate the pipe device:
     *     ERROR_BAD_DEV_TYPE)
     */
    public static List<NamedPipeEntry> list() throws IOException {
        Platform.require(Feature.WINDOWS_NAMED_PIPE);
        byte[] buffer = new byte[FIRST_BUFFER];
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long r = NativeWinPipe.list(buffer);
            if (r >= 0) {
                return parse(buffer, (int) r);
            }
            if (r > NativeWindows.TOO_SMALL_BASE) {
                throw WinErrors.of((int) -r, "FindFirstFileW", PREFIX + "*");
            }
            // more pipes than fit: room for what was there, and for some more made meanwhile
            long needed = NativeWindows.TOO_SMALL_BASE - r;
            buffer = new byte[(int) Math.min(Integer.MAX_VALUE - 8, needed + needed / 4 + 4096)];
        }
        throw new IOException("listing " + PREFIX + " failed: pipes kept appearing faster than they were read");
    }

    /** The packed listing (NativeWinPipe.list): per pipe a big-endian int count, a UTF-8 name and a NUL. */
    static List<NamedPipeEntry> parse(byte[] packed, int length) {
        List<NamedPipeEntry> entries = new ArrayList<>();
        int i = 0;
        while (i < length) {
            if (length - i < 5) {
                throw new IllegalStateException("truncated pipe listing at byte " + i);
            }
            int instances = (packed[i] & 0xFF) << 24 | (packed[i + 1] & 0xFF) << 16 | (packed[i + 2] & 0xFF) << 8
                    | packed[i + 3] & 0xFF;
            int start = i + 4;
            int end = start;
            while (end < length && packed[end] != 0) {
                end++;
            }
            if (end == length) {
                throw new IllegalStateException("unterminated pipe name at byte " + start);
            }
            entries.add(new NamedPipeEntry(PREFIX + new String(packed, start, end - start, StandardCharsets.UTF_8),
                    instances));
            i = end + 1;
        }
        return Collections.unmodifiableList(entries);
    }

    /**
     * The full name, as {@link WindowsNamedPipeClient#connect(String)} takes it.
     *
     * @return {@code \\.\pipe\NAME}
     */
    public String name() {
        return name;
    }

    /**
     * How many instances of the pipe exist now (each one server end), when Windows says.
     *
     * @return the instance count, or empty when Windows does not say
     */
    public OptionalInt instances() {
        return instances < 0 ? OptionalInt.empty() : OptionalInt.of(instances);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedPipeEntry && ((NamedPipeEntry) o).name.equals(name)
                && ((NamedPipeEntry) o).instances == instances;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + instances;
    }

    @Override
    public String toString() {
        return name + (instances < 0 ? "" : " (" + instances + " instance" + (instances == 1 ? ")" : "s)"));
    }
}
