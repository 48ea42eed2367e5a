package io.github.ipc4j.internal;

import io.github.ipc4j.IpcException;
import io.github.ipc4j.MessageChannel;
import io.github.ipc4j.PeerDiedException;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

import static io.github.ipc4j.internal.ChannelLayout.DATA;
import static io.github.ipc4j.internal.ChannelLayout.HEAD;
import static io.github.ipc4j.internal.ChannelLayout.INTS;
import static io.github.ipc4j.internal.ChannelLayout.LONGS;
import static io.github.ipc4j.internal.ChannelLayout.LOW_WORD;
import static io.github.ipc4j.internal.ChannelLayout.PAD;
import static io.github.ipc4j.internal.ChannelLayout.RECEIVER;
import static io.github.ipc4j.internal.ChannelLayout.RECEIVER_SLEEPS;
import static io.github.ipc4j.internal.ChannelLayout.RECORD_HEADER;
import static io.github.ipc4j.internal.ChannelLayout.SENDER;
import static io.github.ipc4j.internal.ChannelLayout.SENDER_SLEEPS;
import static io.github.ipc4j.internal.ChannelLayout.TAIL;

/**
 * One end of a single-producer single-consumer ring of byte messages in shared memory (layout:
 * {@link ChannelLayout}), in plain Java over a view of the memory, with the kernel wait plugged in
 * ({@link AddressWaiter}). Any OS whose shared memory gives a ByteBuffer can use it.
 *
 * <p>Sending: write the bytes and zero the next record's header slot, commit the record by storing its header
 * word (release), publish the tail (volatile), and only when the receiver's sleeping flag is set, wake it.
 * The receiver looks at the header slot at its head, not at the tail: a short message costs it one cache
 * line from the sender (header and bytes together), where reading the tail first cost two, one after the
 * other. Receiving publishes the head the same way. A side that must wait spins first (re-trying), then
 * sets its sleeping flag, re-reads the other side's counter (and, receiving, the slot) and sleeps on that
 * counter's low word while it still holds what it read: the volatile store of the flag before the read,
 * and of the counter before the read of the flag on the other side, mean one of the two always sees the
 * other (no lost wake-up). Sleeps last at most {@link #LIVENESS_NANOS}; after one passes with nothing
 * happening, the waiter checks that the other side's process still lives.
 *
 * <p>One call at a time per end: a second thread calling in while one is in a call gets an
 * IllegalStateException.
 */
public final class ChannelRing {
    /** How long one kernel sleep lasts at most: the bound on noticing a dead peer. */
    public static final long LIVENESS_NANOS = 100_000_000L;
    /**
     * A spinning wait pauses (Thread.onSpinWait) once per 64 re-checks. A pause per re-check tripled the round
     * trip on the 2-CPU virtual machine here (8 B, median 0.87 us; one per 16: 0.34; one per 64: 0.32; none:
     * 0.29; the C ring, which reads the clock between pauses: 0.23): back-to-back pauses look like a spinning
     * lock to the hypervisor (pause-loop exiting). Counted in batches of {@link #SPIN_CHECK_EVERY} re-checks:
     * one pause per 8 batches.
     */
    private static final int SPIN_PAUSE_EVERY = 7;
    /**
     * A spinning wait re-checks the ring this many times between looks at the clock, close and interrupt (a
     * clock read costs about as much as a re-check: the other side's move was seen up to one clock read late).
     */
    private static final int SPIN_CHECK_EVERY = 8;
    /** The unit in which cores hand memory to one another: 64 bytes on x86 and most ARM cores (128 on Apple's). */
    private static final int CACHE_LINE = 64;
    private static final VarHandle CALLER;

    static {
        try {
            CALLER = MethodHandles.lookup().findVarHandle(ChannelRing.class, "caller", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The one compare-and-set the ring makes, the claim of an end, on the memory under the view: {@link
     * MappedMemory#compareAndSetLong}, guarded where another process can shrink the memory (the JVM's own
     * compare-and-set on a page it lost ends the process).
     */
    public interface Claim {
        boolean compareAndSetLong(long offset, long expected, long value);
    }

    private final ByteBuffer ring;
    private final Claim claim;
    private final AddressWaiter waiter;
    private final NativeHandle handle;
    private final boolean sender;
    private final String name;
    private final int capacity;
    private final int mask;
    private final int maxMessage;
    private final long spinNanos;
    private final long takenOver;

    /** This end's own counter (tail for the sender, head for the receiver). */
    private long position;
    /** The sender's last seen head (the receiver looks at the record slot at its head instead). */
    private long seen;
    private long lastPeerCheck;
    private int spins;
    /** The id of the thread in a call on this end, or 0 (a long, not the Thread: no GC barrier per call). */
    @SuppressWarnings("unused") // through CALLER
    private volatile long caller;

    /**
     * Takes one end of the validated ring (ring: a view of memory from its start): claims its owner word for this
     * process (taking it over from a dead process), and starts from the committed counters.
     *
     * @throws IpcException the end is held by a live process, or another process shrank the memory under the claim
     */
    public ChannelRing(ByteBuffer ring, Claim claim, int capacity, AddressWaiter waiter, NativeHandle handle,
                       boolean sender, long spinNanos, String name) throws IpcException {
        this.ring = ring;
        this.claim = claim;
        this.waiter = waiter;
        this.handle = handle;
        this.sender = sender;
        this.name = name;
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.maxMessage = ChannelLayout.maxMessage(capacity);
        this.spinNanos = spinNanos;
        this.takenOver = claim(sender ? SENDER : RECEIVER);
        INTS.setVolatile(ring, sender ? SENDER_SLEEPS : RECEIVER_SLEEPS, 0);
        long own = (long) LONGS.getVolatile(ring, sender ? TAIL : HEAD);
        this.position = sender ? committedFrom(own) : own;
        this.seen = sender ? (long) LONGS.getVolatile(ring, HEAD) : 0;
    }

    /**
     * Where the sender goes on from: past every record committed after tail. A sender killed between a
     * commit and its tail store leaves the tail one record behind (the receiver may have taken that record
     * already); the slot after the last committed record is zero.
     */
    private long committedFrom(long tail) {
        for (int records = 0; records < capacity / RECORD_HEADER; records++) {
            int record = recordAt(tail, (long) LONGS.getVolatile(ring, DATA + ((int) tail & mask)));
            if (record < 0) {
                break;
            }
            tail += record;
        }
        if (tail != (long) LONGS.getVolatile(ring, TAIL)) {
            LONGS.setVolatile(ring, TAIL, tail);
        }
        return tail;
    }

    public int maxMessage() {
        return maxMessage;
    }

    public int capacity() {
        return capacity;
    }

    /** The word of the dead process this end was taken over from, or 0. */
    public long takenOver() {
        return takenOver;
    }

    /** Bytes committed by the sender and not yet consumed (a snapshot). */
    public long pendingBytes() {
        return (long) LONGS.getVolatile(ring, TAIL) - (long) LONGS.getVolatile(ring, HEAD);
    }

    /**
     * Gives this end back (the peer then sees nobody there rather than a dead process). A plain read and write,
     * not a compare-and-set: only this process writes its own word while it lives, and a fault in a plain
     * access (another process shrank the object) is an InternalError where one in the JVM's compare-and-set
     * kills the process.
     */
    public void release() {
        int at = sender ? SENDER : RECEIVER;
        if ((long) LONGS.getVolatile(ring, at) == ChannelPeers.self()) {
            LONGS.setVolatile(ring, at, 0L);
        }
    }

    /** Sends src's remaining bytes, waiting until deadline ({@link Deadline}) for room; false on timeout. */
    public boolean send(ByteBuffer src, long deadline) throws IOException, InterruptedException {
        int length = src.remaining();
        if (length > maxMessage) {
            throw new IllegalArgumentException("message of " + length + " bytes is longer than " + name
                    + "'s maximum of " + maxMessage + " (half its " + capacity + "-byte ring, less 8)");
        }
        enter();
        try {
            if (tryWrite(src, length)) {
                return true;
            }
            if (deadline == Deadline.NOW) {
                return false;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long spinUntil = System.nanoTime() + spinNanos;
            for (int unchecked = 0;;) {
                if (tryWrite(src, length)) {
                    return true;
                }
                if (--unchecked > 0) {
                    continue;
                }
                unchecked = pause(spinUntil, deadline);
                if (unchecked < 0) {
                    return false;
                }
            }
        } finally {
            exit();
        }
    }

    /** Receives into dst, waiting until deadline: the length, or NO_MESSAGE on timeout. */
    public int receive(ByteBuffer dst, long deadline) throws IOException, InterruptedException {
        enter();
        try {
            int length = tryRead(dst);
            if (length != MessageChannel.NO_MESSAGE) {
                return length;
            }
            if (deadline == Deadline.NOW) {
                checkNothingCommitted((long) LONGS.getVolatile(ring, TAIL));
                return length;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long spinUntil = System.nanoTime() + spinNanos;
            for (int unchecked = 0;;) {
                length = tryRead(dst);
                if (length != MessageChannel.NO_MESSAGE) {
                    return length;
                }
                if (--unchecked > 0) {
                    continue;
                }
                unchecked = pause(spinUntil, deadline);
                if (unchecked < 0) {
                    return MessageChannel.NO_MESSAGE;
                }
            }
        } finally {
            exit();
        }
    }

    private boolean tryWrite(ByteBuffer src, int length) throws IOException {
        int record = ChannelLayout.recordSize(length);
        long tail = position;
        int at = (int) tail & mask;
        int pad = at + record > capacity ? capacity - at : 0;
        long end = tail + pad + record;
        if (end + RECORD_HEADER - seen > capacity) { // the record and the next one's header slot
            seen = (long) LONGS.getVolatile(ring, HEAD);
            if (end + RECORD_HEADER - seen > capacity) {
                if (tail - seen > capacity || seen - tail > 0) {
                    throw damagedCounters(tail, seen);
                }
                return false;
            }
        }
        int commitAt = at;
        long commit = ChannelLayout.header(length, tail + pad);
        if (pad != 0) { // the record goes first at the start; the pad's header then commits both
            ring.putLong(DATA, commit);
            commit = ChannelLayout.header(PAD, tail);
            at = 0;
        }
        ShortCopy.copy(ring, DATA + at + RECORD_HEADER, src, src.position(), length);
        ring.putLong(DATA + ((int) end & mask), 0L);
        LONGS.setRelease(ring, DATA + commitAt, commit); // the commit
        position = end;
        LONGS.setVolatile(ring, TAIL, end);
        src.position(src.limit());
        if ((int) INTS.getVolatile(ring, RECEIVER_SLEEPS) != 0) {
            waiter.wake(TAIL + LOW_WORD);
        }
        claimLinesAhead(end, length);
        return true;
    }

    /**
     * Takes the cache lines that a next record as long as this one will fill, with a store to each while the
     * message just committed travels: the receiver read them a lap ago, so each is still in its cache, and a
     * copy into them would otherwise wait, line by line, for the receiver's core to give them up, between a
     * send call and its commit. Only free space is written (past the line of the slot after the tail, where the
     * receiver waits, and short of the last seen head plus the capacity), and only zeros, which a receiver never
     * reads there. Cut the C ring's round trip at 1 KiB and 8 KiB by a third to a half here (see the benchmark's
     * findings); does nothing for messages that fit in that slot's line.
     */
    private void claimLinesAhead(long end, int length) {
        long to = Math.min(end + RECORD_HEADER + length, seen + capacity);
        for (long line = (end + RECORD_HEADER + CACHE_LINE - 1) & -CACHE_LINE; line + Long.BYTES <= to;
                line += CACHE_LINE) {
            ring.putLong(DATA + ((int) line & mask), 0L);
        }
    }

    /**
     * A head behind the tail by more than the ring, or ahead of it: no receiver puts it there (damage by a
     * third party). Waiting for room would wait forever.
     */
    private IpcException damagedCounters(long tail, long head) {
        return Errors.ipc(Errno.EINVAL, "send", name, "the ring's counters are damaged (head " + head + ", tail "
                + tail + ", " + capacity + "-byte ring): something other than this channel's receiver wrote them");
    }

    private int tryRead(ByteBuffer dst) throws IOException {
        long head = position;
        int at = (int) head & mask;
        long word = (long) LONGS.getAcquire(ring, DATA + at);
        if (word == 0) {
            return MessageChannel.NO_MESSAGE;
        }
        int record = checkedRecord(head, word);
        if (ChannelLayout.length(word) == PAD) {
            head += record;
            at = 0;
            word = (long) LONGS.getAcquire(ring, DATA);
            record = checkedRecord(head, word);
        }
        int length = ChannelLayout.length(word);
        if (length > dst.remaining()) {
            throw new IllegalArgumentException("receive buffer has " + dst.remaining() + " bytes remaining, "
                    + "the next message on " + name + " has " + length + "; it stays in the channel");
        }
        ShortCopy.copy(dst, dst.position(), ring, DATA + at + RECORD_HEADER, length);
        dst.position(dst.position() + length);
        head += record;
        position = head;
        LONGS.setVolatile(ring, HEAD, head);
        if ((int) INTS.getVolatile(ring, SENDER_SLEEPS) != 0) {
            waiter.wake(HEAD + LOW_WORD);
        }
        return length;
    }

    /**
     * The size in the ring of the record whose header word was read at position (a pad's: the rest of the
     * ring), or -1 when the word is not a header a sender writes there: its check must match the position
     * (an empty slot's zero never does) and the record fit in the ring. A pad only ever fills the end of the
     * ring behind a record that did not fit there, so never starts at its first byte.
     */
    private int recordAt(long position, long word) {
        int at = (int) position & mask;
        int length = ChannelLayout.length(word);
        if (ChannelLayout.checkOf(word) != ChannelLayout.check(position, length)) {
            return -1;
        }
        if (length == PAD) {
            return at == 0 ? -1 : capacity - at;
        }
        int record = ChannelLayout.recordSize(length);
        return length >= 0 && length <= maxMessage && at + record <= capacity ? record : -1;
    }

    /** {@link #recordAt}, where anything but a record is damage. */
    private int checkedRecord(long head, long word) throws IpcException {
        int record = recordAt(head, word);
        if (record < 0) {
            throw Errors.ipc(Errno.EINVAL, "receive", name, "the record at byte " + head + " is damaged (length "
                    + ChannelLayout.length(word) + ", check " + Integer.toHexString(ChannelLayout.checkOf(word))
                    + "): something other than this channel's sender wrote into the ring");
        }
        return record;
    }

    /**
     * Waits for the other side to move: spins until spinUntil, then sleeps one slice in the kernel. Returns how
     * many re-checks of the ring may follow before the next call ({@link #SPIN_CHECK_EVERY} while spinning: the
     * clock, close and interrupt are looked at once per batch, not per re-check; 1 after a sleep), or -1 when
     * the deadline has passed.
     */
    private int pause(long spinUntil, long deadline) throws IOException, InterruptedException {
        long now = System.nanoTime();
        if (deadline != Deadline.NONE && now - deadline >= 0) {
            return -1;
        }
        if (handle.isClosed()) {
            throw handle.closedWhileBlocked();
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (now - spinUntil < 0) {
            if ((++spins & SPIN_PAUSE_EVERY) == 0) {
                Thread.onSpinWait();
            }
            return SPIN_CHECK_EVERY;
        }
        sleep(deadline == Deadline.NONE ? LIVENESS_NANOS : Math.min(LIVENESS_NANOS, deadline - now));
        return 1;
    }

    /** One kernel sleep on the other side's counter, flagged so that the other side wakes it. */
    private void sleep(long slice) throws IOException, InterruptedException {
        int flag = sender ? SENDER_SLEEPS : RECEIVER_SLEEPS;
        int counter = sender ? HEAD : TAIL;
        INTS.setVolatile(ring, flag, 1);
        boolean timedOut;
        try {
            long other = (long) LONGS.getVolatile(ring, counter);
            if (moved(other)) {
                return;
            }
            if (!sender) {
                checkNothingCommitted(other);
            }
            timedOut = !waiter.await(counter + LOW_WORD, (int) other, Math.max(1, slice));
        } finally {
            INTS.setVolatile(ring, flag, 0);
        }
        long now = System.nanoTime();
        if (timedOut && now - lastPeerCheck >= LIVENESS_NANOS) {
            lastPeerCheck = now;
            checkPeer(counter);
        }
    }

    /**
     * Whether the other side moved since this one last looked: the sender's head moved on, or a record was
     * committed at the receiver's head.
     */
    private boolean moved(long otherCounter) {
        return sender ? otherCounter != seen : recordAtHead();
    }

    private boolean recordAtHead() {
        return (long) LONGS.getAcquire(ring, DATA + ((int) position & mask)) != 0;
    }

    /**
     * The receiver found no record at its head: the tail (read before the slot was looked at again) must then
     * not be ahead of the head, nor behind it by more than a sender killed between a commit and its tail
     * store leaves it. Anything else is damage by a third party, and waiting would wait forever.
     */
    private void checkNothingCommitted(long tail) throws IpcException {
        if ((tail - position > 0 || position - tail >= capacity) && !recordAtHead()) {
            throw Errors.ipc(Errno.EINVAL, "receive", name, "the ring's counters are damaged (head " + position
                    + ", tail " + tail + ", no record at the head, " + capacity + "-byte ring): something other "
                    + "than this channel's sender wrote them");
        }
    }

    /** After a quiet slice: the other side's process must live, unless the ring moved meanwhile. */
    private void checkPeer(int counter) throws PeerDiedException {
        long peer = (long) LONGS.getVolatile(ring, sender ? RECEIVER : SENDER);
        if (peer == 0 || ChannelPeers.alive(peer)) {
            return; // nobody there yet (or it left cleanly): keep waiting, as a queue does
        }
        if (moved((long) LONGS.getVolatile(ring, counter))) {
            return; // it moved before it died: take what it left first
        }
        String other = sender ? "receiver" : "sender";
        throw new PeerDiedException("the " + other + " of " + name + ", process " + ChannelPeers.pid(peer)
                + ", died" + (sender ? " with the channel full: nothing more will be received until a new "
                + "receiver opens it" : ": every message it had committed has been received; a message it was "
                + "writing is lost. A new sender can open the channel and take over"), ChannelPeers.pid(peer));
    }

    private long claim(int at) throws IpcException {
        long self = ChannelPeers.self();
        for (;;) {
            long holder = (long) LONGS.getVolatile(ring, at);
            if (holder == self) {
                throw Errors.ipc(Errno.EBUSY, "open", name, "this process already holds its "
                        + (sender ? "sending" : "receiving") + " end (one sender and one receiver per channel)");
            }
            if (holder != 0 && ChannelPeers.alive(holder)) {
                throw Errors.ipc(Errno.EBUSY, "open", name, "its " + (sender ? "sending" : "receiving")
                        + " end is held by process " + ChannelPeers.pid(holder)
                        + " (one sender and one receiver per channel)");
            }
            if (claimed(at, holder, self)) {
                return holder;
            }
        }
    }

    /** The claim's compare-and-set; a shrink under it is the IpcException the memory's guard says it is. */
    private boolean claimed(int at, long holder, long self) throws IpcException {
        try {
            return claim.compareAndSetLong(at, holder, self);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof IpcException) {
                throw (IpcException) e.getCause();
            }
            throw e;
        }
    }

    private void enter() throws IOException {
        if (!CALLER.compareAndSet(this, 0L, Thread.currentThread().getId())) {
            throw new IllegalStateException(name + ": one call at a time per channel end, and another thread "
                    + "is in one");
        }
        if (handle.isClosed()) {
            CALLER.setVolatile(this, 0L);
            throw new io.github.ipc4j.IpcClosedException(handle.description(), false);
        }
    }

    private void exit() {
        CALLER.setRelease(this, 0L);
    }

    /**
     * Ends the current thread's call after an exception that may have struck anywhere in it: the JVM reports
     * a fault in mapped memory late, at a point of its choosing, which can be inside {@code enter} after the
     * call was taken or inside the {@code finally} before it was given back; close() would then wait for
     * that call forever. Does nothing when this thread is not in a call on this end.
     */
    public void abandonCall() {
        CALLER.compareAndSet(this, Thread.currentThread().getId(), 0L);
    }

    /** Whether a call is in progress on this end (close waits for it to leave). */
    public boolean inCall() {
        return (long) CALLER.getVolatile(this) != 0;
    }
}
