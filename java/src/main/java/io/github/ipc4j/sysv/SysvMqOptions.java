package io.github.ipc4j.sysv;

import io.github.ipc4j.Access;
import io.github.ipc4j.OpenOptions;

import java.util.Objects;

/**
 * How to open a {@link SysvMessageQueue}. Defaults: open an existing queue for reading and writing; a
 * created queue gets mode 0600 (System V objects ignore the umask: the mode is applied exactly).
 * {@code requireOwner()} and {@code maxMode(...)} refuse an existing queue of another user or with wider
 * permissions.
 *
 * <p>Not thread-safe: a mutable builder, for one thread; the object opened from it keeps its own copy of what it needs.
 */
public final class SysvMqOptions extends OpenOptions<SysvMqOptions> {
    private Access access = Access.READ_WRITE;

    private SysvMqOptions() {
        // made by options()
    }

    /**
     * New options: open an existing queue read-write; a created one gets mode 0600.
     *
     * @return the options
     */
    public static SysvMqOptions options() {
        return new SysvMqOptions();
    }

    @Override
    protected SysvMqOptions self() {
        return this;
    }

    /**
     * What this handle may do; opening an existing queue asks the kernel for exactly this permission, so a
     * refusal comes at open (AccessDeniedException), not at the first send or receive.
     *
     * @param access READ_ONLY, WRITE_ONLY or READ_WRITE (the default)
     * @return these options
     */
    public SysvMqOptions access(Access access) {
        this.access = Objects.requireNonNull(access, "access must not be null");
        return this;
    }

    /**
     * What this handle may do.
     *
     * @return the access
     */
    public Access access() {
        return access;
    }
}
