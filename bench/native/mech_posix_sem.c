/* POSIX named semaphores: a post to the peer, a wait for its post. Also the pacing of POSIX shared memory. */
#include "mech.h"

#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <unistd.h>

int psem_create(struct link *l)
{
    for (int i = 0; i < 2; i++) {
        snprintf(l->name[i], sizeof l->name[i], "/ipc4j-cbench-sem-%d-%d", (int) getpid(), i);
        sem_t *s = sem_open(l->name[i], O_CREAT | O_EXCL, 0600, 0);
        if (s == SEM_FAILED) {
            return -errno;
        }
        sem_close(s);
    }
    return 0;
}

int psem_open(struct link *l, enum side side)
{
    link_indexes(l, side);
    l->send_obj = sem_open(l->name[l->send_index], 0);
    l->recv_obj = sem_open(l->name[l->recv_index], 0);
    return l->send_obj == SEM_FAILED || l->recv_obj == SEM_FAILED ? -errno : 0;
}

int psem_post(struct link *l)
{
    return sem_post(l->send_obj) == 0 ? 0 : -errno;
}

int psem_wait(struct link *l)
{
    while (sem_wait(l->recv_obj) != 0) {
        if (errno != EINTR) {
            return -errno;
        }
    }
    return 0;
}

void psem_close(struct link *l)
{
    sem_close(l->send_obj);
    sem_close(l->recv_obj);
}

void psem_destroy(struct link *l)
{
    sem_unlink(l->name[0]);
    sem_unlink(l->name[1]);
}

static int post(struct link *l, const void *buf, size_t len)
{
    (void) buf;
    (void) len;
    return psem_post(l);
}

static int wait_for(struct link *l, void *buf, size_t len)
{
    (void) buf;
    (void) len;
    return psem_wait(l);
}

const struct mech mech_posix_sem = {
    "posix-sem", 0, psem_create, psem_open, post, wait_for, psem_close, psem_destroy
};
