#include "posix_mq.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifdef IPC4J_HAVE_POSIX_MQ
#include <mqueue.h>
#include "ipc4j_fd.h"

/* A deadline already past makes mq_timedsend/mq_timedreceive try once and never sleep. It lives on
 * the stack, not in read-only data: qemu-user (how the aarch64 tests run) answers EFAULT to a
 * timeout in a read-only page. */
#define ALREADY_PAST { 0, 0 }

static int access_flags(enum ipc4j_mq_access access)
{
    switch (access) {
    case IPC4J_MQ_READ_ONLY: return O_RDONLY;
    case IPC4J_MQ_WRITE_ONLY: return O_WRONLY;
    default: return O_RDWR;
    }
}

static int open_new(const char *name, int flags, int mode, long max_messages, long message_size)
{
    struct mq_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.mq_maxmsg = max_messages;
    attr.mq_msgsize = message_size;
    /* the kernel takes both sizes or neither (then its defaults) */
    struct mq_attr *attrp = (max_messages > 0 && message_size > 0) ? &attr : NULL;
    mqd_t q = mq_open(name, flags | O_CREAT | O_EXCL | O_CLOEXEC, (mode_t) (mode & 0600), attrp);
    if (q == (mqd_t) -1) {
        return -errno;
    }
    /* created with at most 0600 under any umask; now the exact mode asked for */
    int rc = ipc4j_fd_set_mode((int) q, mode);
    if (rc != 0) {
        mq_close(q);
        mq_unlink(name);
        return rc;
    }
    return (int) q;
}

int ipc4j_mq_open(const char *name, enum ipc4j_mq_open_mode open_mode, enum ipc4j_mq_access access,
                  int mode, long max_messages, long message_size, int *created)
{
    int flags = access_flags(access);
    *created = 0;
    for (;;) {
        if (open_mode != IPC4J_MQ_OPEN_EXISTING) {
            int fd = open_new(name, flags, mode, max_messages, message_size);
            if (fd >= 0) {
                *created = 1;
                return fd;
            }
            if (fd != -EEXIST || open_mode == IPC4J_MQ_CREATE_NEW) {
                return fd;
            }
        }
        mqd_t q = mq_open(name, flags | O_CLOEXEC);
        if (q != (mqd_t) -1) {
            return (int) q;
        }
        /* open-or-create: it was removed between our two tries; try again */
        if (errno != ENOENT || open_mode == IPC4J_MQ_OPEN_EXISTING) {
            return -errno;
        }
    }
}

int ipc4j_mq_close(int mqd)
{
    return mq_close((mqd_t) mqd) == 0 ? 0 : -errno;
}

int ipc4j_mq_unlink(const char *name)
{
    return mq_unlink(name) == 0 ? 0 : -errno;
}

int ipc4j_mq_try_send(int mqd, const void *data, size_t length, unsigned priority)
{
    struct timespec already_past = ALREADY_PAST;
    for (;;) {
        if (mq_timedsend((mqd_t) mqd, data, length, priority, &already_past) == 0) {
            return 0;
        }
        if (errno == ETIMEDOUT) {
            return IPC4J_MQ_WOULD_BLOCK;
        }
        if (errno != EINTR) {
            return -errno;
        }
    }
}

long ipc4j_mq_try_receive(int mqd, void *buf, size_t capacity, unsigned *priority)
{
    struct timespec already_past = ALREADY_PAST;
    for (;;) {
        ssize_t n = mq_timedreceive((mqd_t) mqd, buf, capacity, priority, &already_past);
        if (n >= 0) {
            return (long) n;
        }
        if (errno == ETIMEDOUT) {
            return IPC4J_MQ_WOULD_BLOCK;
        }
        if (errno != EINTR) {
            return -errno;
        }
    }
}

struct receive_call {
    int mqd;
    void *buf;
    size_t capacity;
    unsigned *priority;
};

static long receive_once(void *arg, int nowait)
{
    struct receive_call *c = arg;
    if (nowait) {
        long n = ipc4j_mq_try_receive(c->mqd, c->buf, c->capacity, c->priority);
        return n == IPC4J_MQ_WOULD_BLOCK ? -EAGAIN : n;
    }
    ssize_t n = mq_receive((mqd_t) c->mqd, c->buf, c->capacity, c->priority);
    return n >= 0 ? (long) n : -errno;
}

long ipc4j_mq_receive_waiting(int mqd, void *buf, size_t capacity, unsigned *priority,
                              struct ipc4j_blocker *blocker, int64_t timeout_ns)
{
    struct receive_call c = { mqd, buf, capacity, priority };
    return ipc4j_blocker_call(blocker, timeout_ns, receive_once, &c, -EAGAIN);
}

struct send_call {
    int mqd;
    const void *data;
    size_t length;
    unsigned priority;
};

static long send_once(void *arg, int nowait)
{
    struct send_call *c = arg;
    if (nowait) {
        int rc = ipc4j_mq_try_send(c->mqd, c->data, c->length, c->priority);
        return rc == IPC4J_MQ_WOULD_BLOCK ? -EAGAIN : rc;
    }
    return mq_send((mqd_t) c->mqd, c->data, c->length, c->priority) == 0 ? 0 : -errno;
}

int ipc4j_mq_send_waiting(int mqd, const void *data, size_t length, unsigned priority,
                          struct ipc4j_blocker *blocker, int64_t timeout_ns)
{
    struct send_call c = { mqd, data, length, priority };
    return (int) ipc4j_blocker_call(blocker, timeout_ns, send_once, &c, -EAGAIN);
}

int ipc4j_mq_get_attr(int mqd, struct ipc4j_mq_attr *out)
{
    struct mq_attr attr;
    if (mq_getattr((mqd_t) mqd, &attr) != 0) {
        return -errno;
    }
    out->flags = attr.mq_flags;
    out->max_messages = attr.mq_maxmsg;
    out->message_size = attr.mq_msgsize;
    out->current_messages = attr.mq_curmsgs;
    return 0;
}

int ipc4j_mq_set_nonblocking(int mqd, int nonblocking)
{
    struct mq_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.mq_flags = nonblocking ? O_NONBLOCK : 0;
    return mq_setattr((mqd_t) mqd, &attr, NULL) == 0 ? 0 : -errno;
}

long ipc4j_mq_priority_limit(void)
{
    long limit = sysconf(_SC_MQ_PRIO_MAX);
    return limit > 0 ? limit : 32;
}

int ipc4j_mq_notify(int mqd, ipc4j_mq_notify_fn fn, void *arg)
{
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_THREAD;
    ev.sigev_notify_function = fn;
    ev.sigev_value.sival_ptr = arg;
    return mq_notify((mqd_t) mqd, &ev) == 0 ? 0 : -errno;
}

int ipc4j_mq_notify_cancel(int mqd)
{
    return mq_notify((mqd_t) mqd, NULL) == 0 ? 0 : -errno;
}

int64_t ipc4j_mq_identity(int mqd)
{
    struct stat st;
    return fstat(mqd, &st) == 0 ? (int64_t) st.st_ino : -errno; /* Linux: a queue descriptor is a file */
}

#endif /* IPC4J_HAVE_POSIX_MQ */
