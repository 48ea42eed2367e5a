/* POSIX message queues: mq_send / mq_receive on blocking descriptors. */
#include "mech.h"

#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int create(struct link *l)
{
    struct mq_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.mq_maxmsg = 10;   /* the default msg_max */
    attr.mq_msgsize = CBENCH_MAX_SIZE;
    for (int i = 0; i < 2; i++) {
        snprintf(l->name[i], sizeof l->name[i], "/ipc4j-cbench-%d-%d", (int) getpid(), i);
        mqd_t q = mq_open(l->name[i], O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
        if (q == (mqd_t) -1) {
            return -errno;
        }
        mq_close(q);
    }
    return 0;
}

static int open_side(struct link *l, enum side side)
{
    int send_index = side == SIDE_B ? 1 : 0;
    int recv_index = side == SIDE_A ? 1 : 0;
    mqd_t out = mq_open(l->name[send_index], O_RDWR);
    mqd_t in = send_index == recv_index ? out : mq_open(l->name[recv_index], O_RDWR);
    if (out == (mqd_t) -1 || in == (mqd_t) -1) {
        return -errno;
    }
    l->send_fd = (int) out;
    l->recv_fd = (int) in;
    return 0;
}

static int send_message(struct link *l, const void *buf, size_t len)
{
    while (mq_send((mqd_t) l->send_fd, buf, len, 0) != 0) {
        if (errno != EINTR) {
            return -errno;
        }
    }
    return 0;
}

static int recv_message(struct link *l, void *buf, size_t len)
{
    (void) len;
    while (mq_receive((mqd_t) l->recv_fd, buf, CBENCH_MAX_SIZE, NULL) < 0) {
        if (errno != EINTR) {
            return -errno;
        }
    }
    return 0;
}

static void close_side(struct link *l)
{
    mq_close((mqd_t) l->send_fd);
    if (l->recv_fd != l->send_fd) {
        mq_close((mqd_t) l->recv_fd);
    }
}

static void destroy(struct link *l)
{
    mq_unlink(l->name[0]);
    mq_unlink(l->name[1]);
}

const struct mech mech_posix_mq = {
    "posix-mq", 1, create, open_side, send_message, recv_message, close_side, destroy
};
