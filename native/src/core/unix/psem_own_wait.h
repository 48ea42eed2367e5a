/* A POSIX semaphore's wait done by ipc4j on glibc's semaphore word, instead of inside sem_wait: glibc ends
 * the process when its futex wait fails with EFAULT, which the kernel answers when another process truncated
 * the semaphore's file and the wait reads the word again (a wait restarted after a stop or a signal its
 * thread did not handle). Here that is an error the caller reports.
 *
 * glibc 2.21 and later on 64-bit little-endian Linux keep a semaphore's count in the low 32 bits of its first
 * 8 bytes and its number of waiters in the high 32 (sem_post wakes one waiter on the count's word when there
 * are any); this wait registers as such a waiter, as sem_wait does. Elsewhere it is not available. */
#ifndef IPC4J_PSEM_OWN_WAIT_H
#define IPC4J_PSEM_OWN_WAIT_H

#include <semaphore.h>

/* Whether the running C library keeps the layout above: 1 or 0. */
int ipc4j_psem_own_wait_available(void);

/* Takes a permit, sleeping while there is none: 0, -EINTR (a signal: the blocker's wake or timer), -EFAULT
 * (the semaphore's memory is gone) or another -errno of the kernel's wait. Only where
 * ipc4j_psem_own_wait_available(). */
long ipc4j_psem_own_wait(sem_t *sem);

#endif
