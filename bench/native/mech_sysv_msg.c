/* System V message queues: msgsnd / msgrcv of type 1, built in place in one buffer (type, then text). */
#include "mech.h"

#include <errno.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/msg.h>

static struct {
    long type;
    char text[CBENCH_MAX_SIZE];
} message = { 1, { 0 } };

static int create(struct link *l)
{
    for (int i = 0; i < 2; i++) {
        int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
        if (id < 0) {
            return -errno;
        }
        snprintf(l->name[i], sizeof l->name[i], "%d", id);
    }
    return 0;
}

static int open_side(struct link *l, enum side side)
{
    link_indexes(l, side);
    if (sscanf(l->name[l->send_index], "%d", &l->send_fd) != 1
            || sscanf(l->name[l->recv_index], "%d", &l->recv_fd) != 1) {
        return -EINVAL;
    }
    return 0;
}

static int send_message(struct link *l, const void *buf, size_t len)
{
    (void) buf;
    while (msgsnd(l->send_fd, &message, len, 0) != 0) {
        if (errno != EINTR) {
            return -errno;
        }
    }
    return 0;
}

static int recv_message(struct link *l, void *buf, size_t len)
{
    (void) buf;
    (void) len;
    while (msgrcv(l->recv_fd, &message, CBENCH_MAX_SIZE, 0, 0) < 0) {
        if (errno != EINTR) {
            return -errno;
        }
    }
    return 0;
}

static void close_side(struct link *l)
{
    (void) l;
}

static void destroy(struct link *l)
{
    for (int i = 0; i < 2; i++) {
        int id;
        if (sscanf(l->name[i], "%d", &id) == 1) {
            msgctl(id, IPC_RMID, NULL);
        }
    }
}

const struct mech mech_sysv_msg = {
    "sysv-msg", 1, create, open_side, send_message, recv_message, close_side, destroy
};
