/* Windows mailslots, plain C (no JNI): what the JNI glue and the C tests call.
 *
 * A mailslot handle is synchronous (CreateMailslotW opens it so), so overlapped I/O cannot cut a
 * read short. A read therefore waits in slices: the slot's read timeout is set to at most
 * READ_SLICE_MS for each ReadFile, and the cancel events (ipc4j_win_wait.h) are checked between
 * slices; a message that arrives ends the read at once. The slot's own read timeout (the one given
 * at creation or by ipc4j_mailslot_set_read_timeout) is kept here and applied by the same loop.
 *
 * A message never gets lost to a small buffer: a read into fewer bytes than the next message
 * returns -ERROR_INSUFFICIENT_BUFFER with the message's size and leaves it for the next read (when
 * it arrived during the read, this object holds it). Results are values or -Windows error codes. */
#ifndef IPC4J_WIN_MAILSLOT_H
#define IPC4J_WIN_MAILSLOT_H

#include <stdint.h>
#include "ipc4j_win_wait.h"

/* The largest message a broadcast (\\*\mailslot\...) carries. */
#define IPC4J_MAILSLOT_BROADCAST_MAX 424
/* The most a read holds for a slot created with no maximum message size (0: any size). */
#define IPC4J_MAILSLOT_UNBOUNDED_HOLD 65536
#define IPC4J_MAILSLOT_FOREVER (-1L)

struct ipc4j_mailslot;
struct ipc4j_mailslot_client;

/* Creates \\.\mailslot\PATH. max_message_size 0: any size; read_timeout_ms IPC4J_MAILSLOT_FOREVER or
 * 0 and up. -ERROR_ALREADY_EXISTS when the name exists. */
int ipc4j_mailslot_create(const char *name, unsigned max_message_size, long read_timeout_ms,
                          int current_user_only, struct ipc4j_mailslot **out);

/* Reads the next message into buf: its length, IPC4J_WIN_TIMEOUT when none came in time (timeout_ns
 * < 0: the slot's read timeout), -ERROR_INSUFFICIENT_BUFFER with *needed set, IPC4J_WIN_CLOSED or
 * IPC4J_WIN_WOKEN. One thread at a time. */
long ipc4j_mailslot_read(struct ipc4j_mailslot *slot, void *buf, unsigned capacity, unsigned *needed,
                         const struct ipc4j_cancel *cancel, int64_t timeout_ns);

struct ipc4j_mailslot_info {
    unsigned max_message_size;
    long next_size;        /* -1: no message */
    unsigned message_count;
    long read_timeout_ms;  /* IPC4J_MAILSLOT_FOREVER or milliseconds */
};

int ipc4j_mailslot_info(struct ipc4j_mailslot *slot, struct ipc4j_mailslot_info *info);
int ipc4j_mailslot_set_read_timeout(struct ipc4j_mailslot *slot, long read_timeout_ms);
HANDLE ipc4j_mailslot_handle(struct ipc4j_mailslot *slot);
void ipc4j_mailslot_close(struct ipc4j_mailslot *slot);

/* Opens a mailslot for writing: \\.\mailslot\PATH, \\*\mailslot\PATH (broadcast) or
 * \\HOST\mailslot\PATH. -ERROR_FILE_NOT_FOUND when a local slot does not exist. */
int ipc4j_mailslot_open(const char *name, struct ipc4j_mailslot_client **out);

/* Writes one message: its length, or -ERROR_INVALID_PARAMETER for a broadcast message over
 * IPC4J_MAILSLOT_BROADCAST_MAX bytes (before any call), or what the OS said. Never blocks long. */
long ipc4j_mailslot_write(struct ipc4j_mailslot_client *client, const void *buf, unsigned length);

int ipc4j_mailslot_client_broadcast(struct ipc4j_mailslot_client *client);
void ipc4j_mailslot_client_close(struct ipc4j_mailslot_client *client);

#endif
