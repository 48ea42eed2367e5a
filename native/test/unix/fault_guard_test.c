/* The fault guard (ipc4j_fault_guard.h) against real truncated files: a POSIX semaphore whose file
 * another process truncates is reported lost, not a crash, whether it is truncated before an
 * operation or under a waiter; a fault outside any guard still reaches the handler that was there. */
#include "ipc4j_fault_guard.h"
#include "ipc4j_test.h"
#include "ipc4j_guarded_atomic.h"
#include "ipc4j_mapping.h"
#include "posix_sem.h"
#include "robust_mutex.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#ifdef __linux__
static sigjmp_buf previous_reached;

static void previous_handler(int sig)
{
    (void) sig;
    siglongjmp(previous_reached, 1);
}

static void truncate_semaphore_file(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "/dev/shm/sem.%s", name + 1);
    int fd = open(path, O_RDWR);
    CHECK(fd >= 0);
    CHECK_EQ(0, ftruncate(fd, 0));
    close(fd);
}

/* A shared memory file of size bytes that no name reaches any more: what a test maps, shrinks and regrows. */
static int anonymous_shm_file(off_t size)
{
    const char *name = ipc4j_test_name("ipc4j-ctest-guard");
    int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
    CHECK(fd >= 0);
    CHECK_EQ(0, shm_unlink(name));
    CHECK_EQ(0, ftruncate(fd, size));
    return fd;
}

static void test_a_fault_outside_a_guard_reaches_the_previous_handler(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = previous_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_NODEFER; /* left by siglongjmp without restoring the mask */
    struct sigaction before;
    CHECK_EQ(0, sigaction(SIGBUS, &sa, &before));
    CHECK_EQ(0, ipc4j_fault_guard_setup()); /* the first setup in this process: in front of previous_handler */

    int fd = anonymous_shm_file(4096);
    volatile char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(page != MAP_FAILED);
    CHECK_EQ(0, ftruncate(fd, 0));
    volatile int reached = 0;
    if (sigsetjmp(previous_reached, 0) == 0) {
        page[0] = 1; /* no guard: the fault is not ipc4j's to take */
    } else {
        reached = 1;
    }
    CHECK_EQ(1, reached);
    munmap((void *) page, 4096);
    close(fd);
}

static void test_a_truncated_semaphore_is_lost_for_every_operation(void)
{
    const char *name = ipc4j_test_name("ipc4j-ctest-lost");
    sem_t *sem;
    int created;
    struct ipc4j_psem_owner owner;
    CHECK_EQ(0, ipc4j_psem_open(name, IPC4J_PSEM_CREATE_NEW, 0600, 1, &sem, &created, &owner));
    CHECK_EQ(0, ipc4j_psem_try_wait(sem));
    truncate_semaphore_file(name);
    CHECK_EQ(IPC4J_PSEM_LOST, ipc4j_psem_post(sem));
    CHECK_EQ(IPC4J_PSEM_LOST, ipc4j_psem_try_wait(sem));
    CHECK_EQ(IPC4J_PSEM_LOST, ipc4j_psem_value(sem));
    struct ipc4j_blocker *blocker = ipc4j_blocker_create();
    CHECK(blocker != NULL);
    CHECK_EQ(IPC4J_PSEM_LOST, ipc4j_psem_wait(sem, blocker, -1));
    CHECK_EQ(IPC4J_PSEM_LOST, ipc4j_psem_wait(sem, blocker, 1000000));
    ipc4j_blocker_free(blocker);
    CHECK_EQ(0, ipc4j_psem_close(sem));
    CHECK_EQ(0, ipc4j_psem_unlink(name));
}

struct waiter {
    sem_t *sem;
    struct ipc4j_blocker *blocker;
    int result;
};

static void *wait_for_a_permit(void *arg)
{
    struct waiter *w = arg;
    w->result = ipc4j_psem_wait(w->sem, w->blocker, -1);
    return NULL;
}

static void test_a_waiter_woken_after_the_truncation_learns_it_is_lost(void)
{
    const char *name = ipc4j_test_name("ipc4j-ctest-lost");
    sem_t *sem;
    int created;
    struct ipc4j_psem_owner owner;
    CHECK_EQ(0, ipc4j_psem_open(name, IPC4J_PSEM_CREATE_NEW, 0600, 0, &sem, &created, &owner));
    struct waiter w = { sem, ipc4j_blocker_create(), 1 };
    CHECK(w.blocker != NULL);
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, NULL, wait_for_a_permit, &w));
    struct timespec pause = { 0, 100000000 };
    nanosleep(&pause, NULL); /* the waiter sleeps in the kernel by now (if not, it faults at once) */
    truncate_semaphore_file(name);
    CHECK_EQ(0, ipc4j_blocker_wake(w.blocker)); /* the C library then touches the page */
    CHECK_EQ(0, pthread_join(thread, NULL));
    CHECK_EQ(IPC4J_PSEM_LOST, w.result);
    ipc4j_blocker_free(w.blocker);
    CHECK_EQ(0, ipc4j_psem_close(sem));
    CHECK_EQ(0, ipc4j_psem_unlink(name));
}

/* The atomics of memory another process can shrink: on a lost page each reports it and does nothing that the
 * object sees; mapped again and grown back, they work on the object's page. */
static void test_guarded_atomics_report_a_lost_page(void)
{
    int fd = anonymous_shm_file(8192);
    char *memory = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(memory != MAP_FAILED);
    uint64_t *word = (uint64_t *) (memory + 4096 + 64);
    uint32_t *half = (uint32_t *) (memory + 128);
    int set = 0;
    uint64_t old = 9;
    uint32_t old32 = 9;
    CHECK_EQ(0, ipc4j_guarded_cas64(word, 0, 5, &set));
    CHECK_EQ(1, set);
    CHECK_EQ(0, ipc4j_guarded_fetch_add64(word, 2, &old));
    CHECK_EQ(5, old);
    CHECK_EQ(0, ftruncate(fd, 4096)); /* the second page is gone */
    CHECK_EQ(0, ipc4j_guarded_cas32(half, 0, 3, &set)); /* the first is not */
    CHECK_EQ(1, set);
    CHECK_EQ(IPC4J_MEMORY_LOST, ipc4j_guarded_cas64(word, 7, 8, &set));
    CHECK_EQ(0, ipc4j_mapping_restore_shared(word, 8, fd, 4096 + 64, 1));
    CHECK_EQ(IPC4J_MEMORY_LOST, ipc4j_guarded_fetch_add64(word, 1, &old));
    CHECK_EQ(0, ipc4j_mapping_restore_shared(word, 8, fd, 4096 + 64, 1));
    CHECK_EQ(0, ftruncate(fd, 8192));
    CHECK_EQ(0, ipc4j_guarded_fetch_add64(word, 1, &old));
    CHECK_EQ(0, old); /* the object's page, grown back empty, not the private one */
    CHECK_EQ(0, ipc4j_guarded_fetch_add32(half, 1, &old32));
    CHECK_EQ(3, old32);
    munmap(memory, 8192);
    close(fd);
}

#ifdef IPC4J_HAVE_ROBUST_MUTEX
static void on_poke(int sig)
{
    (void) sig; /* only makes the waiter's futex wait return EINTR */
}

struct lock_waiter {
    void *mutex;
    int result;
};

static void *wait_for_the_lock(void *arg)
{
    struct lock_waiter *w = arg;
    w->result = ipc4j_robust_mutex_lock(w->mutex, 5000000000LL);
    return NULL;
}

static void resize(int fd, off_t size)
{
    CHECK_EQ(0, ftruncate(fd, size));
}

/* The memory under a held robust mutex is truncated: the waiter (woken by a signal, the C library then reloads
 * the lock word) and the holder's unlock get IPC4J_ROBUST_MUTEX_LOST; restored and grown back, the mapping shares
 * the object's page again instead of the private one the guard put there. */
static void test_a_robust_mutex_over_truncated_memory_is_lost_then_restored(void)
{
    int fd = anonymous_shm_file(4096);
    char *memory = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(memory != MAP_FAILED);
    void *mutex = memory + 8;
    CHECK_EQ(0, ipc4j_robust_mutex_init(mutex));
    CHECK_EQ(0, ipc4j_robust_mutex_lock(mutex, -1));

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_poke;
    sigemptyset(&sa.sa_mask);
    CHECK_EQ(0, sigaction(SIGUSR2, &sa, NULL)); /* no SA_RESTART */
    struct lock_waiter w = { mutex, 1 };
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, NULL, wait_for_the_lock, &w));
    struct timespec pause = { 0, 100000000 };
    nanosleep(&pause, NULL);
    resize(fd, 0);
    CHECK_EQ(0, pthread_kill(thread, SIGUSR2));
    CHECK_EQ(0, pthread_join(thread, NULL));
    CHECK_EQ(IPC4J_ROBUST_MUTEX_LOST, w.result);

    /* mapped from the (still empty) object again, the page faults again: the holder's unlock is lost too */
    CHECK_EQ(0, ipc4j_mapping_restore_shared(mutex, ipc4j_robust_mutex_size(), fd, 8, 1));
    CHECK_EQ(IPC4J_ROBUST_MUTEX_LOST, ipc4j_robust_mutex_unlock(mutex));
    CHECK_EQ(0, ipc4j_mapping_restore_shared(mutex, ipc4j_robust_mutex_size(), fd, 8, 1));
    resize(fd, 4096);
    char *again = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(again != MAP_FAILED);
    again[1024] = 42;
    CHECK_EQ(42, memory[1024]);
    munmap(again, 4096);
    munmap(memory, 4096);
    close(fd);
}
#endif
#endif

int main(void)
{
#ifdef __linux__
    test_a_fault_outside_a_guard_reaches_the_previous_handler();
    test_a_truncated_semaphore_is_lost_for_every_operation();
    test_a_waiter_woken_after_the_truncation_learns_it_is_lost();
    test_guarded_atomics_report_a_lost_page();
#ifdef IPC4J_HAVE_ROBUST_MUTEX
    test_a_robust_mutex_over_truncated_memory_is_lost_then_restored();
#endif
#endif
    puts("fault_guard_test: ok");
    return 0;
}
