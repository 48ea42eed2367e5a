#include "robust_mutex.h"

#ifdef IPC4J_HAVE_ROBUST_MUTEX
#include "ipc4j_robust_lock.h"
#endif
#include "ipc4j_fault_guard.h"
#include "ipc4j_futex.h"

#include <errno.h>
#ifdef __GLIBC__
#include <linux/futex.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif
#include <pthread.h>
#include <string.h>
#include <time.h>

size_t ipc4j_robust_mutex_size(void)
{
    return sizeof(pthread_mutex_t);
}

#ifdef IPC4J_HAVE_ROBUST_MUTEX
static int init_unguarded(void *at)
{
    /* the attributes are the public layout's (include/ipc4j_robust_lock.h), which C peers use too */
    return -ipc4j_robust_lock_init_mutex((pthread_mutex_t *) at);
}

#ifdef __GLIBC__
/* The kind glibc keeps in a mutex made with the lock's attributes (learnt once from a mutex on the stack). */
static int made_kind(void)
{
    static int kind = -1;
    int k = __atomic_load_n(&kind, __ATOMIC_RELAXED);
    if (k == -1) {
        pthread_mutex_t probe;
        if (ipc4j_robust_lock_init_mutex(&probe) != 0) {
            return -1;
        }
        k = probe.__data.__kind;
        pthread_mutex_destroy(&probe);
        __atomic_store_n(&kind, k, __ATOMIC_RELAXED);
    }
    return k;
}

/* glibc picks its code path by the kind word in the mutex's bytes, which every process mapping them can write:
 * another kind (priority inheritance, with an owner no thread is) led glibc to an assertion that aborted the
 * process. Such a mutex is refused instead. The word can still change between this look and glibc's: this
 * narrows what another process can do, as the size check before each call does for a shrink. */
static int overwritten(pthread_mutex_t *mutex)
{
    int made = made_kind();
    return made != -1 && __atomic_load_n(&mutex->__data.__kind, __ATOMIC_RELAXED) != made;
}
#else
static int overwritten(pthread_mutex_t *mutex)
{
    (void) mutex;
    return 0;
}
#endif

#ifdef __GLIBC__
/* glibc's trylock on a mutex made unrecoverable returns ENOTRECOVERABLE but leaves it held by the caller
 * (everyone else then sees it busy, for ever): give it back if it is still ours. */
static void release_unrecoverable(pthread_mutex_t *mutex)
{
    uint32_t *word = (uint32_t *) &mutex->__data.__lock;
    uint32_t self = (uint32_t) syscall(SYS_gettid);
    uint32_t seen = __atomic_load_n(word, __ATOMIC_RELAXED);
    while ((seen & FUTEX_TID_MASK) == self) {
        if (__atomic_compare_exchange_n(word, &seen, 0, 0, __ATOMIC_RELEASE, __ATOMIC_RELAXED)) {
            if ((seen & FUTEX_WAITERS) != 0) {
                ipc4j_futex_wake(word, INT32_MAX);
            }
            return;
        }
    }
}

static int try_lock(pthread_mutex_t *mutex)
{
    int rc = pthread_mutex_trylock(mutex);
    if (rc == ENOTRECOVERABLE) {
        release_unrecoverable(mutex);
    }
    return rc;
}

/* The wait happens here, not in glibc, which ends the process when its futex wait fails with EFAULT: the
 * kernel answers that when another process truncated the memory under the lock and the wait reads the lock
 * word again (a wait restarted after a signal its thread did not handle, or woken spuriously). Here it is
 * the memory lost. The lock is only ever taken by trylock (no kernel wait in glibc); a waiter asks the
 * holder's unlock for a wake-up as glibc's own waiters do (FUTEX_WAITERS), and one that slept keeps that
 * bit set once it holds the lock, since others may still sleep. */
static int lock_unguarded(void *at, int64_t timeout_ns)
{
    pthread_mutex_t *mutex = at;
    uint32_t *word = (uint32_t *) &mutex->__data.__lock;
    if (overwritten(mutex)) {
        return IPC4J_ROBUST_MUTEX_OVERWRITTEN;
    }
    int64_t deadline = timeout_ns > 0 ? ipc4j_monotonic_ns() + timeout_ns : 0;
    int slept = 0;
    for (;;) {
        int rc = try_lock(mutex);
        if (rc != EBUSY) {
            if (slept && (rc == 0 || rc == EOWNERDEAD)) {
                __atomic_fetch_or(word, FUTEX_WAITERS, __ATOMIC_RELAXED);
            }
            return -rc;
        }
        if (timeout_ns == 0) {
            return -EBUSY;
        }
        int64_t left = timeout_ns < 0 ? -1 : deadline - ipc4j_monotonic_ns();
        if (timeout_ns > 0 && left <= 0) {
            return -ETIMEDOUT;
        }
        uint32_t seen = __atomic_load_n(word, __ATOMIC_RELAXED);
        if (seen == 0 || (seen & FUTEX_OWNER_DIED) != 0) {
            continue; /* given back, or its holder died: trylock takes it */
        }
        if ((seen & FUTEX_WAITERS) == 0
            && !__atomic_compare_exchange_n(word, &seen, seen | FUTEX_WAITERS, 0, __ATOMIC_RELAXED,
                                            __ATOMIC_RELAXED)) {
            continue;
        }
        slept = 1;
        int waited = ipc4j_futex_wait(word, seen | FUTEX_WAITERS, left);
        if (waited == -EFAULT) {
            return IPC4J_ROBUST_MUTEX_LOST;
        }
        if (waited != 0 && waited != -EINTR && waited != -ETIMEDOUT) {
            return waited; /* an error of the kernel's to report rather than retry */
        }
    }
}
#else
static int lock_unguarded(void *at, int64_t timeout_ns)
{
    pthread_mutex_t *mutex = at;
    struct timespec deadline;
    if (overwritten(mutex)) {
        return IPC4J_ROBUST_MUTEX_OVERWRITTEN;
    }
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

#endif

static int unlock_unguarded(void *at)
{
    return overwritten(at) ? IPC4J_ROBUST_MUTEX_OVERWRITTEN : -pthread_mutex_unlock((pthread_mutex_t *) at);
}

static int consistent_unguarded(void *at)
{
    return -pthread_mutex_consistent((pthread_mutex_t *) at);
}

/* Every call touches the mutex inside the fault guard (ipc4j_fault_guard.h): a process that truncates the shared
 * memory under it then makes the call return IPC4J_ROBUST_MUTEX_LOST instead of ending this process with SIGBUS.
 * Without the guard's handler (its setup failed) a call is what it was before. */
static void guard(void *at)
{
    ipc4j_fault_guard_range(at, sizeof(pthread_mutex_t));
}

int ipc4j_robust_mutex_init(void *at)
{
    guard(at);
    return (int) ipc4j_fault_guard_result(init_unguarded(at));
}

int ipc4j_robust_mutex_lock(void *at, int64_t timeout_ns)
{
    guard(at);
    return (int) ipc4j_fault_guard_result(lock_unguarded(at, timeout_ns));
}

int ipc4j_robust_mutex_unlock(void *at)
{
    guard(at);
    return (int) ipc4j_fault_guard_result(unlock_unguarded(at));
}

int ipc4j_robust_mutex_consistent(void *at)
{
    guard(at);
    return (int) ipc4j_fault_guard_result(consistent_unguarded(at));
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
