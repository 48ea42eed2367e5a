/* The plain C core of System V message queues (and the System V keys), against the real kernel.
 * argv[1]: where sysv_msg_peer is. */
#include "ipc4j_test.h"
#include "ipc4j_blocker.h"
#include "sysv_ipc.h"
#include "sysv_msg.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int new_queue(void)
{
    int created = 0;
    int id = ipc4j_msg_open(IPC_PRIVATE, IPC4J_SYSV_CREATE_NEW, 0600, 0600, &created);
    CHECK(id >= 0);
    CHECK_EQ(1, created);
    return id;
}

static void send_text(int id, long type, const char *text)
{
    struct ipc4j_msgbuf *m = ipc4j_msg_scratch(strlen(text));
    CHECK(m != NULL);
    m->mtype = type;
    memcpy(m->mtext, text, strlen(text));
    CHECK_EQ(0, ipc4j_msg_send(id, m, strlen(text), IPC4J_MSG_NOWAIT, NULL, -1));
}

/* receives without waiting; returns the type (0 for none) and the text in out */
static long receive_text(int id, long type, int flags, char *out, size_t capacity)
{
    struct ipc4j_msgbuf *m = ipc4j_msg_scratch(capacity);
    CHECK(m != NULL);
    long n = ipc4j_msg_receive(id, m, capacity, type, flags | IPC4J_MSG_NOWAIT, NULL, -1);
    if (n == -ENOMSG) {
        return 0;
    }
    CHECK(n >= 0);
    memcpy(out, m->mtext, (size_t) n);
    out[n] = '\0';
    return m->mtype;
}

static void test_keys(void)
{
    int key = 0;
    CHECK_EQ(0, ipc4j_sysv_ftok("/", 1, &key));
    int again = 0;
    CHECK_EQ(0, ipc4j_sysv_ftok("/", 1, &again));
    CHECK_EQ(key, again);
    CHECK_EQ(0, ipc4j_sysv_ftok("/", 2, &again));
    CHECK(key != again);
    CHECK_EQ(1, (key >> 24) & 0xff); /* the project id is the key's top byte */
    CHECK_EQ(-ENOENT, ipc4j_sysv_ftok("/no/such/ipc4j/path", 1, &key));
    /* every project id C's ftok takes: only its low 8 bits count */
    CHECK_EQ(0, ipc4j_sysv_ftok("/", 1, &key));
    CHECK_EQ(0, ipc4j_sysv_ftok("/", 0x101, &again));
    CHECK_EQ(key, again);
    CHECK_EQ(0, ipc4j_sysv_ftok("/", -255, &again)); /* low 8 bits: 0x01 */
    CHECK_EQ(key, again);
    CHECK_EQ(0, ipc4j_sysv_ftok("/", 256, &again)); /* low 8 bits 0: POSIX leaves it unspecified */
    CHECK_EQ(0, (again >> 24) & 0xff);
    CHECK_EQ(key & 0xffffff, again & 0xffffff);
}

static void test_open_modes(void)
{
    int key = 0x49430000 | (getpid() & 0xffff);
    int created = 0;
    msgctl(msgget(key, 0), IPC_RMID, NULL); /* a leftover of an earlier run */
    CHECK_EQ(-ENOENT, ipc4j_msg_open(key, IPC4J_SYSV_OPEN_EXISTING, 0600, 0600, &created));
    int id = ipc4j_msg_open(key, IPC4J_SYSV_CREATE_NEW, 0640, 0600, &created);
    CHECK(id >= 0);
    CHECK_EQ(1, created);
    CHECK_EQ(-EEXIST, ipc4j_msg_open(key, IPC4J_SYSV_CREATE_NEW, 0600, 0600, &created));
    CHECK_EQ(id, ipc4j_msg_open(key, IPC4J_SYSV_OPEN_OR_CREATE, 0600, 0600, &created));
    CHECK_EQ(0, created);
    CHECK_EQ(id, ipc4j_msg_open(key, IPC4J_SYSV_OPEN_EXISTING, 0600, 0400, &created));
    struct ipc4j_msg_stat st;
    CHECK_EQ(0, ipc4j_msg_stat(id, &st));
    CHECK_EQ(0640, st.mode); /* exactly: System V objects ignore the umask */
    CHECK_EQ(key, st.key);
    CHECK_EQ((long) geteuid(), st.uid);
    CHECK_EQ((long) geteuid(), st.cuid);
    CHECK_EQ(0, ipc4j_msg_remove(id));
    CHECK_EQ(-ENOENT, ipc4j_msg_open(key, IPC4J_SYSV_OPEN_EXISTING, 0600, 0600, &created));
    /* a private key always creates */
    int a = ipc4j_msg_open(IPC_PRIVATE, IPC4J_SYSV_OPEN_EXISTING, 0600, 0600, &created);
    CHECK(a >= 0);
    CHECK_EQ(1, created);
    int b = new_queue();
    CHECK(a != b);
    CHECK_EQ(0, ipc4j_msg_remove(a));
    CHECK_EQ(0, ipc4j_msg_remove(b));
}

static void test_type_rules(void)
{
    int id = new_queue();
    char text[64];
    send_text(id, 3, "c1");
    send_text(id, 1, "a1");
    send_text(id, 2, "b1");
    send_text(id, 3, "c2");
    send_text(id, 1, "a2");
    /* exactly 3, FIFO within the type */
    CHECK_EQ(3, receive_text(id, 3, 0, text, sizeof text));
    CHECK(strcmp(text, "c1") == 0);
    /* the lowest type up to 2: type 1 first */
    CHECK_EQ(1, receive_text(id, -2, 0, text, sizeof text));
    CHECK(strcmp(text, "a1") == 0);
#ifdef MSG_EXCEPT
    /* the first that is not 1 */
    CHECK_EQ(2, receive_text(id, 1, IPC4J_MSG_EXCEPT, text, sizeof text));
    CHECK(strcmp(text, "b1") == 0);
#else
    CHECK_EQ(-ENOSYS, ipc4j_msg_receive(id, ipc4j_msg_scratch(64), 64, 1, IPC4J_MSG_EXCEPT | IPC4J_MSG_NOWAIT,
                                        NULL, -1));
    CHECK_EQ(2, receive_text(id, 2, 0, text, sizeof text));
#endif
    CHECK_EQ(0, receive_text(id, 7, 0, text, sizeof text)); /* none of type 7 */
    /* any: the oldest */
    CHECK_EQ(3, receive_text(id, 0, 0, text, sizeof text));
    CHECK(strcmp(text, "c2") == 0);
    CHECK_EQ(1, receive_text(id, 0, 0, text, sizeof text));
    CHECK(strcmp(text, "a2") == 0);
    CHECK_EQ(0, receive_text(id, 0, 0, text, sizeof text));
    CHECK_EQ(0, ipc4j_msg_remove(id));
}

static void test_too_long_and_truncation(void)
{
    int id = new_queue();
    char text[64];
    send_text(id, 5, "0123456789");
    struct ipc4j_msgbuf *m = ipc4j_msg_scratch(64);
    CHECK_EQ(-E2BIG, ipc4j_msg_receive(id, m, 4, 0, IPC4J_MSG_NOWAIT, NULL, -1));
    struct ipc4j_msg_stat st;
    CHECK_EQ(0, ipc4j_msg_stat(id, &st));
    CHECK_EQ(1, st.qnum); /* it stayed */
    CHECK_EQ(10, st.cbytes);
    CHECK_EQ(4, ipc4j_msg_receive(id, m, 4, 0, IPC4J_MSG_NOWAIT | IPC4J_MSG_NOERROR, NULL, -1));
    CHECK(memcmp(m->mtext, "0123", 4) == 0);
    CHECK_EQ(0, receive_text(id, 0, 0, text, sizeof text)); /* the rest is gone */
    CHECK_EQ(0, ipc4j_msg_remove(id));
}

static void test_copy(void)
{
    int id = new_queue();
    send_text(id, 4, "first");
    send_text(id, 9, "second");
    struct ipc4j_msgbuf *m = ipc4j_msg_scratch(64);
    long n = ipc4j_msg_receive(id, m, 64, 1, IPC4J_MSG_COPY | IPC4J_MSG_NOWAIT, NULL, -1);
    if (n == -ENOSYS) {
        printf("sysv_msg_test: MSG_COPY unsupported here (kernel without CONFIG_CHECKPOINT_RESTORE, or not Linux)\n");
    } else {
        CHECK_EQ(6, n);
        CHECK_EQ(9, m->mtype);
        CHECK(memcmp(m->mtext, "second", 6) == 0);
        CHECK_EQ(-ENOMSG, ipc4j_msg_receive(id, m, 64, 2, IPC4J_MSG_COPY | IPC4J_MSG_NOWAIT, NULL, -1));
        struct ipc4j_msg_stat st;
        CHECK_EQ(0, ipc4j_msg_stat(id, &st));
        CHECK_EQ(2, st.qnum); /* nothing removed */
    }
    CHECK_EQ(0, ipc4j_msg_remove(id));
}

static void test_full_queue(void)
{
    int id = new_queue();
    CHECK_EQ(0, ipc4j_msg_set(id, -1, -1, -1, 16));
    struct ipc4j_msg_stat st;
    CHECK_EQ(0, ipc4j_msg_stat(id, &st));
    CHECK_EQ(16, st.qbytes);
    struct ipc4j_msgbuf *m = ipc4j_msg_scratch(16);
    m->mtype = 1;
    memset(m->mtext, 'x', 16);
    CHECK_EQ(0, ipc4j_msg_send(id, m, 16, IPC4J_MSG_NOWAIT, NULL, -1));
    CHECK_EQ(-EAGAIN, ipc4j_msg_send(id, m, 1, IPC4J_MSG_NOWAIT, NULL, -1));
    /* a timed send waits about as long as asked, then reports -EINTR for the caller's deadline check */
    struct ipc4j_blocker *blocker = ipc4j_blocker_create();
    CHECK(blocker != NULL);
    int64_t start = now_ns();
    CHECK_EQ(-EINTR, ipc4j_msg_send(id, m, 1, 0, blocker, 30000000));
    CHECK(now_ns() - start >= 1000000);
    ipc4j_blocker_free(blocker);
    CHECK_EQ(0, ipc4j_msg_set(id, -1, -1, 0600, -1));
    CHECK_EQ(0, ipc4j_msg_remove(id));
}

/* ---- blocked receivers ---- */

struct blocked {
    int id;
    struct ipc4j_blocker *_Atomic blocker;
    _Atomic long result;
    _Atomic int done;
};

static void *blocked_receive(void *arg)
{
    struct blocked *b = arg;
    struct ipc4j_blocker *blocker = ipc4j_blocker_create();
    CHECK(blocker != NULL);
    struct ipc4j_msgbuf *m = ipc4j_msg_scratch(64);
    b->blocker = blocker;
    long r = ipc4j_msg_receive(b->id, m, 64, 0, 0, blocker, -1);
    b->result = r;
    b->done = 1;
    return blocker;
}

static void run_blocked(struct blocked *b, pthread_t *thread)
{
    b->blocker = NULL;
    b->done = 0;
    CHECK_EQ(0, pthread_create(thread, NULL, blocked_receive, b));
    while (b->blocker == NULL) {
        sched_yield();
    }
    struct timespec pause = { 0, 30000000 };
    nanosleep(&pause, NULL);
    CHECK_EQ(0, b->done); /* still waiting */
}

static void test_blocked_receive_woken_and_removed(void)
{
    struct blocked b;
    pthread_t thread;
    void *blocker;
    b.id = new_queue();
    run_blocked(&b, &thread);
    ipc4j_blocker_wake(b.blocker);
    CHECK_EQ(0, pthread_join(thread, &blocker));
    CHECK_EQ(-EINTR, b.result);
    ipc4j_blocker_free(blocker);

    run_blocked(&b, &thread);
    CHECK_EQ(0, ipc4j_msg_remove(b.id));
    CHECK_EQ(0, pthread_join(thread, &blocker));
    CHECK_EQ(-EIDRM, b.result);
    ipc4j_blocker_free(blocker);
    /* and the removed identifier is refused from now on */
    struct ipc4j_msg_stat st;
    CHECK_EQ(-EINVAL, ipc4j_msg_stat(b.id, &st));
}

/* ---- another process ---- */

static void test_peer(const char *dir)
{
    int id = new_queue();
    char path[4096];
    snprintf(path, sizeof path, "%s/sysv_msg_peer", dir);
    char idtext[32];
    snprintf(idtext, sizeof idtext, "%d", id);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        char *args[] = { path, "echo", idtext, "500", NULL };
        ipc4j_test_exec(args);
    }
    /* the peer echoes each message back with its type + 1000 */
    struct ipc4j_blocker *blocker = ipc4j_blocker_create();
    CHECK(blocker != NULL);
    unsigned char expected[256];
    for (unsigned i = 0; i < 500; i++) {
        struct ipc4j_msgbuf *m = ipc4j_msg_scratch(256);
        size_t length = ipc4j_test_message(i, (unsigned char *) m->mtext, 256);
        long type = 1 + i % 5;
        m->mtype = type;
        CHECK_EQ(0, ipc4j_msg_send(id, m, length, 0, blocker, -1));
        CHECK_EQ((long) length, ipc4j_msg_receive(id, m, 256, 1000 + type, 0, blocker, -1));
        CHECK_EQ(1000 + type, m->mtype);
        ipc4j_test_message(i, expected, 256);
        CHECK(memcmp(expected, m->mtext, length) == 0);
    }
    int status;
    CHECK_EQ(pid, waitpid(pid, &status, 0));
    CHECK(WIFEXITED(status));
    CHECK_EQ(0, WEXITSTATUS(status));
    ipc4j_blocker_free(blocker);
    CHECK_EQ(0, ipc4j_msg_remove(id));
}

int main(int argc, char **argv)
{
    test_keys();
    test_open_modes();
    test_type_rules();
    test_too_long_and_truncation();
    test_copy();
    test_full_queue();
    test_blocked_receive_woken_and_removed();
    if (argc > 1) {
        test_peer(argv[1]);
    }
    printf("sysv_msg_test: all passed\n");
    return 0;
}
