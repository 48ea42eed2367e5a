/* System V shared memory paced by a System V semaphore set, as mech_posix_shm.c does with POSIX objects.
 * name[0] is the semaphore set's id, name[1] the segment's. */
#include "shm_layout.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

static int segment_id(struct link *l)
{
    int id = -1;
    sscanf(l->name[1], "%d", &id);
    return id;
}

static int create(struct link *l)
{
    int id = shmget(IPC_PRIVATE, SHM_SIZE, IPC_CREAT | 0600);
    if (id < 0) {
        return -errno;
    }
    snprintf(l->name[1], sizeof l->name[1], "%d", id);
    return ssem_create(l);
}

static int open_side(struct link *l, enum side side)
{
    link_indexes(l, side);
    sscanf(l->name[0], "%d", &l->send_fd);
    void *p = shmat(segment_id(l), NULL, 0);
    if (p == (void *) -1) {
        return -errno;
    }
    l->region = p;
    return 0;
}

static int send_message(struct link *l, const void *buf, size_t len)
{
    memcpy(l->region + SHM_DATA(l->send_index), buf, len);
    return ssem_post(l);
}

static int recv_message(struct link *l, void *buf, size_t len)
{
    int rc = ssem_wait(l);
    memcpy(buf, l->region + SHM_DATA(l->recv_index), len);
    return rc;
}

static void close_side(struct link *l)
{
    shmdt(l->region);
}

static void destroy(struct link *l)
{
    shmctl(segment_id(l), IPC_RMID, NULL);
    ssem_destroy(l);
}

const struct mech mech_sysv_shm = {
    "sysv-shm", 1, create, open_side, send_message, recv_message, close_side, destroy
};
