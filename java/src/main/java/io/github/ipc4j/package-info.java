/**
 * What every part of ipc4j shares, on every OS: the platform and its features ({@link io.github.ipc4j.Platform},
 * {@link io.github.ipc4j.Feature}), how objects are opened ({@link io.github.ipc4j.OpenMode},
 * {@link io.github.ipc4j.Access} and the option builders' bases), the exceptions
 * ({@link io.github.ipc4j.IpcException}, {@link io.github.ipc4j.IpcClosedException},
 * {@link io.github.ipc4j.OwnerDiedException}, ...), the base of every shared memory object
 * ({@link io.github.ipc4j.SharedMemory}) with the locks that live in it ({@link io.github.ipc4j.RobustLock} on
 * Linux, {@link io.github.ipc4j.CrashSafeLock}), the message channel over shared memory
 * ({@link io.github.ipc4j.MessageChannel}, {@link io.github.ipc4j.SharedMemoryChannel}) and the listing of the
 * machine's IPC objects ({@link io.github.ipc4j.IpcListing}).
 *
 * <p>Linux, macOS and Windows. What an OS lacks is reported, never faked:
 * {@link io.github.ipc4j.Platform#supports(io.github.ipc4j.Feature)} answers, and a class whose OS call is
 * missing throws {@link java.lang.UnsupportedOperationException} naming the OS and the call.
 */
package io.github.ipc4j;
