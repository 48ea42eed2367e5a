/* The plain C cores of POSIX named semaphores, POSIX shared memory and the robust mutex, against
 * the real kernel (a forked child plays the other process). */
#include "ipc4j_test.h"
#include "posix_sem.h"
#include "posix_shm.h"
#include "robust_mutex.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void test_semaphore_open_modes_and_permits(void)
{
    const char *name = ipc4j_test_name("ipc4j-ctest-sem");
    sem_t *sem;
    int created;
    struct ipc4j_psem_owner owner;
    CHECK_EQ(-ENOENT, ipc4j_psem_open(name, IPC4J_PSEM_OPEN_EXISTING, 0600, 0, &sem, &created, &owner));
    CHECK_EQ(0, ipc4j_psem_open(name, IPC4J_PSEM_CREATE_NEW, 0640, 2, &sem, &created, &owner));
    CHECK_EQ(1, created);
    sem_t *again;
    CHECK_EQ(-EEXIST, ipc4j_psem_open(name, IPC4J_PSEM_CREATE_NEW, 0600, 0, &again, &created, &owner));
    CHECK_EQ(0, ipc4j_psem_open(name, IPC4J_PSEM_OPEN_OR_CREATE, 0600, 0, &again, &created, &owner));
    CHECK_EQ(0, created);
#ifdef __linux__
    CHECK_EQ(0640, owner.mode);
    CHECK_EQ((long) geteuid(), owner.uid);
#endif
    CHECK_EQ(2, ipc4j_psem_value(again));
    CHECK_EQ(0, ipc4j_psem_try_wait(sem));
    CHECK_EQ(0, ipc4j_psem_try_wait(again));
    CHECK_EQ(-EAGAIN, ipc4j_psem_try_wait(sem));
    CHECK_EQ(0, ipc4j_psem_post(again));
    CHECK_EQ(1, ipc4j_psem_value(sem));
    CHECK_EQ(0, ipc4j_psem_close(again));
    CHECK_EQ(0, ipc4j_psem_close(sem));
    CHECK_EQ(0, ipc4j_psem_unlink(name));
    CHECK_EQ(-ENOENT, ipc4j_psem_unlink(name));
}

static void test_semaphore_timed_wait_ends_on_time(void)
{
    const char *name = ipc4j_test_name("ipc4j-ctest-sem");
    sem_t *sem;
    int created;
    struct ipc4j_psem_owner owner;
    CHECK_EQ(0, ipc4j_psem_open(name, IPC4J_PSEM_CREATE_NEW, 0600, 0, &sem, &created, &owner));
    struct ipc4j_blocker *blocker = ipc4j_blocker_create();
    CHECK(blocker != NULL);
    int64_t start = now_ns();
    int rc = ipc4j_psem_wait(sem, blocker, 50000000);
    int64_t waited = now_ns() - start;
    CHECK_EQ(-EINTR, rc);
    CHECK(waited >= 50000000);
    CHECK(waited < 2000000000);
    CHECK_EQ(0, ipc4j_psem_post(sem));
    CHECK_EQ(0, ipc4j_psem_wait(sem, blocker, -1));
    ipc4j_blocker_free(blocker);
    CHECK_EQ(0, ipc4j_psem_close(sem));
    CHECK_EQ(0, ipc4j_psem_unlink(name));
}

static sem_t *shared_sem;
static struct ipc4j_blocker *_Atomic waiting_blocker;

static void *wait_forever(void *arg)
{
    (void) arg;
    struct ipc4j_blocker *blocker = ipc4j_blocker_create();
    waiting_blocker = blocker;
    long rc = ipc4j_psem_wait(shared_sem, blocker, -1);
    return (void *) rc;
}

/* ipc4j waits on the C library's semaphore word itself (psem_own_wait.h): a plain sem_post, as any C peer
 * makes, must wake it, and a plain sem_wait must take what ipc4j posts */
static void test_semaphore_wait_is_woken_by_a_plain_post(void)
{
    const char *name = ipc4j_test_name("ipc4j-ctest-sem");
    int created;
    struct ipc4j_psem_owner owner;
    CHECK_EQ(0, ipc4j_psem_open(name, IPC4J_PSEM_CREATE_NEW, 0600, 0, &shared_sem, &created, &owner));
    waiting_blocker = NULL;
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, NULL, wait_forever, NULL));
    while (waiting_blocker == NULL) {
        usleep(1000);
    }
    usleep(20000); /* asleep in the kernel by now */
    CHECK_EQ(0, sem_post(shared_sem));
    void *result;
    CHECK_EQ(0, pthread_join(thread, &result));
    CHECK_EQ(0, (long) result);
    ipc4j_blocker_free(waiting_blocker);
    waiting_blocker = NULL;
    CHECK_EQ(0, ipc4j_psem_post(shared_sem));
    CHECK_EQ(0, sem_wait(shared_sem));
    int value = -1;
    CHECK_EQ(0, sem_getvalue(shared_sem, &value));
    CHECK_EQ(0, value);
    CHECK_EQ(0, ipc4j_psem_close(shared_sem));
    CHECK_EQ(0, ipc4j_psem_unlink(name));
}

static void test_semaphore_wait_is_woken(void)
{
    const char *name = ipc4j_test_name("ipc4j-ctest-sem");
    int created;
    struct ipc4j_psem_owner owner;
    CHECK_EQ(0, ipc4j_psem_open(name, IPC4J_PSEM_CREATE_NEW, 0600, 0, &shared_sem, &created, &owner));
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, NULL, wait_forever, NULL));
    while (waiting_blocker == NULL) {
        usleep(1000);
    }
    usleep(20000);
    ipc4j_blocker_wake(waiting_blocker);
    void *result;
    CHECK_EQ(0, pthread_join(thread, &result));
    CHECK_EQ(-EINTR, (long) result);
    ipc4j_blocker_free(waiting_blocker);
    CHECK_EQ(0, ipc4j_psem_close(shared_sem));
    CHECK_EQ(0, ipc4j_psem_unlink(name));
}

#ifdef __linux__
static void test_an_empty_semaphore_file_is_refused(void)
{
    const char *name = ipc4j_test_name("ipc4j-ctest-sem");
    char path[512];
    snprintf(path, sizeof path, "/dev/shm/sem.%s", name + 1);
    int fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0600);
    CHECK(fd >= 0);
    close(fd);
    sem_t *sem;
    int created;
    struct ipc4j_psem_owner owner;
    CHECK_EQ(IPC4J_PSEM_NOT_A_SEMAPHORE, ipc4j_psem_open(name, IPC4J_PSEM_OPEN_EXISTING, 0600, 0, &sem, &created,
                                                       &owner));
    CHECK_EQ(IPC4J_PSEM_NOT_A_SEMAPHORE, ipc4j_psem_open(name, IPC4J_PSEM_OPEN_OR_CREATE, 0600, 0, &sem, &created,
                                                       &owner));
    unlink(path);
}
#endif

static void test_shared_memory_sizes_maps_and_grows(void)
{
    const char *name = ipc4j_test_name("ipc4j-ctest-shm");
    int created;
    CHECK_EQ(-ENOENT, ipc4j_shm_open(name, IPC4J_SHM_OPEN_EXISTING, 1, 0600, 0, &created));
    int fd = ipc4j_shm_open(name, IPC4J_SHM_CREATE_NEW, 1, 0640, 8192, &created);
    CHECK(fd >= 0);
    CHECK_EQ(1, created);
    CHECK_EQ(-EEXIST, ipc4j_shm_open(name, IPC4J_SHM_CREATE_NEW, 1, 0600, 8192, &created));
    struct stat st;
    CHECK_EQ(0, fstat(fd, &st));
    CHECK_EQ(0640, st.st_mode & 0777);
    CHECK_EQ(8192, ipc4j_shm_size(fd));
    int64_t address = ipc4j_shm_map(fd, 8192, 1);
    CHECK(address > 0);
    char *bytes = (char *) (intptr_t) address;
    strcpy(bytes + 100, "hello");

    int ro = ipc4j_shm_open(name, IPC4J_SHM_OPEN_OR_CREATE, 0, 0600, 4096, &created);
    CHECK(ro >= 0);
    CHECK_EQ(0, created);
    CHECK_EQ(-EACCES, ipc4j_shm_map(ro, 8192, 1));
    int64_t ro_address = ipc4j_shm_map(ro, 8192, 0);
    CHECK(ro_address > 0);
    CHECK_EQ(0, strcmp((char *) (intptr_t) ro_address + 100, "hello"));
    CHECK_EQ(-EINVAL, ipc4j_shm_map(ro, 0, 0));

    CHECK_EQ(0, ipc4j_shm_grow(fd, 4096)); /* never shrinks: already at least that */
    CHECK_EQ(8192, ipc4j_shm_size(fd));
    CHECK_EQ(0, ipc4j_shm_grow(fd, 65536));
    CHECK_EQ(65536, ipc4j_shm_size(ro));
    CHECK_EQ(0, ipc4j_shm_unmap(ro_address, 8192));
    CHECK_EQ(0, ipc4j_shm_unmap(address, 8192));
    CHECK_EQ(0, ipc4j_shm_close(ro));
    CHECK_EQ(0, ipc4j_shm_close(fd));
    CHECK_EQ(0, ipc4j_shm_unlink(name));
    CHECK_EQ(-ENOENT, ipc4j_shm_unlink(name));
}

struct grower {
    int fd;
    int64_t size;
    int rounds;
    pthread_barrier_t *start;
    int failures;
};

static void *grow_each_round(void *arg)
{
    struct grower *g = arg;
    for (int i = 0; i < g->rounds; i++) {
        pthread_barrier_wait(&g->start[0]);
        if (ipc4j_shm_grow(g->fd, g->size) != 0) {
            g->failures++;
        }
        pthread_barrier_wait(&g->start[1]);
        pthread_barrier_wait(&g->start[2]); /* the main thread checks and resets the size */
    }
    return NULL;
}

/* Two descriptors grow one object at the same time, to different sizes: it ends at the larger, and
 * neither call fails (a grow to less than the object already has is done). */
static void test_concurrent_grows_never_shrink(void)
{
    const char *name = ipc4j_test_name("ipc4j-ctest-shm");
    int created;
    int a = ipc4j_shm_open(name, IPC4J_SHM_CREATE_NEW, 1, 0600, 4096, &created);
    CHECK(a >= 0);
    int b = ipc4j_shm_open(name, IPC4J_SHM_OPEN_EXISTING, 1, 0600, 0, &created);
    CHECK(b >= 0);
    pthread_barrier_t start[3];
    for (int i = 0; i < 3; i++) {
        CHECK_EQ(0, pthread_barrier_init(&start[i], NULL, 3));
    }
    const int rounds = 2000;
    struct grower big = { a, 1 << 20, rounds, start, 0 };
    struct grower small = { b, 8192, rounds, start, 0 };
    pthread_t t1, t2;
    CHECK_EQ(0, pthread_create(&t1, NULL, grow_each_round, &big));
    CHECK_EQ(0, pthread_create(&t2, NULL, grow_each_round, &small));
    int shrunk = 0;
    for (int i = 0; i < rounds; i++) {
        pthread_barrier_wait(&start[0]);
        pthread_barrier_wait(&start[1]);
        if (ipc4j_shm_size(a) != 1 << 20) {
            shrunk++;
        }
        CHECK_EQ(0, ftruncate(a, 4096));
        pthread_barrier_wait(&start[2]);
    }
    CHECK_EQ(0, pthread_join(t1, NULL));
    CHECK_EQ(0, pthread_join(t2, NULL));
    for (int i = 0; i < 3; i++) {
        pthread_barrier_destroy(&start[i]);
    }
    CHECK_EQ(0, shrunk);
    CHECK_EQ(0, big.failures);
    CHECK_EQ(0, small.failures);
    CHECK_EQ(0, ipc4j_shm_close(a));
    CHECK_EQ(0, ipc4j_shm_close(b));
    CHECK_EQ(0, ipc4j_shm_unlink(name));
}

static void test_a_size_beyond_the_filesystem_fails_at_creation(void)
{
    const char *name = ipc4j_test_name("ipc4j-ctest-shm");
    int created;
    int fd = ipc4j_shm_open(name, IPC4J_SHM_CREATE_NEW, 1, 0600, (int64_t) 1 << 50, &created);
    CHECK(fd == -ENOSPC || fd == -EFBIG || fd == -EINVAL);
    CHECK_EQ(-ENOENT, ipc4j_shm_unlink(name)); /* nothing left behind */
}

#ifdef IPC4J_HAVE_ROBUST_MUTEX
static int kernel_tracks_robust_mutexes(void)
{
    void *head;
    size_t length;
    return syscall(SYS_get_robust_list, 0, &head, &length) == 0 || errno != ENOSYS;
}

static void test_robust_mutex_survives_its_holder(void)
{
    void *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(shared != MAP_FAILED);
    CHECK(ipc4j_robust_mutex_size() <= 64);
    CHECK_EQ(0, ipc4j_robust_mutex_init(shared));
    CHECK_EQ(0, ipc4j_robust_mutex_lock(shared, 0));
    CHECK_EQ(-EDEADLK, ipc4j_robust_mutex_lock(shared, 1000000));
    CHECK_EQ(0, ipc4j_robust_mutex_unlock(shared));
    CHECK_EQ(-EPERM, ipc4j_robust_mutex_unlock(shared));

    if (!kernel_tracks_robust_mutexes()) {
        printf("posix_sem_shm_test: owner-died cases skipped: get_robust_list is ENOSYS (qemu-user keeps no "
               "robust list, so no lock holder's death is ever reported)\n");
        munmap(shared, 4096);
        return;
    }
    pid_t child = fork();
    CHECK(child >= 0);
    if (child == 0) {
        ipc4j_robust_mutex_lock(shared, 1000000000);
        _exit(0); /* dies holding it */
    }
    int status;
    CHECK_EQ(child, waitpid(child, &status, 0));
    CHECK_EQ(-EOWNERDEAD, ipc4j_robust_mutex_lock(shared, 1000000000));
    CHECK_EQ(0, ipc4j_robust_mutex_consistent(shared));
    CHECK_EQ(0, ipc4j_robust_mutex_unlock(shared));
    CHECK_EQ(0, ipc4j_robust_mutex_lock(shared, 0));
    CHECK_EQ(0, ipc4j_robust_mutex_unlock(shared));

    /* not marked consistent: the lock is lost for good */
    child = fork();
    if (child == 0) {
        ipc4j_robust_mutex_lock(shared, 1000000000);
        _exit(0);
    }
    CHECK_EQ(child, waitpid(child, &status, 0));
    CHECK_EQ(-EOWNERDEAD, ipc4j_robust_mutex_lock(shared, 0));
    CHECK_EQ(0, ipc4j_robust_mutex_unlock(shared));
    CHECK_EQ(-ENOTRECOVERABLE, ipc4j_robust_mutex_lock(shared, 0));
    /* the failed try left it free: glibc's pthread_mutex_trylock kept it held by the caller, and every
     * other thread and process then saw EBUSY (or a timeout), never ENOTRECOVERABLE */
    CHECK_EQ(-ENOTRECOVERABLE, ipc4j_robust_mutex_lock(shared, 1000000));
    child = fork();
    if (child == 0) {
        _exit(ipc4j_robust_mutex_lock(shared, 0) == -ENOTRECOVERABLE
              && ipc4j_robust_mutex_lock(shared, 1000000) == -ENOTRECOVERABLE ? 0 : 1);
    }
    CHECK_EQ(child, waitpid(child, &status, 0));
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK_EQ(0, ipc4j_robust_mutex_init(shared));
    CHECK_EQ(0, ipc4j_robust_mutex_lock(shared, 0));

    /* held by another process: a try finds it busy, a timed lock times out */
    child = fork();
    if (child == 0) {
        _exit(ipc4j_robust_mutex_lock(shared, 0) == -EBUSY && ipc4j_robust_mutex_lock(shared, 20000000) == -ETIMEDOUT
              ? 0 : 1);
    }
    CHECK_EQ(child, waitpid(child, &status, 0));
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK_EQ(0, ipc4j_robust_mutex_unlock(shared));
    munmap(shared, 4096);
}
#endif

int main(void)
{
    test_semaphore_open_modes_and_permits();
    test_semaphore_timed_wait_ends_on_time();
    test_semaphore_wait_is_woken();
    test_semaphore_wait_is_woken_by_a_plain_post();
#ifdef __linux__
    test_an_empty_semaphore_file_is_refused();
#endif
    test_shared_memory_sizes_maps_and_grows();
    test_a_size_beyond_the_filesystem_fails_at_creation();
#ifdef __linux__
    test_concurrent_grows_never_shrink();
#endif
#ifdef IPC4J_HAVE_ROBUST_MUTEX
    test_robust_mutex_survives_its_holder();
#endif
    puts("posix_sem_shm_test: ok");
    return 0;
}
