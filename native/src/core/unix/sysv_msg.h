/* System V message queues, plain C (no JNI): what the JNI glue and the C tests call.
 *
 * Every call returns a non-negative result or -errno.
 *
 * The kernel takes and gives a message as a long type followed by the payload (struct
 * ipc4j_msgbuf). A caller whose payload lives elsewhere (a Java buffer) copies it through the
 * calling thread's scratch (ipc4j_msg_scratch): one memcpy of the payload per message besides the
 * kernel's own copy, and no allocation once the scratch has grown to the largest message.
 *
 * msgsnd and msgrcv have no descriptor to poll: a blocking send or receive runs inside the
 * caller's blocker (ipc4j_blocker.h), so another thread can cut it short (-EINTR), and a timeout
 * ends it on time on the monotonic clock. */
#ifndef IPC4J_SYSV_MSG_H
#define IPC4J_SYSV_MSG_H

#include <stddef.h>
#include <stdint.h>

#include "ipc4j_blocker.h"
#include "sysv_ipc.h"

/* Flags of send and receive (ipc4j's own bits; translated to the OS's). */
#define IPC4J_MSG_NOWAIT 1  /* IPC_NOWAIT: do not wait (send: -EAGAIN when full; receive: -ENOMSG when none) */
#define IPC4J_MSG_NOERROR 2 /* MSG_NOERROR: truncate a longer message instead of failing with -E2BIG */
#define IPC4J_MSG_EXCEPT 4  /* MSG_EXCEPT: the first message whose type is not `type` (Linux) */
#define IPC4J_MSG_COPY 8    /* MSG_COPY: copy the message at index `type` without removing it (Linux) */

/* The layout msgsnd and msgrcv use. */
struct ipc4j_msgbuf {
    long mtype;
    char mtext[];
};

/* What IPC_STAT tells (times in seconds since the epoch, 0 for never). */
struct ipc4j_msg_stat {
    int key;
    long uid, gid, cuid, cgid;
    int mode;
    unsigned long cbytes;  /* bytes in the queue now */
    unsigned long qnum;    /* messages in the queue now */
    unsigned long qbytes;  /* the queue's byte limit (msg_qbytes) */
    long lspid, lrpid;     /* last sender, last receiver */
    int64_t stime, rtime, ctime;
};

/* Opens or creates the queue with key (see ipc4j_sysv_open); the identifier or -errno. */
int ipc4j_msg_open(int key, enum ipc4j_sysv_open_mode open_mode, int mode, int access, int *created);

/* The calling thread's scratch, with room for `payload` bytes after the type; it grows as asked and
 * is freed when the thread ends. NULL when out of memory. */
struct ipc4j_msgbuf *ipc4j_msg_scratch(size_t payload);

/* Sends msg (type msg->mtype, `length` bytes of payload). Without IPC4J_MSG_NOWAIT it waits for room
 * inside blocker (timeout_ns < 0: no limit); blocker may be NULL only with IPC4J_MSG_NOWAIT.
 * 0, -EAGAIN (full, NOWAIT), -EINTR (woken, or the timeout passed: check the deadline), or -errno. */
int ipc4j_msg_send(int msqid, const struct ipc4j_msgbuf *msg, size_t length, int flags,
                   struct ipc4j_blocker *blocker, int64_t timeout_ns);

/* Receives into msg (room for `capacity` payload bytes) by the msgrcv rule for type and flags:
 * type 0 the first message; type > 0 the first of that type (or, with IPC4J_MSG_EXCEPT, the first
 * of any other type); type < 0 the first of the lowest type up to -type; with IPC4J_MSG_COPY the
 * message at index `type`, copied and left in the queue (needs IPC4J_MSG_NOWAIT).
 * Waiting as ipc4j_msg_send does. The payload length, -ENOMSG (none, NOWAIT), -E2BIG (longer than
 * capacity; it stays queued), -EINTR, -EIDRM (removed while waiting), -ENOSYS (the OS or kernel lacks
 * MSG_EXCEPT or MSG_COPY), or -errno. */
long ipc4j_msg_receive(int msqid, struct ipc4j_msgbuf *msg, size_t capacity, long type, int flags,
                       struct ipc4j_blocker *blocker, int64_t timeout_ns);

int ipc4j_msg_stat(int msqid, struct ipc4j_msg_stat *stat);

/* IPC_SET: the owner's uid and gid, the permission bits and the byte limit; -1 keeps a value. */
int ipc4j_msg_set(int msqid, long uid, long gid, int mode, long qbytes);

/* IPC_RMID: removes the queue; waiting senders and receivers fail with -EIDRM. */
int ipc4j_msg_remove(int msqid);

#endif
