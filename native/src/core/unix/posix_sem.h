/* POSIX named semaphores, plain C (no JNI): what the JNI glue and the C tests call.
 *
 * Every call returns a non-negative result or -errno. A semaphore is the sem_t pointer that
 * sem_open returned. Waiting is cut short by the calling thread's blocker (ipc4j_blocker.h):
 * an interrupt or a close makes it return -EINTR. An operation on a semaphore whose file another
 * process truncated returns IPC4J_PSEM_LOST instead of faulting. */
#ifndef IPC4J_POSIX_SEM_H
#define IPC4J_POSIX_SEM_H

#include <semaphore.h>
#include <stdint.h>

#include "ipc4j_blocker.h"
#include "ipc4j_fault_guard.h"

/* An existing semaphore's backing file is not one (empty or too small: a peer's mistake or an
 * attack); opening it would map memory past the file's end. */
#define IPC4J_PSEM_NOT_A_SEMAPHORE (-100001)

/* The semaphore's memory is gone: another process truncated its file while this one had it open
 * (Linux). Every later operation on it returns this too (ipc4j_fault_guard.h); only closing it is
 * left. */
#define IPC4J_PSEM_LOST IPC4J_MEMORY_LOST

enum ipc4j_psem_open_mode { IPC4J_PSEM_CREATE_NEW = 0, IPC4J_PSEM_OPEN_EXISTING = 1, IPC4J_PSEM_OPEN_OR_CREATE = 2 };

/* What an opener learns about an existing semaphore before trusting it (Linux: from its file in
 * /dev/shm; elsewhere the OS keeps no file and uid is -1). */
struct ipc4j_psem_owner {
    long uid;
    int mode;
};

/* Opens `name` (with its leading '/'). A semaphore this call creates gets exactly `mode`
 * (whatever the umask) and `initial`. *created says whether it did; *owner describes an existing
 * one. IPC4J_MAP_BUDGET_SPENT (ipc4j_map_budget.h): the process holds too many mappings to open another. */
int ipc4j_psem_open(const char *name, enum ipc4j_psem_open_mode open_mode, int mode, unsigned initial,
                   sem_t **sem, int *created, struct ipc4j_psem_owner *owner);
int ipc4j_psem_close(sem_t *sem);
int ipc4j_psem_unlink(const char *name);

/* One try: 0 when a permit was taken, -EAGAIN when none was free. */
int ipc4j_psem_try_wait(sem_t *sem);

/* Waits for a permit through ipc4j_blocker_call: 0, or -EINTR when woken, when timeout_ns (< 0:
 * none) passed, or (no per-thread timer, as on macOS) after one of its short sleeps: the caller then
 * checks its deadline and calls again. */
int ipc4j_psem_wait(sem_t *sem, struct ipc4j_blocker *blocker, int64_t timeout_ns);

/* Adds one permit: 0, or -EOVERFLOW at SEM_VALUE_MAX. */
int ipc4j_psem_post(sem_t *sem);

/* The current value (never negative here), or -ENOSYS where the OS has no sem_getvalue. */
long ipc4j_psem_value(sem_t *sem);

long ipc4j_psem_value_max(void);

#endif
