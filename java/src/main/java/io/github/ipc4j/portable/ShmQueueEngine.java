package io.github.ipc4j.portable;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.OpenMode;
import io.github.ipc4j.SharedMemory;
import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.Errno;
import io.github.ipc4j.internal.Errors;
import io.github.ipc4j.internal.MemoryFaults;
import io.github.ipc4j.internal.NativeHandle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.time.Duration;

/**
 * The NamedMessageQueue of macOS and Windows (no POSIX mq there), written once over the portable primitives
 * and so also run, and tested, on Linux: a ring of slots in {@link NamedSharedMemory} NAME.mq, with two
 * {@link NamedSemaphore}s counting free slots (NAME.mqf) and used ones (NAME.mqu).
 *
 * <p>A sender takes a free permit, then a ticket (an atomic add on the tail); a receiver takes a used permit,
 * then a ticket on the head. Ticket t uses slot t mod capacity, whose sequence number says whose turn it is
 * (Vyukov's bounded queue): t when the slot is free for sender t, t + 1 when it holds sender t's message, and
 * t + capacity once receiver t has copied it out. The permits guarantee the ticket's turn comes; a sender or
 * receiver only waits (briefly, checking close) for another process to finish copying into or out of that
 * slot. So any number of senders and receivers in any processes; FIFO by ticket. The blocking waits are the
 * semaphores' (interruptible, cut short by close, timed); a wait cut short takes nothing.
 *
 * <p>Not crash-safe: a process killed in the instant between taking a ticket and finishing its copy leaves
 * that slot's turn unfinished, and the queue stalls at it (close still ends the wait).
 *
 * <p>Layout: magic (8 bytes, written last by the creator), capacity (4), message size (4); tail at 64, head
 * at 128 (apart, for the caches); slots from 192, each a sequence number (8), a length (4), 4 bytes of
 * padding and the message, rounded up to 8 bytes.
 */
final class ShmQueueEngine implements QueueEngine {
    private static final long MAGIC = 0x6970_6334_6a4d_5131L; // "ipc4jMQ1"
    private static final int CAPACITY = 8;
    private static final int MESSAGE_SIZE = 12;
    private static final int TAIL = 64;
    private static final int HEAD = 128;
    private static final int SLOTS = 192;
    private static final int SLOT_HEADER = 16;
    private static final long OPEN_WAIT_NANOS = 10_000_000_000L;
    static final long STALLED_MILLIS = 2000;
    static final String MEMORY = ".mq";
    static final String FREE = ".mqf";
    static final String USED = ".mqu";

    private final String name;
    private final SharedMemory memory;
    private final ByteBuffer ring;
    /** Waited on; closed at once by close, which wakes the threads waiting. */
    private final NamedSemaphore free;
    private final NamedSemaphore used;
    /** The same semaphores, released on; closed only once no send or receive is under way. */
    private final NamedSemaphore freeRelease;
    private final NamedSemaphore usedRelease;
    private final int capacity;
    private final int messageSize;
    private final int slotSize;
    private final boolean created;
    /**
     * Sends and receives run between enter and exit: close wakes those waiting for a permit, and the memory
     * and the releasing handles go only when the last one has left, so a message whose permit was taken is
     * always finished (a half-done one would stall the queue for every process).
     */
    private final NativeHandle handle;
    private volatile long closedAt;

    private ShmQueueEngine(String name, SharedMemory memory, int capacity, int messageSize,
                           NamedSemaphore[] semaphores, boolean created) {
        this.name = name;
        this.memory = memory;
        this.ring = memory.buffer(0, (int) size(capacity, messageSize)); // the object may be larger (Windows: pages)
        this.free = semaphores[0];
        this.used = semaphores[1];
        this.freeRelease = semaphores[2];
        this.usedRelease = semaphores[3];
        this.capacity = capacity;
        this.messageSize = messageSize;
        this.slotSize = slotSize(messageSize);
        this.created = created;
        this.handle = new NativeHandle("named message queue " + name, new NativeHandle.Resource() {
            @Override
            public void wakeBlocked() {
                free.close();
                used.close();
            }

            @Override
            public void release() {
                close(semaphores, memory);
            }
        });
    }

    /**
     * An existing queue's capacity and message size, read once (another process may write them meanwhile), must
     * fit its memory: anything else is damage, refused.
     */
    private static void checkHeader(SharedMemory memory, int capacity, int messageSize) throws IpcException {
        if (capacity < 1 || messageSize < 0 || messageSize > Integer.MAX_VALUE - SLOT_HEADER - 7
                || size(capacity, messageSize) > Math.min(memory.size(), Integer.MAX_VALUE)) {
            throw Errors.ipc(Errno.EINVAL, "open", memory.description(), "its header is damaged: capacity "
                    + capacity + ", message size " + messageSize + " do not fit its " + memory.size() + " bytes (a "
                    + "queue takes at most " + Integer.MAX_VALUE + ")");
        }
    }

    /** The bytes a queue takes: the header and the slots. */
    private static long size(int capacity, int messageSize) {
        return SLOTS + (long) capacity * slotSize(messageSize);
    }

    private static int slotSize(int messageSize) {
        return (SLOT_HEADER + messageSize + 7) & ~7;
    }

    static ShmQueueEngine open(String name, NamedQueueOptions options) throws IOException {
        if (options.openMode() != OpenMode.OPEN_EXISTING) {
            try {
                return create(name, options);
            } catch (FileAlreadyExistsException exists) {
                if (options.openMode() == OpenMode.CREATE_NEW) {
                    throw exists;
                }
            }
        }
        return openExisting(name, options);
    }

    private static ShmQueueEngine create(String name, NamedQueueOptions options) throws IOException {
        int capacity = options.capacity();
        long size = size(capacity, options.messageSize());
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a shared-memory queue of " + capacity + " messages of "
                    + options.messageSize() + " bytes needs " + size + " bytes; at most " + Integer.MAX_VALUE
                    + " (capacity x message size must stay under 2 GiB)");
        }
        SharedMemory memory = NamedSharedMemory.open(name, MEMORY, NamedShmOptions.options().createNew().size(size));
        NamedSemaphore[] semaphores = new NamedSemaphore[4];
        try {
            memory.setIntVolatile(CAPACITY, capacity);
            memory.setIntVolatile(MESSAGE_SIZE, options.messageSize());
            for (int i = 0; i < capacity; i++) {
                memory.setLongVolatile(SLOTS + (long) i * slotSize(options.messageSize()), i);
            }
            // the memory did not exist, so no queue does: semaphores of that name are a dead queue's
            NamedSemaphore.remove(name, FREE);
            NamedSemaphore.remove(name, USED);
            semaphores[0] = NamedSemaphore.open(name, FREE,
                    NamedSemOptions.options().createNew().initialPermits(capacity));
            semaphores[1] = NamedSemaphore.open(name, USED, NamedSemOptions.options().createNew());
            openReleasing(name, semaphores);
            memory.setLongVolatile(0, MAGIC);
            return new ShmQueueEngine(name, memory, capacity, options.messageSize(), semaphores, true);
        } catch (IOException | RuntimeException e) {
            close(semaphores, memory);
            remove(name);
            throw e;
        }
    }

    private static ShmQueueEngine openExisting(String name, NamedQueueOptions options) throws IOException {
        NamedShmOptions shm = NamedShmOptions.options();
        if (options.ownerRequired()) {
            shm.requireOwner();
        }
        SharedMemory memory = NamedSharedMemory.open(name, MEMORY, shm);
        NamedSemaphore[] semaphores = new NamedSemaphore[4];
        try {
            long deadline = System.nanoTime() + OPEN_WAIT_NANOS;
            while (memory.size() < SLOTS || memory.getLongVolatile(0) != MAGIC) {
                if (memory.size() < SLOTS || System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(memory.description() + " holds no message queue (made by "
                            + "something else, or its creator died while making it); NamedMessageQueue.remove it "
                            + "when no process uses it");
                }
                PortableNames.pause(memory.description());
            }
            int capacity = memory.getIntVolatile(CAPACITY);
            int messageSize = memory.getIntVolatile(MESSAGE_SIZE);
            checkHeader(memory, capacity, messageSize);
            // requireOwner was checked on the memory: its creator made the semaphores right after it, exclusively
            // (and macOS keeps no owner for a semaphore to check)
            semaphores[0] = NamedSemaphore.open(name, FREE, NamedSemOptions.options());
            semaphores[1] = NamedSemaphore.open(name, USED, NamedSemOptions.options());
            openReleasing(name, semaphores);
            return new ShmQueueEngine(name, memory, capacity, messageSize, semaphores, false);
        } catch (IOException | RuntimeException e) {
            close(semaphores, memory);
            throw e;
        }
    }

    /** The second handles of the two semaphores, the ones released on. */
    private static void openReleasing(String name, NamedSemaphore[] semaphores) throws IOException {
        semaphores[2] = NamedSemaphore.open(name, FREE, NamedSemOptions.options());
        semaphores[3] = NamedSemaphore.open(name, USED, NamedSemOptions.options());
    }

    static void remove(String name) throws IOException {
        NamedSharedMemory.remove(name, MEMORY);
        NamedSemaphore.remove(name, FREE);
        NamedSemaphore.remove(name, USED);
    }

    @Override
    public boolean send(ByteBuffer src, long deadline) throws IOException, InterruptedException {
        handle.enter();
        try {
            if (!take(free, deadline)) {
                return false;
            }
            long ticket = memory.getAndAddLong(TAIL, 1);
            int slot = SLOTS + (int) Math.floorMod(ticket, (long) capacity) * slotSize; // a damaged counter: in range
            awaitTurn(slot, ticket);
            int length = src.remaining();
            ring.putInt(slot + 8, length);
            ring.put(slot + SLOT_HEADER, src, src.position(), length);
            memory.setLongVolatile(slot, ticket + 1);
            src.position(src.limit());
            usedRelease.release();
            return true;
        } catch (IllegalStateException | InternalError e) {
            throw damage(e);
        } finally {
            handle.exit();
        }
    }

    @Override
    public int receive(ByteBuffer dst, long deadline) throws IOException, InterruptedException {
        handle.enter();
        try {
            if (!take(used, deadline)) {
                return -1;
            }
            long ticket = memory.getAndAddLong(HEAD, 1);
            int slot = SLOTS + (int) Math.floorMod(ticket, (long) capacity) * slotSize; // a damaged counter: in range
            awaitTurn(slot, ticket + 1);
            int length = ring.getInt(slot + 8);
            if (length < 0 || length > messageSize) {
                memory.setLongVolatile(slot, ticket + capacity); // skipped: the queue goes on past it
                freeRelease.release();
                throw Errors.ipc(Errno.EINVAL, "receive", "named message queue " + name, "message " + ticket
                        + " has length " + length + ", outside 0.." + messageSize + ": the queue's memory was "
                        + "damaged by something other than a sender; that message is skipped");
            }
            dst.put(dst.position(), ring, slot + SLOT_HEADER, length);
            dst.position(dst.position() + length);
            memory.setLongVolatile(slot, ticket + capacity);
            freeRelease.release();
            return length;
        } catch (IllegalStateException | InternalError e) {
            throw damage(e);
        } finally {
            handle.exit();
        }
    }

    /**
     * A shrink of the queue's memory by another process as the IpcException it is: the memory's shrink guard
     * (an IllegalStateException caused by that IpcException, from an atomic that did not happen) or the JVM's
     * report of a fault on a lost page (InternalError, "a fault occurred in a recent unsafe memory access").
     * Anything else, IpcClosedException included, is rethrown as it is.
     */
    private IOException damage(Throwable e) {
        if (e.getCause() instanceof IpcException) {
            return (IpcException) e.getCause();
        }
        if (MemoryFaults.isFault(e)) {
            IpcException fault = Errors.ipc(Errno.EINVAL, "access", "named message queue " + name, "a page of "
                    + "the queue's memory faulted: another process shrank it");
            fault.addSuppressed(e);
            return fault;
        }
        if (e instanceof RuntimeException) {
            throw (RuntimeException) e;
        }
        throw (Error) e;
    }

    private static boolean take(NamedSemaphore permits, long deadline) throws IOException, InterruptedException {
        long remaining = Deadline.remaining(deadline);
        if (remaining < 0) {
            permits.acquire();
            return true;
        }
        return remaining == 0 ? permits.tryAcquire() : permits.tryAcquire(Duration.ofNanos(remaining));
    }

    /**
     * Waits for the slot's sequence number to reach turn: another process is finishing its copy, which takes
     * microseconds. Spins a little, then yields and sleeps. The permit and the ticket are taken, so giving up
     * would stall the queue: only a close of this handle or an interrupt of this thread more than {@value
     * #STALLED_MILLIS} ms ago ends the wait (the other process then died mid-copy, or released a permit without a
     * message, and the queue is stalled at this slot anyway). An interrupt that came during a wait that did
     * finish is kept for the caller.
     */
    private void awaitTurn(int slot, long turn) throws IpcClosedException, InterruptedException {
        long interruptedAt = 0;
        for (int spins = 0; memory.getLongVolatile(slot) != turn; spins++) {
            long closed = closedAt;
            if (closed != 0 && System.nanoTime() - closed > STALLED_MILLIS * 1_000_000) {
                throw new IpcClosedException("named message queue " + name + " (stalled at a slot another process "
                        + "did not finish)", true);
            }
            if (interruptedAt != 0 && System.nanoTime() - interruptedAt > STALLED_MILLIS * 1_000_000) {
                throw new InterruptedException("interrupted while waiting for a slot of named message queue " + name
                        + " that another process did not finish in " + STALLED_MILLIS + " ms: the queue is stalled "
                        + "at that slot");
            }
            if (spins < 100) {
                Thread.onSpinWait();
            } else if (spins < 200) {
                Thread.yield();
            } else {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) { // the flag is clear again: the next sleeps sleep
                    if (interruptedAt == 0) {
                        interruptedAt = System.nanoTime() | 1;
                    }
                }
            }
        }
        if (interruptedAt != 0) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int messageSize() {
        return messageSize;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public boolean created() {
        return created;
    }

    @Override
    public void close() {
        if (closedAt == 0) {
            closedAt = System.nanoTime() | 1;
        }
        handle.close();
    }

    private static void close(NamedSemaphore[] semaphores, SharedMemory memory) {
        for (NamedSemaphore s : semaphores) {
            if (s != null) {
                s.close();
            }
        }
        memory.close();
    }
}
