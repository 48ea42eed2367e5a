/* POSIX shared memory with a spin handshake, no system call per message: the sender waits until the
 * receiver acknowledged its previous message, copies the message in and publishes the next sequence
 * number (release); the receiver spins until the sequence moves (acquire), copies the message out and
 * acknowledges. Needs the two sides on two CPUs (run with CBENCH_CPUS=spread). */
#include "shm_layout.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static char shm_name[64];

static _Atomic unsigned long *counter(struct link *l, long offset)
{
    return (_Atomic unsigned long *) (void *) (l->region + offset);
}

static void relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

static int create(struct link *l)
{
    (void) l;
    snprintf(shm_name, sizeof shm_name, "/ipc4j-cbench-spin-%d", (int) getpid());
    char *p = shm_map_posix(shm_name, 1);
    if (p == NULL) {
        return -errno;
    }
    munmap(p, SHM_SIZE);
    return 0;
}

static int open_side(struct link *l, enum side side)
{
    link_indexes(l, side);
    l->region = shm_map_posix(shm_name, 0);
    l->sent = 0;
    l->received = 0;
    return l->region == NULL ? -errno : 0;
}

static int send_message(struct link *l, const void *buf, size_t len)
{
    while (atomic_load_explicit(counter(l, SHM_ACK(l->send_index)), memory_order_acquire) != l->sent) {
        relax();
    }
    memcpy(l->region + SHM_DATA(l->send_index), buf, len);
    atomic_store_explicit(counter(l, SHM_SEQ(l->send_index)), ++l->sent, memory_order_release);
    return 0;
}

static int recv_message(struct link *l, void *buf, size_t len)
{
    while (atomic_load_explicit(counter(l, SHM_SEQ(l->recv_index)), memory_order_acquire) == l->received) {
        relax();
    }
    memcpy(buf, l->region + SHM_DATA(l->recv_index), len);
    atomic_store_explicit(counter(l, SHM_ACK(l->recv_index)), ++l->received, memory_order_release);
    return 0;
}

static void close_side(struct link *l)
{
    munmap(l->region, SHM_SIZE);
}

static void destroy(struct link *l)
{
    (void) l;
    shm_unlink(shm_name);
}

const struct mech mech_shm_spin = {
    "shm-spin", 1, create, open_side, send_message, recv_message, close_side, destroy
};
