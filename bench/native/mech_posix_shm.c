/* POSIX shared memory paced by POSIX semaphores: the message is copied into this direction's area, then
 * the peer's semaphore posted; the receiver waits on its semaphore, then copies the message out. */
#include "shm_layout.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static char shm_name[64];

char *shm_map_posix(const char *name, int create)
{
    int fd = shm_open(name, O_RDWR | (create ? O_CREAT | O_EXCL : 0), 0600);
    if (fd < 0) {
        return NULL;
    }
    if (create && ftruncate(fd, SHM_SIZE) != 0) {
        close(fd);
        return NULL;
    }
    void *p = mmap(NULL, SHM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    return p == MAP_FAILED ? NULL : p;
}

static int create(struct link *l)
{
    snprintf(shm_name, sizeof shm_name, "/ipc4j-cbench-shm-%d", (int) getpid());
    char *p = shm_map_posix(shm_name, 1);
    if (p == NULL) {
        return -errno;
    }
    munmap(p, SHM_SIZE);
    return psem_create(l);
}

static int open_side(struct link *l, enum side side)
{
    l->region = shm_map_posix(shm_name, 0);
    if (l->region == NULL) {
        return -errno;
    }
    return psem_open(l, side);
}

static int send_message(struct link *l, const void *buf, size_t len)
{
    memcpy(l->region + SHM_DATA(l->send_index), buf, len);
    return psem_post(l);
}

static int recv_message(struct link *l, void *buf, size_t len)
{
    int rc = psem_wait(l);
    memcpy(buf, l->region + SHM_DATA(l->recv_index), len);
    return rc;
}

static void close_side(struct link *l)
{
    munmap(l->region, SHM_SIZE);
    psem_close(l);
}

static void destroy(struct link *l)
{
    shm_unlink(shm_name);
    psem_destroy(l);
}

const struct mech mech_posix_shm = {
    "posix-shm", 1, create, open_side, send_message, recv_message, close_side, destroy
};
