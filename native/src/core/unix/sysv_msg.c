#include "sysv_msg.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/types.h>

static int msg_get(int key, int flags, void *arg)
{
    (void) arg;
    int id = msgget((key_t) key, flags);
    return id >= 0 ? id : -errno;
}

int ipc4j_msg_open(int key, enum ipc4j_sysv_open_mode open_mode, int mode, int access, int *created)
{
    return ipc4j_sysv_open(key, open_mode, mode, access, msg_get, NULL, created);
}

/* ---- the per-thread scratch ---- */

struct scratch {
    size_t capacity;
    struct ipc4j_msgbuf *msg;
};

static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;
static int scratch_key_error;

static void free_scratch(void *p)
{
    struct scratch *s = p;
    free(s->msg);
    free(s);
}

static void make_scratch_key(void)
{
    scratch_key_error = pthread_key_create(&scratch_key, free_scratch);
}

struct ipc4j_msgbuf *ipc4j_msg_scratch(size_t payload)
{
    pthread_once(&scratch_once, make_scratch_key);
    if (scratch_key_error != 0 || payload > SIZE_MAX - sizeof(struct ipc4j_msgbuf)) {
        return NULL;
    }
    struct scratch *s = pthread_getspecific(scratch_key);
    if (s == NULL) {
        s = calloc(1, sizeof *s);
        if (s == NULL) {
            return NULL;
        }
        if (pthread_setspecific(scratch_key, s) != 0) {
            free(s);
            return NULL;
        }
    }
    if (s->msg == NULL || s->capacity < payload) {
        /* grow to what is asked, at least 8 KiB (Linux's default msgmax): few threads ever grow again */
        size_t capacity = payload < 8192 ? 8192 : payload;
        struct ipc4j_msgbuf *grown = realloc(s->msg, sizeof(struct ipc4j_msgbuf) + capacity);
        if (grown == NULL) {
            return NULL;
        }
        s->msg = grown;
        s->capacity = capacity;
    }
    return s->msg;
}

/* ---- send and receive ---- */

static int os_flags(int flags)
{
    int os = 0;
    if (flags & IPC4J_MSG_NOWAIT) {
        os |= IPC_NOWAIT;
    }
    if (flags & IPC4J_MSG_NOERROR) {
        os |= MSG_NOERROR;
    }
#ifdef MSG_EXCEPT
    if (flags & IPC4J_MSG_EXCEPT) {
        os |= MSG_EXCEPT;
    }
#endif
#ifdef MSG_COPY
    if (flags & IPC4J_MSG_COPY) {
        os |= MSG_COPY;
    }
#endif
    return os;
}

struct send_call {
    int msqid;
    const struct ipc4j_msgbuf *msg;
    size_t length;
    int flags;
};

static long send_once(void *arg, int nowait)
{
    struct send_call *c = arg;
    int rc = msgsnd(c->msqid, c->msg, c->length, c->flags | (nowait ? IPC_NOWAIT : 0));
    return rc == 0 ? 0 : -errno;
}

int ipc4j_msg_send(int msqid, const struct ipc4j_msgbuf *msg, size_t length, int flags,
                   struct ipc4j_blocker *blocker, int64_t timeout_ns)
{
    struct send_call c = { msqid, msg, length, os_flags(flags) };
    if ((flags & IPC4J_MSG_NOWAIT) || blocker == NULL) {
        return (int) send_once(&c, 1);
    }
    return (int) ipc4j_blocker_call(blocker, timeout_ns, send_once, &c, -EAGAIN);
}

struct receive_call {
    int msqid;
    struct ipc4j_msgbuf *msg;
    size_t capacity;
    long type;
    int flags;
};

static long receive_once(void *arg, int nowait)
{
    struct receive_call *c = arg;
    ssize_t n = msgrcv(c->msqid, c->msg, c->capacity, c->type, c->flags | (nowait ? IPC_NOWAIT : 0));
    return n >= 0 ? (long) n : -errno;
}

long ipc4j_msg_receive(int msqid, struct ipc4j_msgbuf *msg, size_t capacity, long type, int flags,
                       struct ipc4j_blocker *blocker, int64_t timeout_ns)
{
#ifndef MSG_EXCEPT
    if (flags & IPC4J_MSG_EXCEPT) {
        return -ENOSYS;
    }
#endif
#ifndef MSG_COPY
    if (flags & IPC4J_MSG_COPY) {
        return -ENOSYS;
    }
#endif
    struct receive_call c = { msqid, msg, capacity, type, os_flags(flags) };
    if ((flags & IPC4J_MSG_NOWAIT) || blocker == NULL) {
        return receive_once(&c, 1);
    }
    return ipc4j_blocker_call(blocker, timeout_ns, receive_once, &c, -ENOMSG);
}

/* ---- control ---- */

/* The fields the C libraries name differently. */
#if defined(__GLIBC__)
#define QUEUE_BYTES(ds) ((ds).__msg_cbytes)
#else
#define QUEUE_BYTES(ds) ((ds).msg_cbytes)
#endif

int ipc4j_msg_stat(int msqid, struct ipc4j_msg_stat *stat)
{
    struct msqid_ds ds;
    memset(&ds, 0, sizeof ds);
    if (msgctl(msqid, IPC_STAT, &ds) != 0) {
        return -errno;
    }
    stat->key = (int) IPC4J_PERM_KEY(ds.msg_perm);
    stat->uid = (long) ds.msg_perm.uid;
    stat->gid = (long) ds.msg_perm.gid;
    stat->cuid = (long) ds.msg_perm.cuid;
    stat->cgid = (long) ds.msg_perm.cgid;
    stat->mode = (int) (ds.msg_perm.mode & 0777);
    stat->cbytes = (unsigned long) QUEUE_BYTES(ds);
    stat->qnum = (unsigned long) ds.msg_qnum;
    stat->qbytes = (unsigned long) ds.msg_qbytes;
    stat->lspid = (long) ds.msg_lspid;
    stat->lrpid = (long) ds.msg_lrpid;
    stat->stime = (int64_t) ds.msg_stime;
    stat->rtime = (int64_t) ds.msg_rtime;
    stat->ctime = (int64_t) ds.msg_ctime;
    return 0;
}

int ipc4j_msg_set(int msqid, long uid, long gid, int mode, long qbytes)
{
    struct msqid_ds ds;
    memset(&ds, 0, sizeof ds);
    if (msgctl(msqid, IPC_STAT, &ds) != 0) {
        return -errno;
    }
    if (uid != -1) {
        ds.msg_perm.uid = (uid_t) uid;
    }
    if (gid != -1) {
        ds.msg_perm.gid = (gid_t) gid;
    }
    if (mode != -1) {
        ds.msg_perm.mode = (ds.msg_perm.mode & ~0777) | (mode & 0777);
    }
    if (qbytes != -1) {
        ds.msg_qbytes = (msglen_t) qbytes;
    }
    return msgctl(msqid, IPC_SET, &ds) == 0 ? 0 : -errno;
}

int ipc4j_msg_remove(int msqid)
{
    return msgctl(msqid, IPC_RMID, NULL) == 0 ? 0 : -errno;
}
