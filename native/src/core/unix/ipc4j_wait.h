/* Waiting for a descriptor to be ready. A call that must be cut short (interrupt, close) waits under
 * its blocker (ipc4j_blocker.h): the blocker's signal ends the wait with -EINTR. The timeout is relative
 * and measured on the monotonic clock, so a wall-clock jump neither ends nor stretches it. */
#ifndef IPC4J_WAIT_H
#define IPC4J_WAIT_H

#include <stdint.h>

enum ipc4j_wait_result {
    IPC4J_WAIT_READY = 0,  /* the descriptor is ready (or in error: the next call says) */
    IPC4J_WAIT_TIMEOUT = 1 /* the timeout passed */
};

enum ipc4j_wait_for { IPC4J_WAIT_FOR_READ = 0, IPC4J_WAIT_FOR_WRITE = 1 };

/* Waits until fd is ready for `direction` or timeout_ns passes (timeout_ns < 0: no timeout). Returns an
 * ipc4j_wait_result, or -errno (-EINTR when a signal arrived: the caller looks at why, recomputes its
 * remaining time and calls again). */
int ipc4j_wait_fd(int fd, enum ipc4j_wait_for direction, int64_t timeout_ns);

#endif
