package io.github.ipc4j.internal;

import io.github.ipc4j.ChannelOptions;
import io.github.ipc4j.IpcException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bytes of a shared-memory channel (version 1), native byte order; the C twin in bench/native reads the
 * same. Each side's counter sits on its own cache line with the word that names the side's process; the
 * waiting flags on lines of their own, written only by a side about to sleep.
 *
 * <pre>
 *   0  long magic "ipc4jCH1"      8 int version    12 int data offset   16 long capacity   24 int max message
 *  28  int  waiter (0: the OS's shared address wait; 1: two named semaphores; 2: two Windows named events)
 *  32  long waiter id (the named objects' names, see NamedWakeWaiter)
 *  64  long tail (bytes ever committed by the sender)      72 long sender   (pid &lt;&lt; 32 | start stamp; 0 none)
 * 128  long head (bytes ever consumed by the receiver)     136 long receiver
 * 192  int  receiver sleeps (1 while it may be in the kernel wait on tail's low word)
 * 256  int  sender sleeps   (1 while it may be in the kernel wait on head's low word)
 * 512  data: capacity bytes (a power of two) of records
 * </pre>
 *
 * A record is 8-aligned: int length (0 or more), int check (length ^ (position &gt;&gt;&gt; 3) ^ a constant, with
 * the top bit set), the bytes. A record that would cross the end is preceded by a pad record (length -1) filling the rest of the
 * ring. The record's 8-byte header is its commit mark: the sender writes the bytes, zeroes the header slot
 * after the record, then stores the header in one release store; the receiver reads the slot at its head
 * (zero: nothing committed). A record that wraps is written at the start first and committed by its pad's
 * header. So a sender killed in the middle of a record leaves nothing the receiver can see. The tail follows
 * each commit (the receiver's sleep waits on it, and a sender taking over goes on from it past any record
 * committed after it); the sender keeps the slot after its tail free, so a ring holds at most capacity - 8
 * bytes of records. Free space (from the slot after the tail to the head plus the capacity) belongs to the
 * sender: it may store into it at any time (it writes zeros into the cache lines its next record will fill, to
 * own them before the copy), so a receiver reads nothing there but the slot at its head.
 *
 * <p>Version 1 committed by the tail alone; its receivers read the tail, then the record.
 */
public final class ChannelLayout {
    public static final long MAGIC = 0x3148_436a_3463_7069L; // "ipc4jCH1" in little-endian bytes
    public static final int VERSION = 2;
    public static final int MAGIC_AT = 0;
    public static final int VERSION_AT = 8;
    public static final int DATA_OFFSET_AT = 12;
    public static final int CAPACITY_AT = 16;
    public static final int MAX_MESSAGE_AT = 24;
    public static final int WAITER_AT = 28;
    public static final int WAITER_ID_AT = 32;
    /** Waiter kinds (the int at {@link #WAITER_AT}); an object made before the field was there holds 0. */
    public static final int WAITER_ADDRESS = 0;
    public static final int WAITER_SEMAPHORES = 1;
    public static final int WAITER_EVENTS = 2;
    public static final int TAIL = 64;
    public static final int SENDER = 72;
    public static final int HEAD = 128;
    public static final int RECEIVER = 136;
    public static final int RECEIVER_SLEEPS = 192;
    public static final int SENDER_SLEEPS = 256;
    public static final int DATA = 512;
    public static final int RECORD_HEADER = 8;
    public static final int PAD = -1;
    static final int CHECK = 0x1bc4_c3a7;
    /** The low 32 bits of a long counter, where the kernel wait looks. */
    public static final int LOW_WORD = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? 4 : 0;

    static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private ChannelLayout() {}

    /** Bytes of shared memory a channel with this capacity takes. */
    public static long size(int capacity) {
        return DATA + (long) capacity;
    }

    /** The longest message a ring of capacity bytes carries: a record of half the ring always fits, wrapped or not. */
    public static int maxMessage(int capacity) {
        return capacity / 2 - RECORD_HEADER;
    }

    /** The top bit is always set: a committed header is never the zero word of an empty slot. */
    static int check(long position, int length) {
        return (length ^ (int) (position >>> 3) ^ CHECK) | Integer.MIN_VALUE;
    }

    /** A record's header as the one 8-byte word the receiver loads: the int length, then the int check. */
    static long header(int length, long position) {
        long check = check(position, length) & 0xffff_ffffL;
        long len = length & 0xffff_ffffL;
        return LOW_WORD == 0 ? check << 32 | len : len << 32 | check;
    }

    static int length(long header) {
        return (int) (LOW_WORD == 0 ? header : header >>> 32);
    }

    static int checkOf(long header) {
        return (int) (LOW_WORD == 0 ? header >>> 32 : header);
    }

    static int recordSize(int length) {
        return (RECORD_HEADER + length + 7) & ~7;
    }

    /** Writes a fresh header over a new object (all zero); the magic goes last, so openers see it whole or not at all. */
    public static void initialize(ByteBuffer ring, int capacity, int waiter, long waiterId) {
        ring.putInt(WAITER_AT, waiter);
        ring.putLong(WAITER_ID_AT, waiterId);
        ring.putInt(VERSION_AT, VERSION);
        ring.putInt(DATA_OFFSET_AT, DATA);
        ring.putLong(CAPACITY_AT, capacity);
        ring.putInt(MAX_MESSAGE_AT, maxMessage(capacity));
        LONGS.setVolatile(ring, MAGIC_AT, MAGIC);
    }

    /** The id of the named semaphores a channel's header (in the machine's byte order) says it waits on, or 0. */
    public static long semaphoresId(ByteBuffer header) {
        return header.getLong(MAGIC_AT) == MAGIC && header.getInt(WAITER_AT) == WAITER_SEMAPHORES
                ? header.getLong(WAITER_ID_AT) : 0;
    }

    /**
     * Checks an existing object's header without writing anything: returns its capacity, or throws an
     * IpcException that says what is wrong. A header still zero is waited for (its creator may be writing it)
     * up to waitNanos.
     */
    public static int validate(ByteBuffer ring, long size, String name, long waitNanos) throws IpcException {
        if (size < DATA) {
            throw bad(name, "the object has " + size + " bytes, fewer than a channel's " + DATA + "-byte header: "
                    + "it is not a channel (another program's object?)");
        }
        long magic = (long) LONGS.getVolatile(ring, MAGIC_AT);
        long until = System.nanoTime() + waitNanos;
        while (magic == 0 && System.nanoTime() - until < 0) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            magic = (long) LONGS.getVolatile(ring, MAGIC_AT);
        }
        if (magic == 0) {
            throw bad(name, "its header was never written (the creator died before initializing it, or it is "
                    + "not a channel); unlink it and create it again");
        }
        if (magic != MAGIC) {
            throw bad(name, String.format("it is not a channel: its first 8 bytes are %016x, a channel's "
                    + "are %016x (\"ipc4jCH1\")", magic, MAGIC));
        }
        int version = ring.getInt(VERSION_AT);
        if (version != VERSION || ring.getInt(DATA_OFFSET_AT) != DATA) {
            throw bad(name, "its ring layout is version " + version + " (data at " + ring.getInt(DATA_OFFSET_AT)
                    + "); this library reads version " + VERSION + " (data at " + DATA + ")");
        }
        long capacity = ring.getLong(CAPACITY_AT);
        // only the capacities a channel is created with (a ring of 8 bytes would carry messages of -4 bytes)
        if (capacity < ChannelOptions.MIN_CAPACITY || capacity > ChannelOptions.MAX_CAPACITY
                || Long.bitCount(capacity) != 1
                || ring.getInt(MAX_MESSAGE_AT) != maxMessage((int) capacity)
                || ring.getInt(WAITER_AT) < WAITER_ADDRESS || ring.getInt(WAITER_AT) > WAITER_EVENTS) {
            throw bad(name, "its header is damaged: capacity " + capacity + ", max message "
                    + ring.getInt(MAX_MESSAGE_AT) + ", waiter " + ring.getInt(WAITER_AT));
        }
        if (size < size((int) capacity)) {
            throw bad(name, "its header says " + capacity + " bytes of ring, but the object has only " + size
                    + " bytes (needs " + size((int) capacity) + "): truncated by another process?");
        }
        return (int) capacity;
    }

    static IpcException bad(String name, String detail) {
        return Errors.ipc(Errno.EINVAL, "open", name, detail);
    }
}
