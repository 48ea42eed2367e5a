package io.github.ipc4j.sealed;

import io.github.ipc4j.internal.Names;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How {@link SealedSharedMemory#create(SealedShmOptions)} makes an object: its size, the seals besides
 * {@link Seal#SHRINK} (which every sealed object has), and the name shown in {@code /proc/<pid>/fd}.
 * Mutable builder; not thread-safe.
 */
public final class SealedShmOptions {
    /** memfd_create's limit: 249 bytes after the kernel's "memfd:" prefix. */
    static final int MAX_NAME_BYTES = 249;

    private long size;
    private int extraSeals;
    private String debugName = "ipc4j";

    private SealedShmOptions() {}

    /**
     * New options: no size yet (required), {@link Seal#SHRINK} only, debug name "ipc4j".
     *
     * @return the options
     */
    public static SealedShmOptions options() {
        return new SealedShmOptions();
    }

    /**
     * The size in bytes, at least 1; reserved at creation (a full tmpfs fails create, not a later store).
     *
     * @param bytes the size in bytes
     * @return these options
     * @throws IllegalArgumentException bytes is below 1
     */
    public SealedShmOptions size(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("a sealed shared memory object needs a size of at least 1 byte, was "
                    + bytes);
        }
        this.size = bytes;
        return this;
    }

    /**
     * Also seal against growing (F_SEAL_GROW): the size is then fixed for good.
     *
     * @return these options
     */
    public SealedShmOptions sealGrow() {
        extraSeals |= Seal.GROW.bit();
        return this;
    }

    /**
     * Also forbid any further seal (F_SEAL_SEAL).
     *
     * @return these options
     */
    public SealedShmOptions sealSeals() {
        extraSeals |= Seal.SEAL.bit();
        return this;
    }

    /**
     * The name /proc shows for the descriptor ("/memfd:name (deleted)"): for people reading ps/lsof, not
     * an identity (many objects may share it). At most 249 bytes in UTF-8, no '\0' and no '/'.
     *
     * @param name the name
     * @return these options
     * @throws IllegalArgumentException the name is too long, holds '\0' or '/', or an unpaired surrogate (no UTF-8
     *         form)
     */
    public SealedShmOptions debugName(String name) {
        Objects.requireNonNull(name, "name must not be null");
        String rule = "a memfd name is at most " + MAX_NAME_BYTES + " bytes in UTF-8 without '\\0' or '/'";
        byte[] bytes = Names.terminated(name, StandardCharsets.UTF_8, "invalid memfd name", rule);
        if (bytes.length - 1 > MAX_NAME_BYTES || name.indexOf('\0') >= 0 || name.indexOf('/') >= 0) {
            throw new IllegalArgumentException(rule + ", was \"" + name + "\" (" + (bytes.length - 1) + " bytes)");
        }
        this.debugName = name;
        return this;
    }

    long size() {
        return size;
    }

    int extraSeals() {
        return extraSeals;
    }

    String debugName() {
        return debugName;
    }
}
