package io.github.ipc4j.windows;

import io.github.ipc4j.Access;
import io.github.ipc4j.Feature;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.OpenMode;
import io.github.ipc4j.Platform;
import io.github.ipc4j.SharedMemory;
import io.github.ipc4j.internal.MappedMemory;
import io.github.ipc4j.internal.Mappings;
import io.github.ipc4j.internal.NativeWinObjects;
import io.github.ipc4j.internal.NativeWindows;
import io.github.ipc4j.internal.WinErrors;
import io.github.ipc4j.internal.WinObject;
import io.github.ipc4j.internal.WindowsNames;

import java.io.IOException;
import java.util.Objects;

/**
 * Windows named shared memory: a file mapping backed by the paging file ({@code CreateFileMappingW} /
 * {@code OpenFileMappingW}) viewed whole ({@code MapViewOfFile}), Windows only. See {@link SharedMemory}
 * for views, atomics and the safety rule (the view is unmapped only once the last buffer over it is gone).
 *
 * <p>Names: NAME, Local\NAME (the default, this session) or Global\NAME (all sessions). A created mapping's
 * pages are committed at once, so a size the system cannot back fails the open (ERROR_COMMITMENT_LIMIT),
 * never a later store. A mapping cannot shrink, so atomics need no size check. Windows does not tell an
 * opener a mapping's exact size: {@link #size()} of an opened mapping is the view's, whole pages (4096
 * bytes each); {@link WindowsShmOptions#size(long)} makes the opener check it has at least that many. The
 * mapping exists while any process has it open or mapped; there is no unlink.
 *
 * <p>Thread-safe, as every {@link io.github.ipc4j.SharedMemory}: views and atomics may be used from any number of threads; close from any thread.
 */
public final class WindowsSharedMemory extends SharedMemory {
    private static final String KIND = "Windows shared memory";

    private final WinObject object;

    private WindowsSharedMemory(WinObject object, MappedMemory memory) {
        super(KIND + " " + object.name());
        this.object = object;
        Mappings.set(this, memory);
    }

    /**
     * Opens an existing mapping read-write.
     *
     * @param name {@code NAME}, {@code Local\NAME} (the default, this session) or {@code Global\NAME}
     * @return the mapping, mapped whole
     * @throws IOException as {@link #open(String, WindowsShmOptions)}
     */
    public static WindowsSharedMemory open(String name) throws IOException {
        return open(name, WindowsShmOptions.options());
    }

    /**
     * Opens (or creates, as options say) the mapping called name and maps it whole.
     *
     * @param name {@code NAME}, {@code Local\NAME} (the default, this session) or {@code Global\NAME}
     * @param options the open mode, access, size, owner check and a created mapping's security descriptor
     * @return the mapping, mapped whole
     * @throws IllegalArgumentException a bad name, or creation without a size
     * @throws java.nio.file.FileAlreadyExistsException CREATE_NEW and it exists
     * @throws java.nio.file.NoSuchFileException OPEN_EXISTING and it does not
     * @throws java.nio.file.AccessDeniedException Windows refused, or requireOwner found another owner
     * @throws IpcException an existing mapping smaller than the size asked for; the size cannot be backed
     */
    public static WindowsSharedMemory open(String name, WindowsShmOptions options) throws IOException {
        byte[] nativeName = WindowsNames.kernelObject(name, KIND);
        Objects.requireNonNull(options, "options must not be null");
        if (options.openMode() != OpenMode.OPEN_EXISTING && options.size() == 0) {
            throw new IllegalArgumentException("creating " + KIND + " " + name
                    + " needs a size: options.size(bytes), at least 1");
        }
        Platform.require(Feature.WINDOWS_SHARED_MEMORY);
        boolean writable = options.access() == Access.READ_WRITE;
        WinObject object = WinObject.open(KIND, name, "CreateFileMapping", () ->
                NativeWinObjects.shmOpen(nativeName, options.openMode().ordinal(), options.nativeSddl(),
                        options.ownerRequired(), options.size(), writable));
        try {
            long[] view = new long[2];
            int r = NativeWinObjects.shmMap(object.object(), writable, view);
            if (r < 0) {
                throw WinErrors.of(-r, "MapViewOfFile", name);
            }
            long size = object.created() ? options.size() : view[1];
            MappedMemory memory = new MappedMemory(view[0], size, writable,
                    (address, length) -> NativeWinObjects.shmUnmap(address), null);
            if (size < options.size()) {
                throw WinErrors.ipc(NativeWindows.ERROR_INVALID_PARAMETER, "MapViewOfFile", name, "exists with "
                        + size + " bytes, fewer than the " + options.size() + " asked for");
            }
            return new WindowsSharedMemory(object, memory);
        } catch (IOException | RuntimeException e) {
            object.close();
            throw e;
        }
    }

    /**
     * The name the mapping was opened with.
     *
     * @return the name
     */
    public String name() {
        return object.name();
    }

    /**
     * Whether this open created the mapping.
     *
     * @return true when it created it, false when it opened an existing one
     */
    public boolean created() {
        return object.created();
    }

    /**
     * Whether the mapping's DACL admits the current user only (the default for a created one).
     *
     * @return true when only the current user is admitted
     * @throws IOException Windows refused to read the security descriptor, or the mapping was closed
     */
    public boolean isCurrentUserOnly() throws IOException {
        return object.onlyCurrentUser();
    }

    @Override
    protected void closeObject() {
        object.close();
    }

    @Override
    protected void checkCovers(long offset, long length) throws IOException {
        object.enter(); // a mapping cannot shrink: only closing is checked
        object.exit();
    }
}
