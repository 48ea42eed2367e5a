/* One IPC mechanism as the C side of the suite measures it: the same operations the Java side makes
 * (ipc4j, JNA and FFM endpoints), on the same kind of objects, in plain C. */
#ifndef IPC4J_CBENCH_MECH_H
#define IPC4J_CBENCH_MECH_H

#include <stddef.h>

#define CBENCH_MAX_SIZE 8192

enum side { SIDE_A, SIDE_B, SIDE_LOOPBACK };

struct link {
    char name[2][256];   /* object 0 carries A to B, object 1 B to A */
    int send_fd;         /* descriptors or ids (mq, FIFO, System V) */
    int recv_fd;
    int send_index;      /* which object this side sends on and receives from */
    int recv_index;
    void *send_obj;      /* pointers (POSIX semaphores) */
    void *recv_obj;
    char *region;        /* shared memory: the mapping */
    unsigned long sent;  /* spin handshake: messages this side sent and received */
    unsigned long received;
};

/* the indexes side uses: A sends on 0 and receives on 1, B the other way, loopback 0 for both */
void link_indexes(struct link *l, enum side side);

struct mech {
    const char *id;
    int carries_messages;
    /* makes both objects (names into l); 0 or -errno */
    int (*create)(struct link *l);
    /* opens one side: A sends on object 0, B on object 1, loopback sends and receives on object 0 */
    int (*open)(struct link *l, enum side side);
    /* one message of len bytes (a post, for mechanisms that carry none); 0 or -errno */
    int (*send)(struct link *l, const void *buf, size_t len);
    int (*recv)(struct link *l, void *buf, size_t len);
    void (*close)(struct link *l);
    void (*destroy)(struct link *l);
};

extern const struct mech mech_posix_mq;
extern const struct mech mech_fifo;
extern const struct mech mech_sysv_msg;
extern const struct mech mech_posix_sem;
extern const struct mech mech_sysv_sem;
extern const struct mech mech_posix_shm;
extern const struct mech mech_sysv_shm;
extern const struct mech mech_shm_spin;
extern const struct mech mech_channel;

/* Shared by the semaphore mechanisms and the shared memory ones they pace (mech_posix_sem.c,
 * mech_sysv_sem.c): create both semaphores, open this side's, post the one sent on, wait the other. */
int psem_create(struct link *l);
int psem_open(struct link *l, enum side side);
int psem_post(struct link *l);
int psem_wait(struct link *l);
void psem_close(struct link *l);
void psem_destroy(struct link *l);
int ssem_create(struct link *l);
int ssem_post(struct link *l);
int ssem_wait(struct link *l);
void ssem_destroy(struct link *l);

#endif
