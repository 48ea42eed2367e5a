/* The plain C core of System V semaphore sets, against the real kernel: open modes, values,
 * atomic operations that apply all or nothing, a blocked operation cut short by a wake, by its
 * timeout and by the set's removal, SEM_UNDO at process exit, status and IPC_SET. */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE /* unshare */
#endif
#include "ipc4j_test.h"
#include "sysv_sem.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sched.h>
#endif

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void pause_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

static int new_private(int nsems)
{
    int created = 0;
    int id = ipc4j_sem_open(0 /* IPC_PRIVATE */, IPC4J_SYSV_CREATE_NEW, nsems, 0600, &created);
    CHECK(id >= 0);
    CHECK_EQ(1, created);
    return id;
}

/* Up to 8 operations, encoded; flags apply to each. */
struct ops {
    unsigned char buf[8 * 16];
    int count;
};

static struct ops make_ops(int count, const uint16_t *nums, const int16_t *deltas, uint8_t flags, int all_nowait)
{
    struct ops ops;
    CHECK(ipc4j_sem_sembuf_size() * (size_t) count <= sizeof ops.buf);
    uint8_t f[8];
    for (int i = 0; i < count; i++) {
        f[i] = flags;
    }
    ipc4j_sem_encode(ops.buf, count, nums, deltas, f, all_nowait);
    ops.count = count;
    return ops;
}

static void test_open_modes(void)
{
    int32_t key = (int32_t) (0x49500000 | (getpid() & 0xffff));
    int created;
    CHECK_EQ(-ENOENT, ipc4j_sem_open(key, IPC4J_SYSV_OPEN_EXISTING, 0, 0600, &created));
    mode_t old = umask(0777); /* SysV IPC ignores the umask */
    int id = ipc4j_sem_open(key, IPC4J_SYSV_CREATE_NEW, 3, 0640, &created);
    umask(old);
    CHECK(id >= 0);
    CHECK_EQ(1, created);
    CHECK_EQ(-EEXIST, ipc4j_sem_open(key, IPC4J_SYSV_CREATE_NEW, 3, 0600, &created));
    CHECK_EQ(id, ipc4j_sem_open(key, IPC4J_SYSV_OPEN_EXISTING, 0, 0600, &created));
    CHECK_EQ(0, created);
    CHECK_EQ(id, ipc4j_sem_open(key, IPC4J_SYSV_OPEN_EXISTING, 3, 0600, &created));
    CHECK_EQ(-EINVAL, ipc4j_sem_open(key, IPC4J_SYSV_OPEN_EXISTING, 4, 0600, &created)); /* more than it has */
    CHECK_EQ(id, ipc4j_sem_open(key, IPC4J_SYSV_OPEN_OR_CREATE, 3, 0600, &created));
    CHECK_EQ(0, created);
    struct ipc4j_sem_status status;
    CHECK_EQ(0, ipc4j_sem_status(id, &status));
    CHECK_EQ(0640, status.mode);
    CHECK_EQ(key, status.key);
    CHECK_EQ(3, status.nsems);
    CHECK_EQ((long long) geteuid(), status.uid);
    CHECK_EQ((long long) geteuid(), status.cuid);
    CHECK_EQ(0, status.otime); /* no semop yet: the sign that a set is not initialised */
    CHECK(status.ctime > 0);
    CHECK_EQ(0, ipc4j_sem_remove(id));
    CHECK_EQ(-EINVAL, ipc4j_sem_remove(id));
    /* open-or-create after removal creates again */
    id = ipc4j_sem_open(key, IPC4J_SYSV_OPEN_OR_CREATE, 1, 0600, &created);
    CHECK(id >= 0);
    CHECK_EQ(1, created);
    CHECK_EQ(0, ipc4j_sem_remove(id));
}

static void test_values(void)
{
    int id = new_private(3);
    uint16_t values[3] = { 9, 9, 9 };
    CHECK_EQ(0, ipc4j_sem_get_all(id, values, (int) (sizeof values / sizeof values[0])));
    CHECK(values[0] == 0 && values[1] == 0 && values[2] == 0); /* a new set is all zero */
    uint16_t set[3] = { 1, 2, 32767 };
    CHECK_EQ(0, ipc4j_sem_set_all(id, set, 3));
    CHECK_EQ(0, ipc4j_sem_get_all(id, values, (int) (sizeof values / sizeof values[0])));
    CHECK(values[0] == 1 && values[1] == 2 && values[2] == 32767);
    CHECK_EQ(0, ipc4j_sem_set_value(id, 1, 5));
    CHECK_EQ(5, ipc4j_sem_get_value(id, 1));
    CHECK_EQ(-ERANGE, ipc4j_sem_set_value(id, 1, 32768));
    CHECK_EQ(-ERANGE, ipc4j_sem_set_value(id, 1, -1));
    CHECK_EQ(-EINVAL, ipc4j_sem_get_value(id, 3));
    /* over SEMVMX by an operation */
    uint16_t nums[1] = { 2 };
    int16_t plus[1] = { 1 };
    struct ops up = make_ops(1, nums, plus, 0, 1);
    CHECK_EQ(-ERANGE, ipc4j_sem_op(id, up.buf, up.count, NULL, -1));
    CHECK_EQ(32767, ipc4j_sem_get_value(id, 2));
    /* the last operation's pid */
    int16_t minus[1] = { -1 };
    struct ops down = make_ops(1, nums, minus, 0, 0);
    CHECK_EQ(0, ipc4j_sem_op(id, down.buf, down.count, NULL, -1));
    CHECK_EQ(getpid(), ipc4j_sem_get_pid(id, 2));
    struct ipc4j_sem_status status;
    CHECK_EQ(0, ipc4j_sem_status(id, &status));
    CHECK(status.otime > 0);
    CHECK_EQ(0, ipc4j_sem_remove(id));
}

static void test_all_or_nothing(void)
{
    int id = new_private(2);
    uint16_t start[2] = { 1, 0 };
    CHECK_EQ(0, ipc4j_sem_set_all(id, start, 2));
    uint16_t nums[2] = { 0, 1 };
    int16_t deltas[2] = { -1, -1 };
    struct ops both = make_ops(2, nums, deltas, 0, 1);
    CHECK_EQ(-EAGAIN, ipc4j_sem_op(id, both.buf, both.count, NULL, -1));
    uint16_t values[2];
    CHECK_EQ(0, ipc4j_sem_get_all(id, values, (int) (sizeof values / sizeof values[0])));
    CHECK(values[0] == 1 && values[1] == 0); /* the first one did not move */
    CHECK_EQ(0, ipc4j_sem_set_value(id, 1, 1));
    CHECK_EQ(0, ipc4j_sem_op(id, both.buf, both.count, NULL, -1));
    CHECK_EQ(0, ipc4j_sem_get_all(id, values, (int) (sizeof values / sizeof values[0])));
    CHECK(values[0] == 0 && values[1] == 0);
    /* wait-for-zero (op 0) passes at zero, would block otherwise */
    int16_t zero[1] = { 0 };
    struct ops z = make_ops(1, nums, zero, IPC4J_SEM_NOWAIT, 0);
    CHECK_EQ(0, ipc4j_sem_op(id, z.buf, z.count, NULL, -1));
    CHECK_EQ(0, ipc4j_sem_set_value(id, 0, 1));
    CHECK_EQ(-EAGAIN, ipc4j_sem_op(id, z.buf, z.count, NULL, -1));
    CHECK_EQ(0, ipc4j_sem_remove(id));
}

struct blocked {
    int id;
    struct ops ops;
    int64_t timeout_ns;
    struct ipc4j_blocker *_Atomic blocker;
    _Atomic int result;
    _Atomic int done;
};

static void *blocked_thread(void *arg)
{
    struct blocked *b = arg;
    struct ipc4j_blocker *blocker = ipc4j_blocker_create();
    CHECK(blocker != NULL);
    b->blocker = blocker;
    b->result = ipc4j_sem_op(b->id, b->ops.buf, b->ops.count, blocker, b->timeout_ns);
    b->done = 1;
    return blocker;
}

static void start_blocked(struct blocked *b, pthread_t *thread, int id, int64_t timeout_ns)
{
    uint16_t nums[1] = { 0 };
    int16_t minus[1] = { -1 };
    b->id = id;
    b->ops = make_ops(1, nums, minus, 0, 0);
    b->timeout_ns = timeout_ns;
    b->blocker = NULL;
    b->done = 0;
    CHECK_EQ(0, pthread_create(thread, NULL, blocked_thread, b));
    /* blocked in semop once the kernel counts it as waiting */
    for (int i = 0; i < 500 && ipc4j_sem_get_ncount(id, 0) != 1; i++) {
        pause_ms(2);
    }
    CHECK_EQ(1, ipc4j_sem_get_ncount(id, 0));
    CHECK_EQ(0, b->done);
}

static void finish(pthread_t thread)
{
    void *blocker;
    CHECK_EQ(0, pthread_join(thread, &blocker));
    ipc4j_blocker_free(blocker);
}

/* A thread blocked taking semaphore 0 (value 0); end(id, b) makes it return expected. */
static void test_blocked_op_ends(void (*end)(int id, struct blocked *b), int expected)
{
    int id = new_private(1);
    struct blocked b;
    pthread_t thread;
    start_blocked(&b, &thread, id, -1);
    end(id, &b);
    finish(thread);
    CHECK_EQ(expected, b.result);
    CHECK_EQ(0, ipc4j_sem_get_ncount(id, 0));
    CHECK_EQ(0, ipc4j_sem_get_value(id, 0)); /* woken: nothing taken; released: taken again */
    CHECK_EQ(0, ipc4j_sem_remove(id));
}

static void wake(int id, struct blocked *b)
{
    (void) id;
    ipc4j_blocker_wake(b->blocker);
}

static void release(int id, struct blocked *b)
{
    (void) b;
    CHECK_EQ(0, ipc4j_sem_set_value(id, 0, 1));
}

static void test_removal_ends_a_blocked_op(void)
{
    int id = new_private(1);
    struct blocked b;
    pthread_t thread;
    start_blocked(&b, &thread, id, -1);
    CHECK_EQ(0, ipc4j_sem_remove(id));
    finish(thread);
    CHECK_EQ(-EIDRM, b.result);
}

static void test_timeout(void)
{
    int id = new_private(1);
    uint16_t nums[1] = { 0 };
    int16_t minus[1] = { -1 };
    struct ops down = make_ops(1, nums, minus, 0, 0);
    struct ipc4j_blocker *blocker = ipc4j_blocker_create();
    CHECK(blocker != NULL);
    int64_t start = now_ns();
    int rc = ipc4j_sem_op(id, down.buf, down.count, blocker, 50000000);
    int64_t elapsed = now_ns() - start;
#ifdef IPC4J_HAVE_SEMTIMEDOP
    CHECK_EQ(-EAGAIN, rc);
    CHECK(elapsed >= 45000000); /* the kernel's timer, not the monotonic clock we read */
    CHECK(elapsed < 5000000000LL);
#else
    CHECK_EQ(-ENOSYS, rc);
    (void) elapsed;
#endif
    ipc4j_blocker_free(blocker);
    CHECK_EQ(0, ipc4j_sem_remove(id));
}

/* A child takes the semaphore (with or without SEM_UNDO) and exits: with it, the kernel gives it back. */
static void test_undo_at_exit(uint8_t flags, int expected_after)
{
    int id = new_private(1);
    CHECK_EQ(0, ipc4j_sem_set_value(id, 0, 1));
    pid_t child = fork();
    CHECK(child >= 0);
    if (child == 0) {
        uint16_t nums[1] = { 0 };
        int16_t minus[1] = { -1 };
        struct ops down = make_ops(1, nums, minus, flags, 0);
        _exit(ipc4j_sem_op(id, down.buf, down.count, NULL, -1) == 0 ? 0 : 1);
    }
    int status;
    CHECK_EQ(child, waitpid(child, &status, 0));
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK_EQ(expected_after, ipc4j_sem_get_value(id, 0));
    CHECK_EQ(child, ipc4j_sem_get_pid(id, 0)); /* the exit's undo counts as the child's */
    CHECK_EQ(0, ipc4j_sem_remove(id));
}

static void test_set_owner_mode(void)
{
    int id = new_private(1);
    CHECK_EQ(0, ipc4j_sem_set_owner_mode(id, -1, -1, 0640));
    struct ipc4j_sem_status status;
    CHECK_EQ(0, ipc4j_sem_status(id, &status));
    CHECK_EQ(0640, status.mode);
    CHECK_EQ((long long) geteuid(), status.uid);
    CHECK_EQ(0, ipc4j_sem_set_owner_mode(id, (int64_t) geteuid(), (int64_t) getegid(), -1));
    CHECK_EQ(0, ipc4j_sem_status(id, &status));
    CHECK_EQ(0640, status.mode);
    CHECK_EQ((long long) getegid(), status.gid);
    CHECK_EQ(0, ipc4j_sem_remove(id));
    CHECK_EQ(-EINVAL, ipc4j_sem_status(id, &status));
}

#ifdef __linux__
/* In a new IPC namespace (a forked child, as root), the id of a removed 1-semaphore set is given to a
 * 64-semaphore set (sem_next_id): GETALL and SETALL through the old size must refuse, never overrun. */
static int reused_id_in_a_new_namespace(void)
{
    if (unshare(CLONE_NEWIPC) != 0) {
        return 77; /* not root: skipped */
    }
    int old = new_private(1);
    CHECK_EQ(0, ipc4j_sem_remove(old));
    FILE *next = fopen("/proc/sys/kernel/sem_next_id", "w");
    if (next == NULL) {
        return 77; /* no CONFIG_CHECKPOINT_RESTORE, or /proc/sys read-only */
    }
    fprintf(next, "%d", old);
    fclose(next);
    int big = new_private(64);
    CHECK_EQ(old, big);
    uint16_t seven[64];
    for (int i = 0; i < 64; i++) {
        seven[i] = 7;
    }
    CHECK_EQ(0, ipc4j_sem_set_all(big, seven, 64));
    struct {
        uint16_t values[1];
        uint16_t after[63];
    } buf;
    memset(&buf, 0xaa, sizeof buf);
    CHECK_EQ(64, ipc4j_sem_get_all(old, buf.values, 1)); /* the set's size, nothing copied */
    for (int i = 0; i < 63; i++) {
        CHECK_EQ(0xaaaa, buf.after[i]);
    }
    CHECK_EQ(0xaaaa, buf.values[0]);
    uint16_t one[1] = { 1 };
    CHECK_EQ(64, ipc4j_sem_set_all(old, one, 1)); /* and nothing set from past one value */
    uint16_t now[64];
    CHECK_EQ(0, ipc4j_sem_get_all(big, now, 64));
    for (int i = 0; i < 64; i++) {
        CHECK_EQ(7, now[i]);
    }
    CHECK_EQ(0, ipc4j_sem_remove(big));
    return 0;
}

static void test_a_reused_id_is_never_overrun(void)
{
    pid_t child = fork();
    CHECK(child >= 0);
    if (child == 0) {
        _exit(reused_id_in_a_new_namespace());
    }
    int status;
    CHECK_EQ(child, waitpid(child, &status, 0));
    CHECK(WIFEXITED(status));
    if (WEXITSTATUS(status) == 77) {
        printf("sysv_sem_test: reused-id case skipped: needs root (unshare CLONE_NEWIPC, sem_next_id)\n");
        return;
    }
    CHECK_EQ(0, WEXITSTATUS(status));
}
#endif

int main(void)
{
    test_open_modes();
    test_values();
    test_all_or_nothing();
    test_blocked_op_ends(wake, -EINTR);
    test_blocked_op_ends(release, 0);
    test_removal_ends_a_blocked_op();
    test_timeout();
    test_undo_at_exit(IPC4J_SEM_UNDO, 1);
    test_undo_at_exit(0, 0);
    test_set_owner_mode();
#ifdef __linux__
    test_a_reused_id_is_never_overrun();
#endif
    printf("sysv_sem_test: all passed\n");
    return 0;
}
