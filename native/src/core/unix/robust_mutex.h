/* A crash-safe lock in shared memory: a process-shared robust pthread mutex, plain C (no JNI).
 *
 * Calls return 0, or an error number as a negative value: -EOWNERDEAD (the lock is taken; its
 * previous holder died holding it), -ENOTRECOVERABLE, -EBUSY (try: held elsewhere), -ETIMEDOUT,
 * -EPERM (unlock by a thread that does not hold it), IPC4J_ROBUST_MUTEX_OVERWRITTEN, IPC4J_ROBUST_MUTEX_LOST. */
#ifndef IPC4J_ROBUST_MUTEX_H
#define IPC4J_ROBUST_MUTEX_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>

#include "ipc4j_fault_guard.h"

/* Lock or unlock refused: the mutex's bytes no longer hold the kind of mutex init made (another process wrote
 * over them). glibc answers EINVAL for a kind it does not know, so the two mean the same. */
#define IPC4J_ROBUST_MUTEX_OVERWRITTEN (-EINVAL)

/* The call did not happen: another process truncated the memory under the mutex while this thread touched it.
 * The pages of the mutex that were lost are private now (ipc4j_fault_guard.h): the caller must map them from the
 * object again (ipc4j_mapping_restore_shared) before anything else reads them. */
#define IPC4J_ROBUST_MUTEX_LOST IPC4J_MEMORY_LOST

/* Bytes a mutex takes (sizeof(pthread_mutex_t)), for the Java side's layout check. */
size_t ipc4j_robust_mutex_size(void);

/* Makes the memory at `at` a fresh unlocked robust, process-shared mutex; -ENOSYS where the OS
 * has no robust mutexes. */
int ipc4j_robust_mutex_init(void *at);

/* Locks, waiting at most timeout_ns (0: one try). */
int ipc4j_robust_mutex_lock(void *at, int64_t timeout_ns);
int ipc4j_robust_mutex_unlock(void *at);
/* After -EOWNERDEAD: the guarded state is repaired, the lock works normally from now on. */
int ipc4j_robust_mutex_consistent(void *at);

#endif
