package io.github.ipc4j.internal;

import java.nio.ByteBuffer;

/** Natives of Windows mailslots (win_mailslot.h); conventions as in {@link NativeWinPipe}. */
public final class NativeMailslot {
    /** The largest message a broadcast to a domain (\\*\mailslot\...) carries. */
    public static final int BROADCAST_MAX = 424;
    /** A read timeout of "wait forever" (MAILSLOT_WAIT_FOREVER). */
    public static final long FOREVER = -1;

    static {
        NativeLoader.load();
    }

    private NativeMailslot() {}

    public static native long create(byte[] name, int maxMessageSize, long readTimeoutMillis, boolean currentUserOnly);

    /** timeoutNanos -1: the slot's read timeout. */
    public static native long read(long slot, ByteBuffer direct, byte[] array, int offset, int length,
                                   long closedEvent, long wakeEvent, long timeoutNanos);

    /** out: max message size, next message size (-1: none), message count, read timeout (ms, FOREVER). */
    public static native int info(long slot, long[] out);

    public static native int setReadTimeout(long slot, long readTimeoutMillis);

    public static native void close(long slot);

    public static native long open(byte[] name);

    public static native long write(long client, ByteBuffer direct, byte[] array, int offset, int length);

    public static native void clientClose(long client);
}
