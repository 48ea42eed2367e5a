package io.github.ipc4j.internal;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;

/**
 * {@link AddressWaiter} over the OS's shared address wait (Linux futex without FUTEX_PRIVATE_FLAG, macOS 14.4+
 * os_sync_wait_on_address with the shared flag). The sleep runs under a blocker ({@link Blocking}), so an
 * interrupt or a close of the handle ends it; on a virtual thread it runs on a platform worker
 * ({@link Offload}), so the carrier stays free.
 */
public final class FutexWaiter implements AddressWaiter {
    private final MappedMemory memory;
    private final ByteBuffer keepMapped;
    private final NativeHandle handle;
    private final String name;

    /** Waits on words of memory, whose mapping keepMapped (a view over it) holds; handle is the channel's. */
    public FutexWaiter(MappedMemory memory, ByteBuffer keepMapped, NativeHandle handle, String name) {
        this.memory = memory;
        this.keepMapped = keepMapped;
        this.handle = handle;
        this.name = name;
    }

    /** Whether this OS has a shared address wait (false: macOS before 14.4). */
    public static boolean supported() {
        return NativeFutex.supported() != 0;
    }

    @Override
    public boolean await(long offset, int expected, long timeoutNanos) throws InterruptedException, IOException {
        long address = memory.address(offset);
        int r = Blocking.onVirtualThread() ? (int) Offload.run(() -> sleep(address, expected, timeoutNanos))
                : sleep(address, expected, timeoutNanos);
        if (r == 0) {
            return true;
        }
        if (r == -Errno.ETIMEDOUT) {
            return false;
        }
        if (r == -Errno.EINTR) {
            Blocking.afterEintr(handle); // throws when interrupted or closed
            return true;
        }
        throw Errors.of(-r, "futex(FUTEX_WAIT)", name);
    }

    /** The one blocking call: between Blocking.begin and end, so that an interrupt or a close ends it. */
    private int sleep(long address, int expected, long timeoutNanos) throws IOException {
        handle.enter();
        try {
            CallSlot slot = Blocking.begin(handle);
            try {
                return NativeFutex.waitFor(address, expected, slot.waker(), timeoutNanos);
            } finally {
                Blocking.end(slot);
            }
        } finally {
            handle.exit();
            Reference.reachabilityFence(keepMapped);
        }
    }

    @Override
    public void wake(long offset) throws IOException {
        int r;
        try {
            r = NativeFutex.wake(memory.address(offset), Integer.MAX_VALUE);
        } finally {
            Reference.reachabilityFence(keepMapped);
        }
        if (r < 0) {
            throw Errors.of(-r, "futex(FUTEX_WAKE)", name);
        }
    }
}
