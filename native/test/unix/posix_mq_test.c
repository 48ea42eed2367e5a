/* The plain C core of POSIX message queues, against the real kernel. argv[1]: where mq_peer is. */
#include "ipc4j_test.h"
#include "ipc4j_fd.h"
#include "ipc4j_wait.h"
#include "posix_mq.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef IPC4J_HAVE_POSIX_MQ
static int open_new(const char *name, long max, long size)
{
    int created = 0;
    int fd = ipc4j_mq_open(name, IPC4J_MQ_CREATE_NEW, IPC4J_MQ_READ_WRITE, 0600, max, size, &created);
    CHECK(fd >= 0);
    CHECK_EQ(1, created);
    return fd;
}

static void test_open_modes(void)
{
    const char *name = ipc4j_test_name("ipc4j-ctest");
    int created;
    CHECK_EQ(-ENOENT, ipc4j_mq_open(name, IPC4J_MQ_OPEN_EXISTING, IPC4J_MQ_READ_WRITE, 0600, 0, 0, &created));
    int fd = open_new(name, 4, 64);
    CHECK_EQ(-EEXIST, ipc4j_mq_open(name, IPC4J_MQ_CREATE_NEW, IPC4J_MQ_READ_WRITE, 0600, 4, 64, &created));
    int again = ipc4j_mq_open(name, IPC4J_MQ_OPEN_OR_CREATE, IPC4J_MQ_READ_ONLY, 0600, 4, 64, &created);
    CHECK(again >= 0);
    CHECK_EQ(0, created);
    CHECK((fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
    struct ipc4j_mq_attr attr;
    CHECK_EQ(0, ipc4j_mq_get_attr(fd, &attr));
    CHECK_EQ(4, attr.max_messages);
    CHECK_EQ(64, attr.message_size);
    CHECK_EQ(0, attr.current_messages);
    CHECK_EQ(0, ipc4j_mq_close(again));
    CHECK_EQ(0, ipc4j_mq_close(fd));
    CHECK_EQ(0, ipc4j_mq_unlink(name));
    CHECK_EQ(-ENOENT, ipc4j_mq_unlink(name));
}

static void test_mode_ignores_umask(void)
{
    mode_t old = umask(0);
    const char *name = ipc4j_test_name("ipc4j-ctest");
    int fd = open_new(name, 2, 16);
    long uid;
    int mode;
    CHECK_EQ(0, ipc4j_fd_owner_mode(fd, &uid, &mode));
    CHECK_EQ(0600, mode);
    CHECK_EQ((long) geteuid(), uid);
    ipc4j_mq_close(fd);
    ipc4j_mq_unlink(name);
    umask(077);
    int created;
    fd = ipc4j_mq_open(name, IPC4J_MQ_CREATE_NEW, IPC4J_MQ_READ_WRITE, 0640, 2, 16, &created);
    CHECK(fd >= 0);
    CHECK_EQ(0, ipc4j_fd_owner_mode(fd, &uid, &mode));
    CHECK_EQ(0640, mode);
    ipc4j_mq_close(fd);
    ipc4j_mq_unlink(name);
    umask(old);
}

static void test_priority_order_and_would_block(void)
{
    const char *name = ipc4j_test_name("ipc4j-ctest");
    int fd = open_new(name, 3, 32);
    unsigned char buf[32];
    unsigned priority;
    CHECK_EQ(IPC4J_MQ_WOULD_BLOCK, ipc4j_mq_try_receive(fd, buf, sizeof buf, &priority));
    CHECK_EQ(0, ipc4j_mq_try_send(fd, "low", 3, 1));
    CHECK_EQ(0, ipc4j_mq_try_send(fd, "high", 4, 9));
    CHECK_EQ(0, ipc4j_mq_try_send(fd, "low2", 4, 1));
    CHECK_EQ(IPC4J_MQ_WOULD_BLOCK, ipc4j_mq_try_send(fd, "full", 4, 1));
    CHECK_EQ(-EMSGSIZE, ipc4j_mq_try_send(fd, buf, 33, 1));
    CHECK_EQ(-EMSGSIZE, ipc4j_mq_try_receive(fd, buf, 31, &priority));
    CHECK_EQ(4, ipc4j_mq_try_receive(fd, buf, sizeof buf, &priority));
    CHECK_EQ(9, priority);
    CHECK(memcmp(buf, "high", 4) == 0);
    CHECK_EQ(3, ipc4j_mq_try_receive(fd, buf, sizeof buf, &priority));
    CHECK(memcmp(buf, "low", 3) == 0);
    CHECK_EQ(4, ipc4j_mq_try_receive(fd, buf, sizeof buf, &priority));
    CHECK(memcmp(buf, "low2", 4) == 0);

    CHECK_EQ(0, ipc4j_mq_set_nonblocking(fd, 1));
    struct ipc4j_mq_attr attr;
    CHECK_EQ(0, ipc4j_mq_get_attr(fd, &attr));
    CHECK(attr.flags != 0);
    CHECK_EQ(-EAGAIN, ipc4j_mq_try_receive(fd, buf, sizeof buf, &priority));
    CHECK_EQ(0, ipc4j_mq_set_nonblocking(fd, 0));
    ipc4j_mq_close(fd);
    ipc4j_mq_unlink(name);
}

static void test_wait(void)
{
    const char *name = ipc4j_test_name("ipc4j-ctest");
    int fd = open_new(name, 2, 16);
    CHECK_EQ(IPC4J_WAIT_TIMEOUT, ipc4j_wait_fd(fd, IPC4J_WAIT_FOR_READ, 20000000));
    CHECK_EQ(IPC4J_WAIT_READY, ipc4j_wait_fd(fd, IPC4J_WAIT_FOR_WRITE, 0));
    CHECK_EQ(0, ipc4j_mq_try_send(fd, "x", 1, 0));
    CHECK_EQ(IPC4J_WAIT_READY, ipc4j_wait_fd(fd, IPC4J_WAIT_FOR_READ, -1));
    CHECK_EQ(0, ipc4j_mq_try_send(fd, "y", 1, 0));
    CHECK_EQ(IPC4J_WAIT_TIMEOUT, ipc4j_wait_fd(fd, IPC4J_WAIT_FOR_WRITE, 1000000)); /* full */
    ipc4j_mq_close(fd);
    ipc4j_mq_unlink(name);
}

static int notified_pipe[2];

static void on_notify(union sigval value)
{
    char c = (char) (long) value.sival_ptr;
    CHECK_EQ(1, write(notified_pipe[1], &c, 1));
}

static void test_notify(void)
{
    const char *name = ipc4j_test_name("ipc4j-ctest");
    int fd = open_new(name, 2, 16);
    int other = ipc4j_mq_open(name, IPC4J_MQ_OPEN_EXISTING, IPC4J_MQ_READ_WRITE, 0600, 0, 0, &(int){ 0 });
    CHECK(other >= 0);
    CHECK_EQ(0, pipe(notified_pipe));
    int rc = ipc4j_mq_notify(fd, on_notify, (void *) 42L);
    if (rc == -ENOSYS) {
        printf("posix_mq_test: mq_notify skipped: ENOSYS (qemu-user has no mq_notify)\n");
        close(notified_pipe[0]);
        close(notified_pipe[1]);
        ipc4j_mq_close(other);
        ipc4j_mq_close(fd);
        ipc4j_mq_unlink(name);
        return;
    }
    CHECK_EQ(0, rc);
    CHECK_EQ(-EBUSY, ipc4j_mq_notify(other, on_notify, (void *) 43L));
    CHECK_EQ(0, ipc4j_mq_try_send(other, "x", 1, 0));
    char c = 0;
    CHECK_EQ(1, read(notified_pipe[0], &c, 1));
    CHECK_EQ(42, c);
    /* one-shot: now another descriptor may register, and cancel */
    CHECK_EQ(0, ipc4j_mq_notify(other, on_notify, (void *) 43L));
    CHECK_EQ(0, ipc4j_mq_notify_cancel(other));

    /* the kernel drops the registration when this process closes ANY descriptor of the queue: ipc4j
     * finds the registrations a close may have dropped by the queue's identity, the same through each */
    CHECK_EQ(0, ipc4j_mq_notify(fd, on_notify, (void *) 44L));
    int third = ipc4j_mq_open(name, IPC4J_MQ_OPEN_EXISTING, IPC4J_MQ_READ_WRITE, 0600, 0, 0, &(int){ 0 });
    CHECK(third >= 0);
    CHECK(ipc4j_mq_identity(fd) >= 0);
    CHECK_EQ(ipc4j_mq_identity(fd), ipc4j_mq_identity(third));
    char unrelated_name[160];
    snprintf(unrelated_name, sizeof unrelated_name, "%s-u", name);
    int unrelated = open_new(unrelated_name, 2, 16);
    CHECK(ipc4j_mq_identity(unrelated) != ipc4j_mq_identity(fd));
    CHECK_EQ(0, ipc4j_mq_close(unrelated));
    CHECK_EQ(0, ipc4j_mq_unlink(unrelated_name));
    CHECK_EQ(-EBUSY, ipc4j_mq_notify(other, on_notify, (void *) 45L)); /* another queue's close kept it */
    CHECK_EQ(0, ipc4j_mq_close(third));
    CHECK_EQ(0, ipc4j_mq_notify(other, on_notify, (void *) 45L)); /* this queue's close dropped it */
    CHECK_EQ(0, ipc4j_mq_notify_cancel(other));
    CHECK_EQ(-EBADF, ipc4j_mq_identity(third));
    close(notified_pipe[0]);
    close(notified_pipe[1]);
    ipc4j_mq_close(other);
    ipc4j_mq_close(fd);
    ipc4j_mq_unlink(name);
}

static void test_two_processes(const char *peer_dir)
{
    const char *name = ipc4j_test_name("ipc4j-ctest");
    int fd = open_new(name, 10, 1024);
    char peer[4096];
    snprintf(peer, sizeof peer, "%s/mq_peer", peer_dir);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        char *args[] = { peer, "receive", (char *) name, "2000", NULL };
        ipc4j_test_exec(args);
    }
    unsigned char buf[1024];
    for (unsigned i = 0; i < 2000; i++) {
        size_t length = ipc4j_test_message(i, buf, sizeof buf);
        int rc;
        while ((rc = ipc4j_mq_try_send(fd, buf, length, i % 7)) == IPC4J_MQ_WOULD_BLOCK) {
            CHECK(ipc4j_wait_fd(fd, IPC4J_WAIT_FOR_WRITE, -1) >= 0);
        }
        CHECK_EQ(0, rc);
    }
    int status;
    CHECK_EQ(pid, waitpid(pid, &status, 0));
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ipc4j_mq_close(fd);
    ipc4j_mq_unlink(name);
}
#endif

#ifdef IPC4J_HAVE_POSIX_MQ
/* ---- receiving inside mq_receive, under a blocker ---- */

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

struct waiting {
    int fd;
    struct ipc4j_blocker *_Atomic blocker;
    _Atomic long result;
    _Atomic int done;
};

static void *waiting_receive(void *arg)
{
    struct waiting *w = arg;
    struct ipc4j_blocker *blocker = ipc4j_blocker_create();
    CHECK(blocker != NULL);
    char buf[64];
    unsigned priority;
    w->blocker = blocker;
    w->result = ipc4j_mq_receive_waiting(w->fd, buf, sizeof buf, &priority, blocker, -1);
    w->done = 1;
    return blocker;
}

static void test_receive_waiting(void)
{
    const char *name = ipc4j_test_name("ipc4j-ctest-wait");
    int fd = open_new(name, 4, 64);
    struct ipc4j_blocker *blocker = ipc4j_blocker_create();
    CHECK(blocker != NULL);
    char buf[64];
    unsigned priority = 0;
    /* a message that is there: taken at once, with its priority */
    CHECK_EQ(0, ipc4j_mq_try_send(fd, "there", 5, 7));
    CHECK_EQ(5, ipc4j_mq_receive_waiting(fd, buf, sizeof buf, &priority, blocker, -1));
    CHECK_EQ(7, priority);
    CHECK_EQ(0, memcmp(buf, "there", 5));
    /* none: a timed wait ends about when asked, with -EINTR for the caller's deadline check */
    int64_t start = now_ns();
    CHECK_EQ(-EINTR, ipc4j_mq_receive_waiting(fd, buf, sizeof buf, &priority, blocker, 30000000));
    CHECK(now_ns() - start >= 20000000);
    ipc4j_blocker_free(blocker);

    /* a thread waiting in the call is woken by its blocker (what interrupt and close do) */
    struct waiting w = { fd, NULL, 0, 0 };
    pthread_t thread;
    CHECK_EQ(0, pthread_create(&thread, NULL, waiting_receive, &w));
    while (w.blocker == NULL) {
        sched_yield();
    }
    struct timespec pause = { 0, 30000000 };
    nanosleep(&pause, NULL);
    CHECK_EQ(0, w.done); /* still waiting */
    ipc4j_blocker_wake(w.blocker);
    void *thread_blocker;
    CHECK_EQ(0, pthread_join(thread, &thread_blocker));
    CHECK_EQ(-EINTR, w.result);
    ipc4j_blocker_free(thread_blocker);

    /* non-blocking mode: empty is -EAGAIN at once */
    CHECK_EQ(0, ipc4j_mq_set_nonblocking(fd, 1));
    blocker = ipc4j_blocker_create();
    CHECK_EQ(-EAGAIN, ipc4j_mq_receive_waiting(fd, buf, sizeof buf, &priority, blocker, -1));
    ipc4j_blocker_free(blocker);
    CHECK_EQ(0, ipc4j_mq_close(fd));
    CHECK_EQ(0, ipc4j_mq_unlink(name));
}
#endif

int main(int argc, char **argv)
{
#ifdef IPC4J_HAVE_POSIX_MQ
    CHECK(argc >= 2);
    test_open_modes();
    test_mode_ignores_umask();
    test_priority_order_and_would_block();
    test_wait();
    test_receive_waiting();
    test_notify();
    test_two_processes(argv[1]);
    printf("posix_mq_test: all passed\n");
#else
    (void) argc;
    (void) argv;
    printf("posix_mq_test: skipped, this OS has no POSIX message queues\n");
#endif
    return 0;
}
