/* System V semaphores: one set of two; semop +1 on the one sent on, -1 on the other. Also the pacing of
 * System V shared memory (whose segment id goes in name[1]; the set's id is in name[0]). */
#include "mech.h"

#include <errno.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/sem.h>

static int set_id(struct link *l)
{
    int id = -1;
    sscanf(l->name[0], "%d", &id);
    return id;
}

int ssem_create(struct link *l)
{
    int id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
    if (id < 0) {
        return -errno;
    }
    snprintf(l->name[0], sizeof l->name[0], "%d", id);
    return 0;
}

static int semop_retrying(int id, struct sembuf *op)
{
    while (semop(id, op, 1) != 0) {
        if (errno != EINTR) {
            return -errno;
        }
    }
    return 0;
}

int ssem_post(struct link *l)
{
    struct sembuf op = { (unsigned short) l->send_index, 1, 0 };
    return semop_retrying(l->send_fd, &op);
}

int ssem_wait(struct link *l)
{
    struct sembuf op = { (unsigned short) l->recv_index, -1, 0 };
    return semop_retrying(l->send_fd, &op);
}

void ssem_destroy(struct link *l)
{
    semctl(set_id(l), 0, IPC_RMID);
}

static int open_side(struct link *l, enum side side)
{
    link_indexes(l, side);
    l->send_fd = set_id(l);
    return l->send_fd < 0 ? -EINVAL : 0;
}

static int post(struct link *l, const void *buf, size_t len)
{
    (void) buf;
    (void) len;
    return ssem_post(l);
}

static int wait_for(struct link *l, void *buf, size_t len)
{
    (void) buf;
    (void) len;
    return ssem_wait(l);
}

static void close_side(struct link *l)
{
    (void) l;
}

const struct mech mech_sysv_sem = {
    "sysv-sem", 0, ssem_create, open_side, post, wait_for, close_side, ssem_destroy
};
