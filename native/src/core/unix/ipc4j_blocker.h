/* Cutting short a blocking call that has no descriptor to poll (sem_wait, semop, msgrcv, ...), or
 * whose descriptor wait (ppoll) must end on interrupt and close.
 *
 * A blocker belongs to one call at a time (the Java side lends one to each blocking call from a
 * pool); the call runs between ipc4j_blocker_begin() and ipc4j_blocker_end(), which record the OS
 * thread running it *for that call*: a virtual thread's carrier or a pooled worker is whatever
 * thread is running now, never one remembered from before. Another thread's ipc4j_blocker_wake()
 * then sends that thread the wake signal (a no-op handler without SA_RESTART), so the call fails
 * with EINTR.
 *
 * The state word carries a generation that end() advances, so a wake is aimed at one call and never
 * outlives it: a wake that finds the blocker between calls leaves a pending wake (the next begin
 * returns -EINTR, which the caller treats as "check and try again"), and a wake that finds a call
 * in progress re-sends the signal (a signal that lands between begin() and the system call would
 * be lost) only while that same call is in progress. The thread cannot leave the call while a
 * signal is being sent to it, so no signal reaches a thread that has moved on or exited.
 *
 * The signal is a standard one on Linux (SIGSTKFLT; SIGUSR1 on macOS), not a real-time one: a
 * standard signal is delivered even when RLIMIT_SIGPENDING is reached (repeats merge), where a
 * queued real-time signal fails with EAGAIN. ipc4j_blocker_setup() can choose another.
 *
 * A timed begin arms a timer of the calling OS thread (made on first need, Linux only), which sends
 * the same signal at the deadline and every few milliseconds after: calls that take no timeout, like
 * msgrcv, then end on time too, on the monotonic clock. Where there is no such timer (macOS, or a
 * timer refused under RLIMIT_SIGPENDING), ipc4j_blocker_call polls instead. */
#ifndef IPC4J_BLOCKER_H
#define IPC4J_BLOCKER_H

#include <errno.h>
#include <stdint.h>

struct ipc4j_blocker;

/* Chooses the wake signal (0: the default) and installs its handler. Returns 0; -EINVAL for a signal
 * that cannot be used; -EBUSY when the signal already has a handler that is not ipc4j's (another
 * copy of ipc4j, loaded by another class loader, shares its handler). Idempotent; a later call with
 * another signal once the handler is installed returns -EALREADY. */
int ipc4j_blocker_setup(int signal);

/* The wake signal in use. */
int ipc4j_blocker_signal(void);

/* Returns NULL with errno set on failure. Calls ipc4j_blocker_setup(0) if nothing did before. */
struct ipc4j_blocker *ipc4j_blocker_create(void);
void ipc4j_blocker_free(struct ipc4j_blocker *blocker);

/* begin's answers besides 0 and -EINTR (a wake is pending: do not make the call) */
#define IPC4J_BLOCKER_NO_TIMER (-EAGAIN)      /* timed begin, but this thread has no timer: not begun */
#define IPC4J_BLOCKER_BROKEN (-ENOTRECOVERABLE) /* the wake signal's handler is not ipc4j's any more */

/* Marks the start of a blocking call by the calling thread, with an optional timeout (timeout_ns < 0:
 * none). Returns 0 (then call end() after the call), or one of the answers above (then do not). */
int ipc4j_blocker_begin(struct ipc4j_blocker *blocker, int64_t timeout_ns);
/* Marks its end (whatever the call returned). */
void ipc4j_blocker_end(struct ipc4j_blocker *blocker);

/* From any thread: makes the current call under blocker return EINTR (or the next one, if the
 * blocker is between calls). Returns 0, or -ETIMEDOUT when the call did not leave within seconds of
 * signalling (it cannot be woken: see IPC4J_BLOCKER_BROKEN). */
int ipc4j_blocker_wake(struct ipc4j_blocker *blocker);

/* Whether the wake signal's handler was found replaced by code outside ipc4j (every later begin()
 * then returns IPC4J_BLOCKER_BROKEN). */
int ipc4j_blocker_broken(void);

/* One try of a call that can block: nowait 0 lets it block, 1 makes it return at once. Returns a
 * result (>= 0) or -errno. */
typedef long (*ipc4j_blocking_call)(void *arg, int nowait);

/* Runs call inside the blocker: returns what it returned, or -EINTR when woken, when a pending wake
 * kept it from starting, or when the timeout passed (the caller then checks its own deadline and
 * calls again or gives up), or IPC4J_BLOCKER_BROKEN. Where the thread has no timer a timed call is
 * instead tried without blocking and, while it returns would_block, the thread sleeps a few
 * milliseconds (woken early as any blocked call is) before -EINTR sends the caller round again. */
long ipc4j_blocker_call(struct ipc4j_blocker *blocker, int64_t timeout_ns, ipc4j_blocking_call call, void *arg,
                        long would_block);

/* CLOCK_MONOTONIC now, in nanoseconds. */
int64_t ipc4j_monotonic_ns(void);

#endif
