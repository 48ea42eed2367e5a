/**
 * Objects that one program uses unchanged on Linux, macOS and Windows: named shared memory
 * ({@link io.github.ipc4j.portable.NamedSharedMemory}), a named semaphore
 * ({@link io.github.ipc4j.portable.NamedSemaphore}), a named lock that reports its holder's death
 * ({@link io.github.ipc4j.portable.NamedLock}) and a named message queue
 * ({@link io.github.ipc4j.portable.NamedMessageQueue}). They promise only what every OS can keep; each class
 * says which OS object backs it there and where behaviour differs.
 */
package io.github.ipc4j.portable;
