#include "ipc4j_blocker.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif

/* The state word: the call's generation above the low three bits, its phase in the low two, and a
 * bit set while a waker is sending the signal (end() waits for it to clear). */
enum { IDLE = 0, BLOCKED = 1, WOKEN = 2, PENDING = 3 };
#define PHASE_MASK UINT64_C(3)
#define SENDING UINT64_C(4)
#define GENERATION_ONE UINT64_C(8)
#define GENERATION(s) ((s) & ~(PHASE_MASK | SENDING))

/* the first re-signal pauses, and how they grow while the thread has not left its call */
#define RESIGNAL_FIRST_NS 50000L
#define RESIGNAL_MAX_NS 10000000L
/* a call still in progress this long after the first signal: look at who handles the signal */
#define STALL_CHECK_NS 100000000L
/* ... and this long: give up (the wake is bounded; the caller reports it) */
#define GIVE_UP_NS 5000000000LL
#define DEADLINE_RESIGNAL_NS 5000000L
/* without a timer: the longest sleep between two tries of a timed call */
#define POLL_PAUSE_NS 2000000L

struct ipc4j_blocker {
    _Atomic uint64_t state;
    pthread_t thread;                    /* the thread in the current call: written by begin() before
                                          * it publishes BLOCKED, read by a waker after it sees BLOCKED */
    int timer_armed;                     /* begin() armed its thread's timer: end() disarms it (kept here,
                                          * not in thread-local state, so an untimed call reads no TLS) */
};

/* ---- the signal and its handler ---- */

static pthread_mutex_t setup_lock = PTHREAD_MUTEX_INITIALIZER;
static int wake_signal;    /* 0 until set up */
static int setup_result;   /* what the first successful-or-not setup answered */
static _Atomic int broken; /* the handler was found replaced */

static int default_signal(void)
{
#if defined(__linux__) && defined(SIGSTKFLT)
    return SIGSTKFLT;
#else
    return SIGUSR1;
#endif
}

static void on_wake_signal(int sig)
{
    (void) sig; /* its only job is to make the interrupted call return EINTR */
}

/* Whether handler is ipc4j's: this copy's, or that of another copy of the library (loaded by another
 * class loader from another file; libraries stay mapped once loaded, see ipc4j_pin_library). */
static int is_ipc4j_handler(void (*handler)(int))
{
    if (handler == on_wake_signal) {
        return 1;
    }
    Dl_info info;
    if (dladdr((void *) (uintptr_t) handler, &info) == 0 || info.dli_fname == NULL) {
        return 0;
    }
    const char *base = strrchr(info.dli_fname, '/');
    base = base == NULL ? info.dli_fname : base + 1;
    return strstr(base, "ipc4j") != NULL;
}

static int install_handler(int sig)
{
    struct sigaction old;
    if (sigaction(sig, NULL, &old) != 0) {
        return -EINVAL;
    }
    if (old.sa_handler != SIG_DFL && old.sa_handler != SIG_IGN) {
        if ((old.sa_flags & SA_SIGINFO) == 0 && is_ipc4j_handler(old.sa_handler)) {
            return 0; /* another copy of ipc4j installed it: share it */
        }
        return -EBUSY;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_wake_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: the call must fail with EINTR */
    return sigaction(sig, &sa, NULL) == 0 ? 0 : -errno;
}

int ipc4j_blocker_setup(int signal)
{
    pthread_mutex_lock(&setup_lock);
    int rc;
    int sig = signal == 0 ? default_signal() : signal;
    if (wake_signal != 0) {
        rc = (signal == 0 || signal == wake_signal) ? setup_result : -EALREADY;
    } else if (sig <= 0 || sig == SIGKILL || sig == SIGSTOP || sig == SIGSEGV || sig == SIGBUS || sig >= 65) {
        rc = -EINVAL;
    } else {
        rc = install_handler(sig);
        wake_signal = sig;
        setup_result = rc;
    }
    pthread_mutex_unlock(&setup_lock);
    return rc;
}

int ipc4j_blocker_signal(void)
{
    return wake_signal != 0 ? wake_signal : default_signal();
}

int ipc4j_blocker_broken(void)
{
    return atomic_load_explicit(&broken, memory_order_relaxed);
}

/* After a call stayed in progress although signalled: if someone replaced the handler (with
 * SA_RESTART the call is restarted and never returns), put ipc4j's back so the stuck call ends, and
 * remember it: every later blocking call then fails with a clear error instead of risking a hang. */
static void check_handler(void)
{
    struct sigaction current;
    if (sigaction(wake_signal, NULL, &current) != 0) {
        return;
    }
    if ((current.sa_flags & SA_SIGINFO) == 0 && (current.sa_flags & SA_RESTART) == 0
            && is_ipc4j_handler(current.sa_handler)) {
        return;
    }
    atomic_store(&broken, 1);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_wake_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(wake_signal, &sa, NULL);
}

/* ---- the calling thread's own state ---- */

/* A thread whose signal mask blocks the wake signal could never be woken: unblock it once per thread. */
static _Thread_local int signal_unblocked;

static void unblock_signal(void)
{
    if (!signal_unblocked) {
        sigset_t unblock;
        sigemptyset(&unblock);
        sigaddset(&unblock, wake_signal);
        pthread_sigmask(SIG_UNBLOCK, &unblock, NULL);
        signal_unblocked = 1;
    }
}

int64_t ipc4j_monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

#ifdef IPC4J_HAVE_THREAD_TIMER
/* The calling OS thread's timer, made on its first timed call and deleted when the thread ends. A
 * timer takes a slot of RLIMIT_SIGPENDING: where none is left the call polls instead. */
struct thread_timer {
    int state; /* 0 none yet, 1 made, -1 refused (retried after a while) */
    timer_t timer;
    int64_t retry_after_ns;
};
static _Thread_local struct thread_timer own_timer;
static pthread_key_t timer_key;
static pthread_once_t timer_key_once = PTHREAD_ONCE_INIT;

static void delete_timer(void *timer)
{
    (void) timer;
    if (own_timer.state == 1) {
        timer_delete(own_timer.timer);
        own_timer.state = 0;
    }
}

static void make_timer_key(void)
{
    pthread_key_create(&timer_key, delete_timer);
}

static int have_timer(void)
{
    if (own_timer.state == 1) {
        return 1;
    }
    if (own_timer.state == -1 && ipc4j_monotonic_ns() < own_timer.retry_after_ns) {
        return 0;
    }
    pthread_once(&timer_key_once, make_timer_key);
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_THREAD_ID;
    ev.sigev_signo = wake_signal;
#ifdef sigev_notify_thread_id
    ev.sigev_notify_thread_id = (pid_t) syscall(SYS_gettid);
#else
    ev._sigev_un._tid = (pid_t) syscall(SYS_gettid);
#endif
    if (timer_create(CLOCK_MONOTONIC, &ev, &own_timer.timer) != 0) {
        own_timer.state = -1;
        own_timer.retry_after_ns = ipc4j_monotonic_ns() + 1000000000;
        return 0;
    }
    own_timer.state = 1;
    pthread_setspecific(timer_key, &own_timer); /* so that the destructor runs at thread exit */
    return 1;
}

static void set_timer(int64_t timeout_ns)
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
    timer_settime(own_timer.timer, 0, &spec, NULL);
}
#endif

/* ---- blockers ---- */

struct ipc4j_blocker *ipc4j_blocker_create(void)
{
    int rc = ipc4j_blocker_setup(0);
    if (rc != 0) {
        errno = -rc;
        return NULL;
    }
    struct ipc4j_blocker *blocker = calloc(1, sizeof *blocker);
    if (blocker == NULL) {
        return NULL;
    }
    atomic_init(&blocker->state, 0);
    return blocker;
}

void ipc4j_blocker_free(struct ipc4j_blocker *blocker)
{
    free(blocker);
}

int ipc4j_blocker_begin(struct ipc4j_blocker *blocker, int64_t timeout_ns)
{
    if (atomic_load_explicit(&broken, memory_order_relaxed)) {
        return IPC4J_BLOCKER_BROKEN;
    }
#ifdef IPC4J_HAVE_THREAD_TIMER
    if (timeout_ns >= 0 && !have_timer()) {
        return IPC4J_BLOCKER_NO_TIMER;
    }
#else
    if (timeout_ns >= 0) {
        return IPC4J_BLOCKER_NO_TIMER;
    }
#endif
    unblock_signal();
    blocker->thread = pthread_self();
    uint64_t s = atomic_load(&blocker->state);
    for (;;) {
        if ((s & PHASE_MASK) == PENDING) {
            atomic_store(&blocker->state, GENERATION(s) + GENERATION_ONE);
            return -EINTR;
        }
        /* IDLE: a waker can only turn it into PENDING meanwhile, which the next round sees */
        if (atomic_compare_exchange_weak(&blocker->state, &s, GENERATION(s) | BLOCKED)) {
            break;
        }
    }
#ifdef IPC4J_HAVE_THREAD_TIMER
    if (timeout_ns >= 0) {
        set_timer(timeout_ns);
        blocker->timer_armed = 1;
    }
#endif
    return 0;
}

void ipc4j_blocker_end(struct ipc4j_blocker *blocker)
{
#ifdef IPC4J_HAVE_THREAD_TIMER
    /* disarm only what begin() armed: a call without a timeout then costs no system call but its own */
    if (blocker->timer_armed) {
        set_timer(-1);
        blocker->timer_armed = 0;
    }
#endif
    uint64_t s = atomic_load(&blocker->state);
    for (;;) {
        if (s & SENDING) {
            sched_yield(); /* a waker is inside pthread_kill for this thread: let it finish */
            s = atomic_load(&blocker->state);
            continue;
        }
        if (atomic_compare_exchange_weak(&blocker->state, &s, GENERATION(s) + GENERATION_ONE)) {
            return;
        }
    }
}

static int64_t elapsed_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t) (now.tv_sec - start->tv_sec) * 1000000000 + (now.tv_nsec - start->tv_nsec);
}

/* Signals the thread of call `woken` (the state value it has while woken) until that call ends. */
static int signal_until_left(struct ipc4j_blocker *blocker, uint64_t woken)
{
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    long pause_ns = RESIGNAL_FIRST_NS;
    int checked = 0;
    for (;;) {
        uint64_t expected = woken;
        if (!atomic_compare_exchange_strong(&blocker->state, &expected, woken | SENDING)) {
            return 0; /* the call ended: this wake is done */
        }
        /* EAGAIN cannot happen for a standard signal; for a real-time one chosen by the user it
         * means RLIMIT_SIGPENDING is reached: the loop simply tries again */
        pthread_kill(blocker->thread, wake_signal);
        atomic_fetch_and(&blocker->state, ~SENDING);
        struct timespec pause = { 0, pause_ns };
        nanosleep(&pause, NULL);
        if (atomic_load(&blocker->state) != woken) {
            return 0;
        }
        pause_ns = pause_ns * 2 > RESIGNAL_MAX_NS ? RESIGNAL_MAX_NS : pause_ns * 2;
        int64_t elapsed = elapsed_since(&start);
        if (!checked && elapsed > STALL_CHECK_NS) {
            checked = 1;
            check_handler();
        }
        if (elapsed > GIVE_UP_NS) {
            return -ETIMEDOUT;
        }
    }
}

int ipc4j_blocker_wake(struct ipc4j_blocker *blocker)
{
    uint64_t s = atomic_load(&blocker->state);
    for (;;) {
        if (s & SENDING) {
            return 0; /* another waker is signalling this call */
        }
        switch (s & PHASE_MASK) {
        case IDLE:
            if (atomic_compare_exchange_weak(&blocker->state, &s, GENERATION(s) | PENDING)) {
                return 0;
            }
            break;
        case BLOCKED:
            if (atomic_compare_exchange_weak(&blocker->state, &s, GENERATION(s) | WOKEN)) {
                return signal_until_left(blocker, GENERATION(s) | WOKEN);
            }
            break;
        default:
            return 0; /* WOKEN or PENDING already: one waker per call is enough */
        }
    }
}

long ipc4j_blocker_call(struct ipc4j_blocker *blocker, int64_t timeout_ns, ipc4j_blocking_call call, void *arg,
                        long would_block)
{
    int rc = ipc4j_blocker_begin(blocker, timeout_ns);
    if (rc == IPC4J_BLOCKER_NO_TIMER) {
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
    if (rc != 0) {
        return rc;
    }
    long r = call(arg, 0);
    ipc4j_blocker_end(blocker);
    return r;
}
