#include "psem_own_wait.h"

#include <errno.h>
#include <stdint.h>

#include "ipc4j_futex.h"

#if defined(__GLIBC__) && defined(__linux__) && (defined(__x86_64__) || defined(__aarch64__)) \
    && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#include <gnu/libc-version.h>
#include <stdio.h>

#define WAITER ((uint64_t) 1 << 32)
#define COUNT_MASK ((uint64_t) 0xffffffffu)

int ipc4j_psem_own_wait_available(void)
{
    static int available = -1;
    int known = __atomic_load_n(&available, __ATOMIC_RELAXED);
    if (known == -1) {
        int major = 0;
        int minor = 0;
        /* the layout is the running glibc's (sem_open's), not the one this library was compiled against */
        known = sscanf(gnu_get_libc_version(), "%d.%d", &major, &minor) == 2
                && (major > 2 || (major == 2 && minor >= 21));
        __atomic_store_n(&available, known, __ATOMIC_RELAXED);
    }
    return known;
}

long ipc4j_psem_own_wait(sem_t *sem)
{
    uint64_t *data = (uint64_t *) (void *) sem;
    const uint32_t *count = (const uint32_t *) (void *) sem;
    uint64_t seen = __atomic_fetch_add(data, WAITER, __ATOMIC_RELAXED);
    long rc;
    for (;;) {
        if ((seen & COUNT_MASK) != 0) {
            /* a permit and no longer a waiter, in one step */
            if (__atomic_compare_exchange_n(data, &seen, seen - 1 - WAITER, 1, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
                return 0;
            }
            continue;
        }
        rc = ipc4j_futex_wait(count, 0, -1);
        if (rc != 0) {
            break; /* -EINTR, -EFAULT, or an error of the kernel's to report rather than retry */
        }
        seen = __atomic_load_n(data, __ATOMIC_RELAXED);
    }
    /* after EFAULT this access faults too: the caller's guard makes the page private and says it was lost */
    __atomic_fetch_sub(data, WAITER, __ATOMIC_RELAXED);
    return rc;
}
#else
int ipc4j_psem_own_wait_available(void)
{
    return 0;
}

long ipc4j_psem_own_wait(sem_t *sem)
{
    (void) sem;
    return -ENOSYS;
}
#endif
