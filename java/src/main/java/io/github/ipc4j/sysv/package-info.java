/**
 * System V IPC on Linux and macOS: message queues ({@link io.github.ipc4j.sysv.SysvMessageQueue},
 * {@code msgget}), semaphore sets ({@link io.github.ipc4j.sysv.SysvSemaphoreSet}, {@code semget}) and shared
 * memory segments ({@link io.github.ipc4j.sysv.SysvSharedMemory}, {@code shmget}), found by an
 * {@link io.github.ipc4j.sysv.IpcKey} or an id, with their kernel status records. Receiving every type but
 * one ({@code MSG_EXCEPT}), copying without removing ({@code MSG_COPY}) and timed semaphore operations
 * ({@code semtimedop}) are Linux only.
 */
package io.github.ipc4j.sysv;
