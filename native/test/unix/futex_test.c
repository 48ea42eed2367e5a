/* ipc4j_futex: a wait on a word in shared memory is woken from another process (the wait is not
 * private), returns at once when the word already changed, times out, and is cut short by the
 * thread's blocker. */
#include "ipc4j_test.h"
#include "ipc4j_futex.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static uint32_t *shared_words(void)
{
    void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    return p;
}

static void test_changed_word_and_timeout(uint32_t *word)
{
    __atomic_store_n(word, 5, __ATOMIC_SEQ_CST);
    CHECK_EQ(0, ipc4j_futex_wait(word, 4, -1)); /* not 4: returns at once */
    int64_t start = now_ns();
    CHECK_EQ(-ETIMEDOUT, ipc4j_futex_wait(word, 5, 20000000));
    CHECK(now_ns() - start >= 19000000);
    CHECK_EQ(0, ipc4j_futex_wake(word, 1)); /* nobody waits: no failure */
}

/* the child sleeps on words[0] until it is 1, then sets words[1]; the parent wakes it from its process */
static void test_wake_from_another_process(uint32_t *words)
{
    __atomic_store_n(&words[0], 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&words[1], 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&words[2], 0, __ATOMIC_SEQ_CST);
    pid_t child = fork();
    CHECK(child >= 0);
    if (child == 0) {
        __atomic_store_n(&words[2], 1, __ATOMIC_SEQ_CST); /* about to sleep */
        while (__atomic_load_n(&words[0], __ATOMIC_SEQ_CST) == 0) {
            int rc = ipc4j_futex_wait(&words[0], 0, 10000000000LL);
            if (rc != 0 && rc != -EINTR) {
                _exit(2);
            }
        }
        __atomic_store_n(&words[1], 1, __ATOMIC_SEQ_CST);
        _exit(0);
    }
    while (__atomic_load_n(&words[2], __ATOMIC_SEQ_CST) == 0) {
        usleep(1000);
    }
    usleep(50000); /* most likely asleep in the kernel by now */
    int64_t start = now_ns();
    __atomic_store_n(&words[0], 1, __ATOMIC_SEQ_CST);
    CHECK_EQ(0, ipc4j_futex_wake(&words[0], 1));
    int status;
    CHECK_EQ(child, waitpid(child, &status, 0));
    CHECK(WIFEXITED(status));
    CHECK_EQ(0, WEXITSTATUS(status));
    CHECK_EQ(1, __atomic_load_n(&words[1], __ATOMIC_SEQ_CST));
    CHECK(now_ns() - start < 5000000000LL); /* woken, not timed out after 10 s */
}

static struct ipc4j_blocker *_Atomic waiting_blocker;
static _Atomic int waited;

static void *wait_under_blocker(void *arg)
{
    uint32_t *word = arg;
    struct ipc4j_blocker *blocker = ipc4j_blocker_create();
    CHECK(blocker != NULL);
    waiting_blocker = blocker;
    waited = ipc4j_futex_wait_blocking(blocker, word, __atomic_load_n(word, __ATOMIC_SEQ_CST), -1);
    return blocker;
}

static void test_blocker_cuts_the_wait_short(uint32_t *word)
{
    waiting_blocker = NULL;
    waited = 1;
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, NULL, wait_under_blocker, word));
    while (waiting_blocker == NULL) {
        sched_yield();
    }
    usleep(20000);
    ipc4j_blocker_wake(waiting_blocker);
    void *blocker;
    CHECK_EQ(0, pthread_join(thread, &blocker));
    CHECK_EQ(-EINTR, waited);
    ipc4j_blocker_free(blocker);
}

int main(void)
{
    CHECK_EQ(1, ipc4j_futex_supported());
    uint32_t *words = shared_words();
    test_changed_word_and_timeout(&words[16]);
    test_wake_from_another_process(words);
    test_blocker_cuts_the_wait_short(&words[32]);
    munmap(words, 4096);
    printf("futex_test: ok\n");
    return 0;
}
