/**
 * Windows kernel objects (Windows only): named pipes ({@link io.github.ipc4j.windows.WindowsNamedPipeServer},
 * {@link io.github.ipc4j.windows.WindowsNamedPipeClient}), mailslots ({@link io.github.ipc4j.windows.Mailslot},
 * {@link io.github.ipc4j.windows.MailslotClient}), paging-file backed shared memory
 * ({@link io.github.ipc4j.windows.WindowsSharedMemory}), semaphores, mutexes that report abandonment and
 * events ({@link io.github.ipc4j.windows.WindowsSemaphore}, {@link io.github.ipc4j.windows.WindowsMutex},
 * {@link io.github.ipc4j.windows.WindowsEvent}). Objects are created with a DACL for the current user only
 * unless the caller asks otherwise. On Linux and macOS the classes throw
 * {@link java.lang.UnsupportedOperationException}.
 */
package io.github.ipc4j.windows;
