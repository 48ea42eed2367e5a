/* Waiting on a 32-bit word in memory shared between processes, plain C (no JNI): the kernel wait
 * under the shared-memory channel (and under its plain C twin in bench/).
 *
 * Linux: futex(2) FUTEX_WAIT / FUTEX_WAKE without FUTEX_PRIVATE_FLAG, so a waiter in one process is
 * woken by a wake in another (the kernel keys the wait on the page, not the address space).
 * macOS 14.4+: os_sync_wait_on_address_with_timeout / os_sync_wake_by_address_any with
 * OS_SYNC_*_SHARED. Older macOS and other systems: -ENOSYS (the caller waits another way).
 *
 * Every call returns 0 or -errno. A wait returns 0 when woken or when the word no longer held
 * `expected` (the kernel's EAGAIN), -ETIMEDOUT when timeout_ns passed, -EINTR on a signal. */
#ifndef IPC4J_FUTEX_H
#define IPC4J_FUTEX_H

#include <stdint.h>

#include "ipc4j_blocker.h"

/* Whether this build and the running OS have a shared address wait: 1 or 0. */
int ipc4j_futex_supported(void);

/* Sleeps while *word == expected, at most timeout_ns (< 0: no limit). */
int ipc4j_futex_wait(const uint32_t *word, uint32_t expected, int64_t timeout_ns);

/* Wakes up to `count` waiters on word (count < 1 is taken as 1; INT32_MAX: all). */
int ipc4j_futex_wake(uint32_t *word, int count);

/* ipc4j_futex_wait under the calling thread's blocker, so that an interrupt or a close makes it
 * return -EINTR (the wake signal ends the kernel wait). The timeout is the wait's own: no timer is
 * armed, so a timed wait costs one system call. */
int ipc4j_futex_wait_blocking(struct ipc4j_blocker *blocker, const uint32_t *word, uint32_t expected,
                              int64_t timeout_ns);

#endif
