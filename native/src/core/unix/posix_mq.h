/* POSIX message queues, plain C (no JNI): what the JNI glue and the C tests call.
 *
 * Every call returns a non-negative result or -errno. The try forms never block: they report
 * IPC4J_MQ_WOULD_BLOCK when the queue is full (send) or empty (receive); the waiting forms wait inside
 * mq_send / mq_receive under the caller's blocker, so that the wait can be cut short. A queue whose
 * descriptor was switched to non-blocking (O_NONBLOCK) reports -EAGAIN instead, as the OS does. */
#ifndef IPC4J_POSIX_MQ_H
#define IPC4J_POSIX_MQ_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "ipc4j_blocker.h"

#define IPC4J_MQ_WOULD_BLOCK (-100000)

enum ipc4j_mq_open_mode { IPC4J_MQ_CREATE_NEW = 0, IPC4J_MQ_OPEN_EXISTING = 1, IPC4J_MQ_OPEN_OR_CREATE = 2 };
enum ipc4j_mq_access { IPC4J_MQ_READ_ONLY = 0, IPC4J_MQ_WRITE_ONLY = 1, IPC4J_MQ_READ_WRITE = 2 };

struct ipc4j_mq_attr {
    long flags;       /* O_NONBLOCK or 0 */
    long max_messages;
    long message_size;
    long current_messages;
};

/* Opens `name` (with its leading '/'). max_messages and message_size apply when the queue is
 * created; 0 takes the system defaults. A queue this call creates gets exactly `mode`, whatever
 * the umask. The descriptor is close-on-exec. On success returns the descriptor and sets *created. */
int ipc4j_mq_open(const char *name, enum ipc4j_mq_open_mode open_mode, enum ipc4j_mq_access access,
                  int mode, long max_messages, long message_size, int *created);

int ipc4j_mq_close(int mqd);
int ipc4j_mq_unlink(const char *name);

/* One try to send; 0, IPC4J_MQ_WOULD_BLOCK or -errno. */
int ipc4j_mq_try_send(int mqd, const void *data, size_t length, unsigned priority);

/* One try to receive into buf (capacity must be at least the queue's message size); the
 * message length, IPC4J_MQ_WOULD_BLOCK or -errno. */
long ipc4j_mq_try_receive(int mqd, void *buf, size_t capacity, unsigned *priority);

/* Receives, waiting inside mq_receive itself: one system call per message even when it has to wait.
 * The wait runs under the caller's blocker (ipc4j_blocker.h), so an interrupt or a close cuts it short
 * (-EINTR), and timeout_ns (< 0: none) ends it on the monotonic clock (-EINTR too: the caller checks its
 * deadline). The length received, or -errno (-EAGAIN in non-blocking mode with the queue empty). */
long ipc4j_mq_receive_waiting(int mqd, void *buf, size_t capacity, unsigned *priority,
                              struct ipc4j_blocker *blocker, int64_t timeout_ns);

/* Sends, waiting inside mq_send itself while the queue is full, as ipc4j_mq_receive_waiting waits: 0,
 * or -errno (-EINTR when woken or at the timeout, -EAGAIN in non-blocking mode with the queue full). */
int ipc4j_mq_send_waiting(int mqd, const void *data, size_t length, unsigned priority,
                          struct ipc4j_blocker *blocker, int64_t timeout_ns);

int ipc4j_mq_get_attr(int mqd, struct ipc4j_mq_attr *attr);
int ipc4j_mq_set_nonblocking(int mqd, int nonblocking);

/* The kernel's limit for priorities: a priority must be below it. */
long ipc4j_mq_priority_limit(void);

/* Registers for one notification when a message arrives on the empty queue: fn runs on a new
 * thread, with arg in value.sival_ptr. 0, or -EBUSY when another descriptor is registered. */
typedef void (*ipc4j_mq_notify_fn)(union sigval value);
int ipc4j_mq_notify(int mqd, ipc4j_mq_notify_fn fn, void *arg);
/* Removes this descriptor's registration. */
int ipc4j_mq_notify_cancel(int mqd);
/* The queue's inode (>= 0), the same through every descriptor of it: the kernel drops a queue's
 * registration when the registering process closes any descriptor of that queue. Or -errno. */
int64_t ipc4j_mq_identity(int mqd);

#endif
