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

int main(void)
{
    test_wake_from_another_thread();
    test_pending_wake();
    test_deadline_ends_msgrcv();
    test_many_wakes();
    printf("blocker_test: all passed\n");
    return 0;
}
