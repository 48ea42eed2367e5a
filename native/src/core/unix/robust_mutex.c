#include "robust_mutex.h"

#ifdef IPC4J_HAVE_ROBUST_MUTEX
#include "ipc4j_robust_lock.h"
#endif

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

size_t ipc4j_robust_mutex_size(void)
{
    return sizeof(pthread_mutex_t);
}

#ifdef IPC4J_HAVE_ROBUST_MUTEX
int ipc4j_robust_mutex_init(void *at)
{
    /* the attributes are the public layout's (include/ipc4j_robust_lock.h), which C peers use too */
    return -ipc4j_robust_lock_init_mutex((pthread_mutex_t *) at);
}

int ipc4j_robust_mutex_lock(void *at, int64_t timeout_ns)
{
    pthread_mutex_t *mutex = at;
    struct timespec deadline;
    if (timeout_ns == 0) {
        /* not pthread_mutex_trylock: on a lock made unrecoverable, glibc's trylock returns ENOTRECOVERABLE
         * but leaves the mutex held by the caller (everyone else then sees it busy, for ever); timedlock
         * with a deadline already past tries once and releases it on that path */
        deadline.tv_sec = 0;
        deadline.tv_nsec = 0;
        int rc = pthread_mutex_timedlock(mutex, &deadline);
        return rc == ETIMEDOUT ? -EBUSY : -rc;
    }
    /* pthread_mutex_timedlock takes a CLOCK_REALTIME deadline; the caller waits in short slices on
     * the monotonic clock, so a clock step moves one slice at most */
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += (time_t) (timeout_ns / 1000000000);
    deadline.tv_nsec += (long) (timeout_ns % 1000000000);
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000;
    }
    return -pthread_mutex_timedlock(mutex, &deadline);
}

int ipc4j_robust_mutex_unlock(void *at)
{
    return -pthread_mutex_unlock((pthread_mutex_t *) at);
}

int ipc4j_robust_mutex_consistent(void *at)
{
    return -pthread_mutex_consistent((pthread_mutex_t *) at);
}
#else
int ipc4j_robust_mutex_init(void *at)
{
    (void) at;
    return -ENOSYS;
}

int ipc4j_robust_mutex_lock(void *at, int64_t timeout_ns)
{
    (void) at;
    (void) timeout_ns;
    return -ENOSYS;
}

int ipc4j_robust_mutex_unlock(void *at)
{
    (void) at;
    return -ENOSYS;
}

int ipc4j_robust_mutex_consistent(void *at)
{
    (void) at;
    return -ENOSYS;
}
#endif
