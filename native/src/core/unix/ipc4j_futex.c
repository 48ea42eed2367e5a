#include "ipc4j_futex.h"

#include <errno.h>
#include <limits.h>
#include <time.h>

#if defined(__linux__)
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>
#elif defined(__APPLE__) && defined(__has_include)
#if __has_include(<os/os_sync_wait_on_address.h>)
#include <os/clock.h>
#include <os/os_sync_wait_on_address.h>
#define IPC4J_HAVE_OS_SYNC 1
#endif
#endif

#if defined(__linux__)

int ipc4j_futex_supported(void)
{
    return 1;
}

int ipc4j_futex_wait(const uint32_t *word, uint32_t expected, int64_t timeout_ns)
{
    struct timespec timeout;
    struct timespec *limit = NULL;
    if (timeout_ns >= 0) {
        timeout.tv_sec = (time_t) (timeout_ns / 1000000000);
        timeout.tv_nsec = (long) (timeout_ns % 1000000000);
        limit = &timeout; /* FUTEX_WAIT's timeout is relative, on the monotonic clock */
    }
    /* no FUTEX_PRIVATE_FLAG: the word is in memory another process maps */
    if (syscall(SYS_futex, word, FUTEX_WAIT, expected, limit, NULL, 0) == 0) {
        return 0;
    }
    return errno == EAGAIN ? 0 : -errno;
}

int ipc4j_futex_wake(uint32_t *word, int count)
{
    if (syscall(SYS_futex, word, FUTEX_WAKE, count < 1 ? 1 : count, NULL, NULL, 0) < 0) {
        return -errno;
    }
    return 0;
}

#elif defined(IPC4J_HAVE_OS_SYNC)

int ipc4j_futex_supported(void)
{
    if (__builtin_available(macOS 14.4, *)) {
        return 1;
    }
    return 0;
}

int ipc4j_futex_wait(const uint32_t *word, uint32_t expected, int64_t timeout_ns)
{
    if (__builtin_available(macOS 14.4, *)) {
        int r;
        if (timeout_ns < 0) {
            r = os_sync_wait_on_address((void *) (uintptr_t) word, expected, 4, OS_SYNC_WAIT_ON_ADDRESS_SHARED);
        } else {
            r = os_sync_wait_on_address_with_timeout((void *) (uintptr_t) word, expected, 4,
                                                     OS_SYNC_WAIT_ON_ADDRESS_SHARED, OS_CLOCK_MACH_ABSOLUTE_TIME,
                                                     (uint64_t) (timeout_ns == 0 ? 1 : timeout_ns));
        }
        if (r >= 0) {
            return 0;
        }
        return errno == EFAULT ? -EFAULT : -errno;
    }
    return -ENOSYS;
}

int ipc4j_futex_wake(uint32_t *word, int count)
{
    if (__builtin_available(macOS 14.4, *)) {
        int r = count > 1 ? os_sync_wake_by_address_all(word, 4, OS_SYNC_WAKE_BY_ADDRESS_SHARED)
                          : os_sync_wake_by_address_any(word, 4, OS_SYNC_WAKE_BY_ADDRESS_SHARED);
        /* ENOENT: nobody was waiting, which is no failure */
        return r == 0 || errno == ENOENT ? 0 : -errno;
    }
    return -ENOSYS;
}

#else

int ipc4j_futex_supported(void)
{
    return 0;
}

int ipc4j_futex_wait(const uint32_t *word, uint32_t expected, int64_t timeout_ns)
{
    (void) word;
    (void) expected;
    (void) timeout_ns;
    return -ENOSYS;
}

int ipc4j_futex_wake(uint32_t *word, int count)
{
    (void) word;
    (void) count;
    return -ENOSYS;
}

#endif

struct wait_args {
    const uint32_t *word;
    uint32_t expected;
    int64_t timeout_ns;
};

static long wait_call(void *arg, int nowait)
{
    const struct wait_args *a = arg;
    if (nowait) {
        return __atomic_load_n(a->word, __ATOMIC_ACQUIRE) != a->expected ? 0 : -ETIMEDOUT;
    }
    return ipc4j_futex_wait(a->word, a->expected, a->timeout_ns);
}

int ipc4j_futex_wait_blocking(struct ipc4j_blocker *blocker, const uint32_t *word, uint32_t expected,
                              int64_t timeout_ns)
{
    struct wait_args args = { word, expected, timeout_ns };
    /* no blocker timeout: the kernel wait has its own, and arming the thread's timer would cost two
     * more system calls per wait */
    return (int) ipc4j_blocker_call(blocker, -1, wait_call, &args, -ETIMEDOUT);
}
