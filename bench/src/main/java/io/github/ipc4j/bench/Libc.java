package io.github.ipc4j.bench;

import java.nio.ByteBuffer;

/**
 * The libc functions the comparison calls, bound two ways: JNA direct mapping ({@link JnaLibc}) and the
 * JDK's FFM API (FfmLibc, in src/main/java22). Endpoints written once against this interface call
 * either; one JVM loads only one binding, so the interface calls inline. Buffers are passed as native
 * addresses (taken once from a direct buffer), sizes as 64-bit: no allocation per call in either binding.
 * Constants are Linux's.
 */
public interface Libc {
    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_RDWR = 2;
    int O_NONBLOCK = 04000;
    int F_SETFL = 4;
    int EINTR = 4;

    /** The native address of a direct buffer's first byte (whatever its position). */
    long address(ByteBuffer direct);

    /** errno as the last call on this thread through this binding left it. */
    int errno();

    // POSIX message queues
    int mqOpen(String name, int flags);

    int mqSend(int mqd, long message, long length, int priority);

    long mqReceive(int mqd, long buffer, long capacity);

    int mqClose(int mqd);

    // descriptors: FIFOs
    int open(String path, int flags);

    long read(int fd, long buffer, long count);

    long write(int fd, long buffer, long count);

    int fcntl(int fd, int command, int argument);

    int close(int fd);

    // POSIX named semaphores (sem_t * as a long; 0 is SEM_FAILED)
    long semOpen(String name);

    int semPost(long sem);

    int semWait(long sem);

    int semClose(long sem);

    // System V
    int msgsnd(int id, long message, long size, int flags);

    long msgrcv(int id, long buffer, long size, long type, int flags);

    int semop(int id, long operations, long count);

    long shmat(int id, long address, int flags);

    int shmdt(long address);

    // memory, the binding's own way
    /** A buffer over size bytes at address (a System V segment this binding attached). */
    ByteBuffer wrap(long address, int size);

    /** Volatile 64-bit counters in a direct buffer (shared memory), as this binding reaches memory. */
    Counters counters(ByteBuffer region);

    /** Throws when a call failed (returned -1). */
    default long check(long result, String call) {
        if (result < 0) {
            throw new IllegalStateException(call + " failed: errno " + errno());
        }
        return result;
    }

    /** Whether a call that returned result should be made again (it was interrupted by a signal). */
    default boolean retry(long result) {
        return result < 0 && errno() == EINTR;
    }

    /** The binding for impl: JNA or FFM. */
    static Libc of(Impl impl) {
        switch (impl) {
            case JNA:
                return JnaLibc.INSTANCE;
            case FFM:
                return Ffm.libc();
            default:
                throw new IllegalArgumentException(impl + " is not a libc binding");
        }
    }
}
