/* POSIX shared memory objects and the mappings of any shared memory, plain C (no JNI).
 *
 * Every call returns a non-negative result or -errno. Sizes are reserved when they are set
 * (posix_fallocate where the OS has it), so a full /dev/shm fails the call that asked for the
 * size, not a later store with SIGBUS. */
#ifndef IPC4J_POSIX_SHM_H
#define IPC4J_POSIX_SHM_H

#include <stdint.h>

enum ipc4j_shm_open_mode { IPC4J_SHM_CREATE_NEW = 0, IPC4J_SHM_OPEN_EXISTING = 1, IPC4J_SHM_OPEN_OR_CREATE = 2 };

/* Opens `name` (with its leading '/') read-only or read-write; a created object gets exactly
 * `mode` and `size` bytes (reserved). Returns the descriptor (close-on-exec) and sets *created. */
int ipc4j_shm_open(const char *name, enum ipc4j_shm_open_mode open_mode, int writable, int mode, int64_t size,
                   int *created);
int ipc4j_shm_close(int fd);
int ipc4j_shm_unlink(const char *name);

/* The object's size in bytes, or -errno. */
int64_t ipc4j_shm_size(int fd);

/* Makes the object at least new_size bytes and reserves them; never shrinks it (a peer may have grown it
 * further at the same time: it keeps that size, and this is no error). */
int ipc4j_shm_grow(int fd, int64_t new_size);

/* Maps size bytes of fd shared; the address, or -errno, or IPC4J_MAP_BUDGET_SPENT (ipc4j_map_budget.h). */
int64_t ipc4j_shm_map(int fd, int64_t size, int writable);
int ipc4j_shm_unmap(int64_t address, int64_t size);

#endif
