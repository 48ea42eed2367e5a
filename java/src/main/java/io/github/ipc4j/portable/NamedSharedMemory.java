package io.github.ipc4j.portable;

import io.github.ipc4j.Feature;
import io.github.ipc4j.Platform;
import io.github.ipc4j.SharedMemory;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.posix.PosixShmOptions;
import io.github.ipc4j.windows.WindowsSharedMemory;
import io.github.ipc4j.windows.WindowsShmOptions;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;

/**
 * Named shared memory with one name rule on Linux, macOS and Windows: a POSIX shared memory object
 * ({@code shm_open}, Linux and macOS) or a paging-file backed file mapping ({@code CreateFileMapping},
 * Windows). What {@link #open} returns is a {@link SharedMemory}: byte buffer views and atomics another
 * process sees, under the same safety rule everywhere (nothing touches unmapped memory).
 *
 * <p>Where the OSes differ: the object's name outlives every process on Linux and macOS until
 * {@link #remove} (a crashed program leaves it behind), while on Windows the mapping goes away with the last
 * process that has it open, and {@link #remove} does nothing there. An opened object's size is exact on
 * Linux and macOS and whole pages on Windows. Names: see {@link PortableNames} (the object is /NAME or
 * Local\NAME).
 *
 * <p>Thread-safe: static methods only; the SharedMemory objects it opens are thread-safe.
 */
public final class NamedSharedMemory {
    private static final String TYPE = "named shared memory";

    private NamedSharedMemory() {}

    /**
     * New options: open an existing object, read-write.
     *
     * @return the options
     */
    public static NamedShmOptions options() {
        return NamedShmOptions.options();
    }

    /**
     * Opens (or creates, as options say) the shared memory called name and maps it whole.
     *
     * @param name the portable name: 1 to 24 of A-Z a-z 0-9 - _, starting with a letter or digit
     * @param options the open mode, access and size
     * @return the object, mapped
     * @throws IllegalArgumentException a bad name, or creating without a size
     * @throws java.nio.file.FileAlreadyExistsException CREATE_NEW and it exists
     * @throws java.nio.file.NoSuchFileException OPEN_EXISTING and it does not
     * @throws java.nio.file.AccessDeniedException the OS refused, or requireOwner found another owner
     */
    public static SharedMemory open(String name, NamedShmOptions options) throws IOException {
        PortableNames.check(name, TYPE);
        Objects.requireNonNull(options, "options must not be null");
        Platform.require(Feature.NAMED_SHARED_MEMORY);
        return open(name, "", options);
    }

    /** Opens the object of a name checked already, with the suffix of the type that uses it. */
    static SharedMemory open(String name, String suffix, NamedShmOptions options) throws IOException {
        String object = PortableNames.osName(name, suffix);
        if (PortableNames.windows()) {
            WindowsShmOptions o = WindowsShmOptions.options().openMode(options.openMode()).access(options.access());
            if (options.size() > 0) {
                o.size(options.size());
            }
            if (options.ownerRequired()) {
                o.requireOwner();
            }
            return WindowsSharedMemory.open(object, o);
        }
        PosixShmOptions o = PosixShmOptions.options().openMode(options.openMode()).access(options.access());
        if (options.size() > 0) {
            o.size(options.size());
        }
        if (options.ownerRequired()) {
            o.requireOwner();
        }
        return PosixSharedMemory.open(object, o);
    }

    /**
     * Removes the name (shm_unlink on Linux and macOS): mappings keep working, new opens do not find it.
     * Nothing on Windows, where the mapping lives while anyone has it open. Quietly does nothing when the
     * name does not exist.
     *
     * @param name the portable name
     * @throws IOException the OS refused to remove it
     */
    public static void remove(String name) throws IOException {
        PortableNames.check(name, TYPE);
        Platform.require(Feature.NAMED_SHARED_MEMORY);
        remove(name, "");
    }

    static void remove(String name, String suffix) throws IOException {
        if (!PortableNames.windows()) {
            try {
                PosixSharedMemory.unlink(PortableNames.osName(name, suffix));
            } catch (NoSuchFileException gone) {
                // removed already
            }
        }
    }
}
