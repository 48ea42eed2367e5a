/* ipc4j's RobustLock layout, for C programs that share a lock with Java (io.github.ipc4j.RobustLock).
 *
 * A lock takes IPC4J_ROBUST_LOCK_SIZE (128) bytes of shared memory at an offset that is a multiple of 8:
 *
 *   offset + 0   uint64_t marker   IPC4J_ROBUST_LOCK_MARKER once the lock is initialised, stored in
 *                                  the machine's byte order (the value is "ipc4jRL1" read as a
 *                                  big-endian integer); anything else means "not initialised"
 *   offset + 8   pthread_mutex_t   process-shared, robust, error-checking (PTHREAD_PROCESS_SHARED,
 *                                  PTHREAD_MUTEX_ROBUST, PTHREAD_MUTEX_ERRORCHECK)
 *   the rest     unused, reserved (zero)
 *
 * Whoever initialises clears the marker, initialises the mutex, then publishes the marker with a
 * release store; whoever attaches reads the marker with an acquire load and uses the mutex only if it
 * matches. Exactly one process initialises, before any other uses the lock. Both sides then use the
 * ordinary pthread calls on ipc4j_robust_lock_mutex(): pthread_mutex_lock returns EOWNERDEAD when the
 * holder died (repair, then pthread_mutex_consistent, then unlock), as Java's OwnerDiedException says.
 *
 * Header only: no library to link besides pthread. Linux (glibc or musl); any OS with robust mutexes.
 * Java and C must run on the same machine with the same C library (the mutex's bytes are its own). */
#ifndef IPC4J_ROBUST_LOCK_H
#define IPC4J_ROBUST_LOCK_H

#include <pthread.h>
#include <stdint.h>
#include <string.h>

/* Bytes one lock takes (RobustLock.SIZE). */
#define IPC4J_ROBUST_LOCK_SIZE 128
/* Where the marker is, from the lock's offset (RobustLock.MARKER_OFFSET). */
#define IPC4J_ROBUST_LOCK_MARKER_OFFSET 0
/* Where the pthread_mutex_t is, from the lock's offset (RobustLock.MUTEX_OFFSET). */
#define IPC4J_ROBUST_LOCK_MUTEX_OFFSET 8
/* The marker of an initialised lock (RobustLock.MARKER). */
#define IPC4J_ROBUST_LOCK_MARKER UINT64_C(0x697063346a524c31)

_Static_assert(IPC4J_ROBUST_LOCK_MUTEX_OFFSET + sizeof(pthread_mutex_t) <= IPC4J_ROBUST_LOCK_SIZE,
               "pthread_mutex_t does not fit in an ipc4j robust lock");

/* The mutex of the lock at `lock` (the lock's first byte). */
static inline pthread_mutex_t *ipc4j_robust_lock_mutex(void *lock)
{
    return (pthread_mutex_t *) ((unsigned char *) lock + IPC4J_ROBUST_LOCK_MUTEX_OFFSET);
}

/* Makes mutex a fresh unlocked process-shared, robust, error-checking mutex: 0 or an error number. */
static inline int ipc4j_robust_lock_init_mutex(pthread_mutex_t *mutex)
{
    pthread_mutexattr_t attr;
    int rc = pthread_mutexattr_init(&attr);
    if (rc != 0) {
        return rc;
    }
    rc = pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    if (rc == 0) {
        rc = pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
    }
    if (rc == 0) {
        /* error checking: an unlock by a thread that does not hold it fails instead of unlocking */
        rc = pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
    }
    if (rc == 0) {
        memset(mutex, 0, sizeof(pthread_mutex_t));
        rc = pthread_mutex_init(mutex, &attr);
    }
    pthread_mutexattr_destroy(&attr);
    return rc;
}

/* Initialises the lock at `lock` (8-byte aligned, IPC4J_ROBUST_LOCK_SIZE bytes of shared memory), as
 * RobustLock.initialize does: 0 or an error number (the marker is then left cleared). */
static inline int ipc4j_robust_lock_init(void *lock)
{
    uint64_t *marker = (uint64_t *) ((unsigned char *) lock + IPC4J_ROBUST_LOCK_MARKER_OFFSET);
    __atomic_store_n(marker, 0, __ATOMIC_SEQ_CST);
    int rc = ipc4j_robust_lock_init_mutex(ipc4j_robust_lock_mutex(lock));
    if (rc == 0) {
        __atomic_store_n(marker, IPC4J_ROBUST_LOCK_MARKER, __ATOMIC_SEQ_CST);
    }
    return rc;
}

/* The mutex of a lock another process initialised, or NULL when none was (RobustLock.attach). */
static inline pthread_mutex_t *ipc4j_robust_lock_attach(void *lock)
{
    const uint64_t *marker = (const uint64_t *) ((unsigned char *) lock + IPC4J_ROBUST_LOCK_MARKER_OFFSET);
    return __atomic_load_n(marker, __ATOMIC_ACQUIRE) == IPC4J_ROBUST_LOCK_MARKER ? ipc4j_robust_lock_mutex(lock)
                                                                                 : NULL;
}

#endif
