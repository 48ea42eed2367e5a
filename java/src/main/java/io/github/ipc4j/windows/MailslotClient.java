package io.github.ipc4j.windows;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.Feature;
import io.github.ipc4j.Platform;
import io.github.ipc4j.internal.ChannelContract;
import io.github.ipc4j.internal.NativeHandle;
import io.github.ipc4j.internal.NativeMailslot;
import io.github.ipc4j.internal.WinBuffers;
import io.github.ipc4j.internal.WinErrors;
import io.github.ipc4j.internal.WindowsNames;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

/**
 * The writing end of a Windows mailslot, Windows only: \\.\mailslot\PATH on this computer,
 * \\HOST\mailslot\PATH on another, or \\*\mailslot\PATH, every mailslot of that name in the primary
 * domain (a broadcast: {@value #BROADCAST_MAX_MESSAGE_SIZE} bytes a message at most, checked here).
 * Each write is one message; writes do not wait. Thread-safe.
 */
public final class MailslotClient implements WritableByteChannel {
    /** The largest message a broadcast (\\*\mailslot\...) carries. */
    public static final int BROADCAST_MAX_MESSAGE_SIZE = NativeMailslot.BROADCAST_MAX;

    private final String name;
    private final long client;
    private final int maxMessageSize;
    private final NativeHandle handle;

    private MailslotClient(String name, long client, int maxMessageSize) {
        this.name = name;
        this.client = client;
        this.maxMessageSize = maxMessageSize;
        // writes never wait: nothing to wake. The lambda holds the parameter client, not this (an anonymous
        // class would hold this, and a leaked client could never be found unreachable)
        this.handle = new NativeHandle("mailslot client " + name, () -> NativeMailslot.clientClose(client))
                .closeWhenLeaked(this);
    }

    /**
     * Opens the mailslot for writing.
     *
     * @param name \\.\mailslot\PATH, \\HOST\mailslot\PATH, or \\*\mailslot\PATH (broadcast to the primary domain)
     * @return the client
     * @throws IOException as {@link #open(String, int)}
     */
    public static MailslotClient open(String name) throws IOException {
        return open(name, 0);
    }

    /**
     * Opens the mailslot for writing, refusing messages above maxMessageSize (0: no limit of the
     * caller's; a broadcast name is limited to {@value #BROADCAST_MAX_MESSAGE_SIZE} bytes either way).
     *
     * @param name \\.\mailslot\PATH, \\HOST\mailslot\PATH, or \\*\mailslot\PATH (broadcast to the primary domain)
     * @param maxMessageSize the largest message this client sends, or 0
     * @return the client
     * @throws java.nio.file.NoSuchFileException no mailslot of that name exists here
     */
    public static MailslotClient open(String name, int maxMessageSize) throws IOException {
        byte[] nativeName = WindowsNames.mailslot(name, false);
        int limit = messageLimit(name, maxMessageSize);
        Platform.require(Feature.MAILSLOT);
        long r = NativeMailslot.open(nativeName);
        if (r < 0) {
            throw WinErrors.of((int) -r, "CreateFile", name);
        }
        return new MailslotClient(name, r, limit);
    }

    /** The effective limit for messages to name (validated), 0 for none. */
    static int messageLimit(String name, int maxMessageSize) {
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("maxMessageSize must be 0 (no limit) or more, was " + maxMessageSize);
        }
        if (WindowsNames.scope(name) != WindowsNames.Scope.BROADCAST) {
            return maxMessageSize;
        }
        return maxMessageSize == 0 ? BROADCAST_MAX_MESSAGE_SIZE : Math.min(maxMessageSize, BROADCAST_MAX_MESSAGE_SIZE);
    }

    /** Refuses a message above limit (0: none), naming the rule. */
    static void checkLength(String name, int limit, int length) {
        if (limit > 0 && length > limit) {
            boolean broadcast = WindowsNames.scope(name) == WindowsNames.Scope.BROADCAST
                    && limit == BROADCAST_MAX_MESSAGE_SIZE;
            throw new IllegalArgumentException("message of " + length + " bytes exceeds " + limit + " bytes, "
                    + (broadcast ? "the most a mailslot broadcast to a domain (\\\\*\\mailslot\\...) carries"
                    : "the maxMessageSize this client was opened with") + ", for " + name);
        }
    }

    /**
     * The name this client writes to.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Whether this writes to every mailslot of the name in the primary domain (\\*\mailslot\...).
     *
     * @return true for a broadcast name
     */
    public boolean isBroadcast() {
        return WindowsNames.scope(name) == WindowsNames.Scope.BROADCAST;
    }

    /**
     * The largest message this client sends, 0 when it sets no limit (the mailslot may still).
     *
     * @return the limit in bytes, or 0
     */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * Sends src's remaining bytes as one message; on return src's position is its limit.
     *
     * @param src the message, from its position to its limit
     * @throws IllegalArgumentException the message is above this client's limit
     * @throws IOException the Windows call failed, or this client was closed ({@link io.github.ipc4j.IpcClosedException})
     */
    public void send(ByteBuffer src) throws IOException {
        write(src);
    }

    /**
     * Sends the array as one message.
     *
     * @param message the message
     * @throws IllegalArgumentException the message is above this client's limit
     * @throws IOException the Windows call failed, or this client was closed ({@link io.github.ipc4j.IpcClosedException})
     */
    public void send(byte[] message) throws IOException {
        write(ByteBuffer.wrap(Objects.requireNonNull(message, "message must not be null")));
    }

    /**
     * Sends src's remaining bytes as one message (a mailslot write does not wait). After close it throws
     * ClosedChannelException, as WritableByteChannel says.
     */
    @Override
    public int write(ByteBuffer src) throws IOException {
        Objects.requireNonNull(src, "src must not be null");
        int length = src.remaining();
        checkLength(name, maxMessageSize, length);
        ByteBuffer readable = WinBuffers.readable(src);
        try {
            handle.enter();
        } catch (IpcClosedException e) {
            throw ChannelContract.closed(e);
        }
        try {
            long r = NativeMailslot.write(client, WinBuffers.direct(readable), WinBuffers.array(readable),
                    WinBuffers.offset(readable, length), length);
            if (r < 0) {
                throw WinErrors.of((int) -r, "WriteFile", name);
            }
            src.position(src.position() + length);
            return length;
        } finally {
            handle.exit();
        }
    }

    @Override
    public boolean isOpen() {
        return !handle.isClosed();
    }

    @Override
    public void close() {
        handle.close();
    }

    @Override
    public String toString() {
        return "MailslotClient[" + name + (isOpen() ? "]" : ", closed]");
    }
}
