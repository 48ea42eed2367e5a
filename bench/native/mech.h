/* One IPC mechanism as the C side of the suite measures it: the same operations the Java side makes
 * (ipc4j, JNA and FFM endpoints), on the same kind of objects, in plain C. */
#ifndef IPC4J_CBENCH_MECH_H
#define IPC4J_CBENCH_MECH_H

#include <stddef.h>

#define CBENCH_MAX_SIZE 8192

enum side { SIDE_A, SIDE_B, SIDE_LOOPBACK };

struct link {
    char name[2][256];   /* object 0 carries A to B, object 1 B to A */
    int send_fd;
    int recv_fd;
};

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

#endif
