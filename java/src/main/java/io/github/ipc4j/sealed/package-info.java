/**
 * Shared memory no process can shrink, and how it travels between processes (Linux): an anonymous sealed
 * memfd ({@link io.github.ipc4j.sealed.SealedSharedMemory}, {@code memfd_create} with {@code F_SEAL_SHRINK}),
 * passed over a Unix-domain socket ({@link io.github.ipc4j.sealed.UnixSocket},
 * {@link io.github.ipc4j.sealed.UnixSocketServer}, {@code SCM_RIGHTS}, with the peer's credentials) or
 * inherited by a child process ({@link io.github.ipc4j.sealed.InheritingChild}). Elsewhere the classes throw
 * {@link java.lang.UnsupportedOperationException}
 * ({@link io.github.ipc4j.Feature#SEALED_SHARED_MEMORY} says whether this OS has it).
 */
package io.github.ipc4j.sealed;
