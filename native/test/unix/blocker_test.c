/* ipc4j_blocker: a thread blocked in a call with no descriptor is cut short by a wake from
 * another thread, by a pending wake, and by its own deadline. */
#include "ipc4j_test.h"
#include "ipc4j_blocker.h"

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <time.h>

static sem_t never_posted;
static struct ipc4j_blocker *_Atomic shared_blocker;
static _Atomic int result;

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void *blocked_in_sem_wait(void *arg)
{
    (void) arg;
    struct ipc4j_blocker *blocker = ipc4j_blocker_create();
    CHECK(blocker != NULL);
    shared_blocker = blocker;
    if (ipc4j_blocker_begin(blocker, -1) != 0) {
        result = -EINTR; /* the wake came before the call: it was pending */
        return blocker;
    }
    int rc = sem_wait(&never_posted);
    int err = errno;
    ipc4j_blocker_end(blocker);
    result = rc == 0 ? 0 : -err;
    return blocker;
}

static void test_wake_from_another_thread(void)
{
    CHECK_EQ(0, sem_init(&never_posted, 0, 0));
    shared_blocker = NULL;
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, NULL, blocked_in_sem_wait, NULL));
    while (shared_blocker == NULL) {
        sched_yield();
    }
    struct timespec pause = { 0, 20000000 };
    nanosleep(&pause, NULL); /* most likely inside sem_wait by now; the wake copes either way */
    ipc4j_blocker_wake(shared_blocker);
    void *blocker;
    CHECK_EQ(0, pthread_join(thread, &blocker));
    CHECK_EQ(-EINTR, result);
    ipc4j_blocker_free(blocker);
    sem_destroy(&never_posted);
}

static void test_pending_wake(void)
{
    struct ipc4j_blocker *blocker = ipc4j_blocker_create();
    CHECK(blocker != NULL);
    ipc4j_blocker_wake(blocker); /* not in a call: stays pending */
    CHECK_EQ(-EINTR, ipc4j_blocker_begin(blocker, -1));
    CHECK_EQ(0, ipc4j_blocker_begin(blocker, -1)); /* consumed */
    ipc4j_blocker_end(blocker);
    ipc4j_blocker_free(blocker);
}

static void test_deadline_ends_msgrcv(void)
{
#ifdef IPC4J_HAVE_THREAD_TIMER
    int queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    CHECK(queue >= 0);
    struct ipc4j_blocker *blocker = ipc4j_blocker_create();
    CHECK(blocker != NULL);
    struct {
        long type;
        char text[16];
    } message;
    int64_t start = now_ns();
    CHECK_EQ(0, ipc4j_blocker_begin(blocker, 50000000));
    ssize_t n = msgrcv(queue, &message, sizeof message.text, 0, 0);
    int err = errno;
    ipc4j_blocker_end(blocker);
    int64_t elapsed = now_ns() - start;
    CHECK_EQ(-1, n);
    CHECK_EQ(EINTR, err);
    CHECK(elapsed >= 50000000);
    /* after end() the timer is disarmed: a later untimed begin is not cut short by it */
    CHECK_EQ(0, ipc4j_blocker_begin(blocker, -1));
    ipc4j_blocker_end(blocker);
    ipc4j_blocker_free(blocker);
    msgctl(queue, IPC_RMID, NULL);
#endif
}

static void test_many_wakes(void)
{
    /* the lost-signal window: wake right after begin, many times */
    for (int i = 0; i < 200; i++) {
        CHECK_EQ(0, sem_init(&never_posted, 0, 0));
        shared_blocker = NULL;
        pthread_t thread;
        CHECK_EQ(0, pthread_create(&thread, NULL, blocked_in_sem_wait, NULL));
        while (shared_blocker == NULL) {
            sched_yield();
        }
        ipc4j_blocker_wake(shared_blocker);
        void *blocker;
        CHECK_EQ(0, pthread_join(thread, &blocker));
        CHECK_EQ(-EINTR, result);
        ipc4j_blocker_free(blocker);
        sem_destroy(&never_posted);
    }
}

/* a wake between calls leaves one pending wake and returns at once: it never waits for a call */
static void test_wake_between_calls(void)
{
    struct ipc4j_blocker *blocker = ipc4j_blocker_create();
    CHECK(blocker != NULL);
    CHECK_EQ(0, ipc4j_blocker_begin(blocker, -1));
    ipc4j_blocker_end(blocker);
    int64_t start = now_ns();
    CHECK_EQ(0, ipc4j_blocker_wake(blocker));
    CHECK_EQ(0, ipc4j_blocker_wake(blocker)); /* a second waker finds it pending already */
    CHECK(now_ns() - start < 1000000000);
    CHECK_EQ(-EINTR, ipc4j_blocker_begin(blocker, -1));
    CHECK_EQ(0, ipc4j_blocker_begin(blocker, -1));
    ipc4j_blocker_end(blocker);
    ipc4j_blocker_free(blocker);
}

#ifdef __linux__
#include <sys/resource.h>
#define SIGPENDING_THREADS 24

struct receiver {
    pthread_t thread;
    struct ipc4j_blocker *blocker;
    int queue;
    _Atomic int in_call;
    int result;
};

static void *receive_until_woken(void *arg)
{
    struct receiver *r = arg;
    struct {
        long type;
        char text[8];
    } message;
    for (;;) {
        if (ipc4j_blocker_begin(r->blocker, -1) != 0) {
            r->result = -EINTR;
            return NULL;
        }
        r->in_call = 1;
        ssize_t n = msgrcv(r->queue, &message, sizeof message.text, 0, 0);
        int err = errno;
        ipc4j_blocker_end(r->blocker);
        if (n < 0 && err == EINTR) {
            r->result = -EINTR;
            return NULL;
        }
    }
}

/* a standard wake signal is delivered even with RLIMIT_SIGPENDING at 1: no wake is lost */
static void test_low_sigpending_limit(void)
{
    struct rlimit old;
    CHECK_EQ(0, getrlimit(RLIMIT_SIGPENDING, &old));
    struct rlimit low = { 1, old.rlim_max };
    CHECK_EQ(0, setrlimit(RLIMIT_SIGPENDING, &low));
    static struct receiver receivers[SIGPENDING_THREADS];
    for (int i = 0; i < SIGPENDING_THREADS; i++) {
        receivers[i].blocker = ipc4j_blocker_create();
        CHECK(receivers[i].blocker != NULL);
        receivers[i].queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
        CHECK(receivers[i].queue >= 0);
        receivers[i].in_call = 0;
        CHECK_EQ(0, pthread_create(&receivers[i].thread, NULL, receive_until_woken, &receivers[i]));
    }
    for (int i = 0; i < SIGPENDING_THREADS; i++) {
        while (!receivers[i].in_call) {
            sched_yield();
        }
    }
    for (int i = 0; i < SIGPENDING_THREADS; i++) {
        CHECK_EQ(0, ipc4j_blocker_wake(receivers[i].blocker));
    }
    for (int i = 0; i < SIGPENDING_THREADS; i++) {
        CHECK_EQ(0, pthread_join(receivers[i].thread, NULL));
        CHECK_EQ(-EINTR, receivers[i].result);
        msgctl(receivers[i].queue, IPC_RMID, NULL);
        ipc4j_blocker_free(receivers[i].blocker);
    }
    CHECK_EQ(0, setrlimit(RLIMIT_SIGPENDING, &old));
}
#endif

int main(void)
{
    test_wake_from_another_thread();
    test_pending_wake();
    test_deadline_ends_msgrcv();
    test_many_wakes();
    test_wake_between_calls();
#ifdef __linux__
    test_low_sigpending_limit();
#endif
    printf("blocker_test: all passed\n");
    return 0;
}
