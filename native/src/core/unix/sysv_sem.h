/* System V semaphore sets, plain C (no JNI): what the JNI glue and the C tests call.
 *
 * Every call returns a non-negative result or -errno. A set is named by its id (semget's result);
 * it has no descriptor, so a blocking semop is cut short through the caller's blocker
 * (ipc4j_blocker.h), which makes it fail with -EINTR.
 *
 * Operations are prepared once into an array of struct sembuf (ipc4j_sem_encode) that the caller
 * keeps, so performing one allocates nothing. */
#ifndef IPC4J_SYSV_SEM_H
#define IPC4J_SYSV_SEM_H

#include <stddef.h>
#include <stdint.h>

#include "ipc4j_blocker.h"
#include "sysv_ipc.h"

/* Flags of one operation in ipc4j_sem_encode (mapped to IPC_NOWAIT and SEM_UNDO). */
#define IPC4J_SEM_NOWAIT 1
#define IPC4J_SEM_UNDO 2

/* What IPC_STAT tells; times in seconds since the epoch (0: never). */
struct ipc4j_sem_status {
    int64_t key;
    int64_t uid;
    int64_t gid;
    int64_t cuid;
    int64_t cgid;
    int64_t mode; /* permission bits */
    int64_t nsems;
    int64_t otime;
    int64_t ctime;
};

/* Opens the set with key (IPC_PRIVATE: always a new one), as ipc4j_sysv_open does. nsems: how
 * many semaphores a new set gets; an existing set must have at least that many (0 accepts any),
 * else -EINVAL. On success returns the id and sets *created. */
int ipc4j_sem_open(int32_t key, enum ipc4j_sysv_open_mode open_mode, int nsems, int mode, int *created);

/* The size of one struct sembuf. */
size_t ipc4j_sem_sembuf_size(void);

/* Writes count operations into out (count * ipc4j_sem_sembuf_size() bytes): semaphore nums[i]
 * changes by ops[i] (0: wait until it is zero), with flags[i] (IPC4J_SEM_*); all_nowait adds
 * IPC_NOWAIT to every one. */
void ipc4j_sem_encode(void *out, int count, const uint16_t *nums, const int16_t *ops, const uint8_t *flags,
                      int all_nowait);

/* Performs count encoded operations atomically. blocker != NULL: the call may sleep, and a wake
 * of the blocker ends it with -EINTR. timeout_ns >= 0: wait at most that long (semtimedop;
 * -EAGAIN when it passes; -ENOSYS where the OS lacks semtimedop). An operation that would sleep
 * with IPC_NOWAIT returns -EAGAIN; a set removed while waiting, -EIDRM. */
int ipc4j_sem_op(int id, const void *sops, int count, struct ipc4j_blocker *blocker, int64_t timeout_ns);

/* GETVAL, GETPID, GETNCNT, GETZCNT of one semaphore. */
int ipc4j_sem_get_value(int id, int num);
int ipc4j_sem_get_pid(int id, int num);
int ipc4j_sem_get_ncount(int id, int num);
int ipc4j_sem_get_zcount(int id, int num);

int ipc4j_sem_set_value(int id, int num, int value);
/* GETALL / SETALL of values, which has count entries, count >= 1. The set's size comes from the kernel
 * (IPC_STAT), never from count: when the set under id has another number of semaphores (its id was
 * removed and reused by another set), nothing is read or written and that number (> 0) is returned.
 * Otherwise 0, or -errno. The kernel copies through a buffer that ends at an inaccessible page, so a set
 * replaced between the IPC_STAT and the call can never make it write or read past count values. */
int ipc4j_sem_get_all(int id, uint16_t *values, int count);
int ipc4j_sem_set_all(int id, const uint16_t *values, int count);

int ipc4j_sem_status(int id, struct ipc4j_sem_status *status);
/* IPC_SET: uid/gid < 0 keep the current owner; mode < 0 keeps the mode. */
int ipc4j_sem_set_owner_mode(int id, int64_t uid, int64_t gid, int mode);
int ipc4j_sem_remove(int id);

#endif
