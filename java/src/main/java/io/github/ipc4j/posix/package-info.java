/**
 * POSIX named IPC objects: message queues ({@link io.github.ipc4j.posix.PosixMessageQueue}, {@code mq_open};
 * Linux only), named semaphores ({@link io.github.ipc4j.posix.PosixSemaphore}, {@code sem_open}; Linux and
 * macOS, timed waits on Linux only) and shared memory ({@link io.github.ipc4j.posix.PosixSharedMemory},
 * {@code shm_open}; Linux and macOS). On an OS that lacks one, its class throws
 * {@link java.lang.UnsupportedOperationException} naming the call.
 */
package io.github.ipc4j.posix;
