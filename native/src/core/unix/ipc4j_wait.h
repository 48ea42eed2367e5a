/* Waiting on a descriptor in a way another thread can cut short.
 *
 * Every blocking ipc4j call waits in ipc4j_wait_fd() on three things at once: the object's own
 * descriptor, the object's "closed" wake descriptor (signalled once, when the object is closed,
 * and never drained), and the calling thread's own wake descriptor (signalled when the thread is
 * interrupted, drained by the wait that sees it). The timeout is relative and measured on the
 * monotonic clock, so a wall-clock jump neither ends nor stretches it. */
#ifndef IPC4J_WAIT_H
#define IPC4J_WAIT_H

#include <stdint.h>

enum ipc4j_wait_result {
    IPC4J_WAIT_READY = 0,   /* the object's descriptor is ready (or in error: the next call says) */
    IPC4J_WAIT_TIMEOUT = 1, /* the timeout passed */
    IPC4J_WAIT_CLOSED = 2,  /* the object's closed descriptor is signalled */
    IPC4J_WAIT_WOKEN = 3    /* the thread's wake descriptor was signalled (and is now drained) */
};

enum ipc4j_wait_for { IPC4J_WAIT_FOR_READ = 0, IPC4J_WAIT_FOR_WRITE = 1 };

/* A wake descriptor: read end and write end (the same descriptor where eventfd exists). */
struct ipc4j_wake {
    int read_fd;
    int write_fd;
};

/* Creates a non-blocking, close-on-exec wake descriptor. Returns 0 or -errno. */
int ipc4j_wake_open(struct ipc4j_wake *wake);
/* Makes the wake descriptor readable. Returns 0 or -errno. Async-signal-safe. */
int ipc4j_wake_signal(int write_fd);
/* Empties the wake descriptor. */
void ipc4j_wake_drain(int read_fd);
void ipc4j_wake_close(struct ipc4j_wake wake);

/* Waits until fd is ready for `direction`, closed_fd or wake_fd is readable, or timeout_ns
 * passes (timeout_ns < 0: no timeout). Either wake descriptor may be -1 (not watched).
 * Returns an ipc4j_wait_result, or -errno (-EINTR when a signal arrived: the caller recomputes
 * its remaining time and calls again). */
int ipc4j_wait_fd(int fd, enum ipc4j_wait_for direction, int closed_fd, int wake_fd, int64_t timeout_ns);

#endif
