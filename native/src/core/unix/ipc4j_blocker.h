/* Cutting short a blocking call that has no descriptor to poll (sem_wait, semop, msgrcv, ...).
 *
 * Each thread that makes such calls owns one blocker. The call runs between
 * ipc4j_blocker_begin() and ipc4j_blocker_end(); another thread's ipc4j_blocker_wake() then
 * sends the thread the wake signal (a no-op handler installed without SA_RESTART), so the call
 * fails with EINTR. A signal that lands after begin() but before the thread is inside the call
 * would be lost, so wake() repeats it until the thread has left the call. A wake that finds the
 * thread outside a call stays pending, and the next begin() returns -EINTR at once.
 *
 * A timed begin also arms a per-thread timer that sends the same signal at the deadline (and
 * again every few milliseconds after it, for the same lost-signal reason): calls that take no
 * timeout, like msgrcv, then end on time too. The timeout is on the monotonic clock. */
#ifndef IPC4J_BLOCKER_H
#define IPC4J_BLOCKER_H

#include <stdint.h>

struct ipc4j_blocker;

/* Creates the calling thread's blocker; installs the wake signal's handler on first use.
 * Returns NULL with errno set on failure. */
struct ipc4j_blocker *ipc4j_blocker_create(void);
void ipc4j_blocker_free(struct ipc4j_blocker *blocker);

/* Marks the start of a blocking call by the owning thread, with an optional timeout
 * (timeout_ns < 0: none). Returns 0, or -EINTR when a wake is pending (do not make the call). */
int ipc4j_blocker_begin(struct ipc4j_blocker *blocker, int64_t timeout_ns);
/* Marks its end (whatever the call returned). */
void ipc4j_blocker_end(struct ipc4j_blocker *blocker);

/* From any thread: makes the owner's current (or next) blocking call return EINTR. Returns once
 * the owner has left the call it was in, if any. */
void ipc4j_blocker_wake(struct ipc4j_blocker *blocker);

/* One try of a call that can block: nowait 0 lets it block, 1 makes it return at once. Returns a
 * result (>= 0) or -errno. */
typedef long (*ipc4j_blocking_call)(void *arg, int nowait);

/* Runs call inside the blocker: returns what it returned, or -EINTR when woken, when a pending wake
 * kept it from starting, or when the timeout passed (the caller then checks its own deadline and
 * calls again or gives up). Where the OS has no per-thread timer (macOS) a timed call is instead
 * tried without blocking and, while it returns would_block, the thread sleeps a few milliseconds
 * (woken early as any blocked call is) before -EINTR sends the caller round again. */
long ipc4j_blocker_call(struct ipc4j_blocker *blocker, int64_t timeout_ns, ipc4j_blocking_call call, void *arg,
                        long would_block);

/* The signal used for waking (SIGRTMAX - 3 where real-time signals exist). */
int ipc4j_blocker_signal(void);

#endif
