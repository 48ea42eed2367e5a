package io.github.ipc4j.windows;

import io.github.ipc4j.OpenMode;
import io.github.ipc4j.OpenModeOptions;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * What opening any Windows named kernel object (shared memory, semaphore, mutex, event) takes: the open
 * mode, the security of a created object, and whether an existing object must belong to the current user.
 *
 * <p>Defaults are the secure ones: {@link OpenMode#OPEN_EXISTING}; a created object gets a DACL with one
 * entry, full access for the user this process runs as (the Windows counterpart of mode 0600); no
 * ownership check. {@link #sddl(String)} gives a created object another security descriptor instead.
 *
 * <p>Not thread-safe: a mutable builder, for one thread; the object opened from it keeps its own copy of what it needs.
 *
 * @param <T> the concrete options class, which each setter returns for chaining
 */
public abstract class WindowsObjectOptions<T extends WindowsObjectOptions<T>> extends OpenModeOptions<T> {
    private String sddl;

    /** For ipc4j's own options classes, which extend this one. */
    protected WindowsObjectOptions() {
    }

    /**
     * The security descriptor of a created object, as an SDDL string (e.g. {@code "D:P(A;;GA;;;OW)(A;;GR;;;BU)"}:
     * full access for the owner, read for local users), instead of the current-user-only default. Windows
     * checks the string when the object is created: one it refuses fails the open with an IpcException.
     *
     * @param sddl the security descriptor in SDDL
     * @return these options
     */
    public T sddl(String sddl) {
        Objects.requireNonNull(sddl, "sddl must not be null (leave it unset for the current-user-only default)");
        if (sddl.isEmpty() || sddl.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("sddl must be a non-empty SDDL string without NUL characters, was \""
                    + sddl.replace('\0', '?') + "\"");
        }
        this.sddl = sddl;
        return self();
    }

    /**
     * The SDDL string of a created object.
     *
     * @return the SDDL string; empty: the current user only
     */
    public Optional<String> sddl() {
        return Optional.ofNullable(sddl);
    }

    /** The SDDL string as NUL-terminated UTF-8, or null. */
    byte[] nativeSddl() {
        if (sddl == null) {
            return null;
        }
        byte[] utf8 = sddl.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, out, 0, utf8.length);
        return out;
    }
}
