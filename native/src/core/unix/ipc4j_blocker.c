#include "ipc4j_blocker.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif

enum { IDLE = 0, BLOCKED = 1, WOKEN = 2 };

/* how often a wake, and a passed deadline, repeat the signal until the thread has left its call */
#define RESIGNAL_NS 200000L
#define DEADLINE_RESIGNAL_NS 5000000L
/* without a per-thread timer: the longest sleep between two tries of a timed call */
#define POLL_PAUSE_NS 2000000L

struct ipc4j_blocker {
    _Atomic int state;
    pthread_t thread;
#ifdef IPC4J_HAVE_THREAD_TIMER
    timer_t timer;
    int armed; /* only the owner reads and writes it: whether end() has a timer to disarm */
#endif
};

int ipc4j_blocker_signal(void)
{
#ifdef SIGRTMAX
    return SIGRTMAX - 3;
#else
    return SIGUSR1;
#endif
}

static void on_wake_signal(int sig)
{
    (void) sig; /* its only job is to make the interrupted call return EINTR */
}

static pthread_once_t handler_once = PTHREAD_ONCE_INIT;
static int handler_error;

static void install_handler(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_wake_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: the call must fail with EINTR */
    if (sigaction(ipc4j_blocker_signal(), &sa, NULL) != 0) {
        handler_error = errno;
    }
}

struct ipc4j_blocker *ipc4j_blocker_create(void)
{
    pthread_once(&handler_once, install_handler);
    if (handler_error != 0) {
        errno = handler_error;
        return NULL;
    }
    /* a thread that blocks the wake signal could never be woken */
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, ipc4j_blocker_signal());
    pthread_sigmask(SIG_UNBLOCK, &unblock, NULL);

    struct ipc4j_blocker *blocker = calloc(1, sizeof *blocker);
    if (blocker == NULL) {
        return NULL;
    }
    atomic_init(&blocker->state, IDLE);
    blocker->thread = pthread_self();
#ifdef IPC4J_HAVE_THREAD_TIMER
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_THREAD_ID;
    ev.sigev_signo = ipc4j_blocker_signal();
#ifdef sigev_notify_thread_id
    ev.sigev_notify_thread_id = (pid_t) syscall(SYS_gettid);
#else
    ev._sigev_un._tid = (pid_t) syscall(SYS_gettid);
#endif
    if (timer_create(CLOCK_MONOTONIC, &ev, &blocker->timer) != 0) {
        int err = errno;
        free(blocker);
        errno = err;
        return NULL;
    }
#endif
    return blocker;
}

void ipc4j_blocker_free(struct ipc4j_blocker *blocker)
{
    if (blocker != NULL) {
#ifdef IPC4J_HAVE_THREAD_TIMER
        timer_delete(blocker->timer);
#endif
        free(blocker);
    }
}

#ifdef IPC4J_HAVE_THREAD_TIMER
static void arm_timer(struct ipc4j_blocker *blocker, int64_t timeout_ns)
{
    struct itimerspec spec;
    memset(&spec, 0, sizeof spec);
    if (timeout_ns >= 0) {
        if (timeout_ns == 0) {
            timeout_ns = 1; /* zero would disarm */
        }
        spec.it_value.tv_sec = (time_t) (timeout_ns / 1000000000);
        spec.it_value.tv_nsec = (long) (timeout_ns % 1000000000);
        spec.it_interval.tv_nsec = DEADLINE_RESIGNAL_NS;
    }
    timer_settime(blocker->timer, 0, &spec, NULL);
}
#endif

int ipc4j_blocker_begin(struct ipc4j_blocker *blocker, int64_t timeout_ns)
{
    int expected = IDLE;
    if (!atomic_compare_exchange_strong(&blocker->state, &expected, BLOCKED)) {
        atomic_store(&blocker->state, IDLE); /* consume the pending wake */
        return -EINTR;
    }
#ifdef IPC4J_HAVE_THREAD_TIMER
    if (timeout_ns >= 0) {
        arm_timer(blocker, timeout_ns);
        blocker->armed = 1;
    }
#else
    (void) timeout_ns; /* callers without the timer use calls that take a timeout themselves */
#endif
    return 0;
}

void ipc4j_blocker_end(struct ipc4j_blocker *blocker)
{
#ifdef IPC4J_HAVE_THREAD_TIMER
    /* disarm only what begin() armed: a call without a timeout then costs no system call but its own
     * (an unconditional timer_settime was one more per blocking call, found by bench/ with strace -c) */
    if (blocker->armed) {
        arm_timer(blocker, -1);
        blocker->armed = 0;
    }
#endif
    atomic_store(&blocker->state, IDLE);
}

void ipc4j_blocker_wake(struct ipc4j_blocker *blocker)
{
    int previous = atomic_exchange(&blocker->state, WOKEN);
    if (previous != BLOCKED) {
        return; /* not in a call: the wake stays pending for the next begin() (or another waker is on it) */
    }
    struct timespec pause = { 0, RESIGNAL_NS };
    while (atomic_load(&blocker->state) == WOKEN) {
        if (pthread_kill(blocker->thread, ipc4j_blocker_signal()) != 0) {
            return;
        }
        nanosleep(&pause, NULL);
    }
}

long ipc4j_blocker_call(struct ipc4j_blocker *blocker, int64_t timeout_ns, ipc4j_blocking_call call, void *arg,
                        long would_block)
{
#ifndef IPC4J_HAVE_THREAD_TIMER
    if (timeout_ns >= 0) {
        long r = call(arg, 1);
        if (r != would_block) {
            return r;
        }
        int64_t pause_ns = timeout_ns < POLL_PAUSE_NS ? timeout_ns : POLL_PAUSE_NS;
        if (ipc4j_blocker_begin(blocker, -1) == 0) {
            struct timespec pause = { 0, (long) pause_ns };
            nanosleep(&pause, NULL);
            ipc4j_blocker_end(blocker);
        }
        return -EINTR;
    }
#endif
    (void) would_block;
    int rc = ipc4j_blocker_begin(blocker, timeout_ns);
    if (rc != 0) {
        return rc;
    }
    long r = call(arg, 0);
    ipc4j_blocker_end(blocker);
    return r;
}
