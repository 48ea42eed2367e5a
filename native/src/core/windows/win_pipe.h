/* Windows named pipes, plain C (no JNI): what the JNI glue and the C tests call.
 *
 * Every handle is opened for overlapped I/O, so every blocking call (accept, connect, read, write)
 * waits with ipc4j_win_wait and ends when its timeout passes (timeout_ns < 0: none), the object's
 * closed event is set or the thread's wake event is (see ipc4j_win_wait.h): the call then returns
 * IPC4J_WIN_TIMEOUT / IPC4J_WIN_CLOSED / IPC4J_WIN_WOKEN with the pipe unchanged. Results are
 * values or -Windows error codes (ipc4j_win.h). One thread at a time may read, and one may write. */
#ifndef IPC4J_WIN_PIPE_H
#define IPC4J_WIN_PIPE_H

#include <stdint.h>
#include "ipc4j_win_wait.h"

struct ipc4j_pipe;

struct ipc4j_pipe_config {
    int message_mode;         /* PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE, else bytes */
    unsigned max_instances;   /* 1 to PIPE_UNLIMITED_INSTANCES (255) */
    unsigned out_buffer_size; /* advisory, bytes */
    unsigned in_buffer_size;
    int first_instance;       /* FILE_FLAG_FIRST_PIPE_INSTANCE: fail if the name exists (squatting) */
    int reject_remote;        /* PIPE_REJECT_REMOTE_CLIENTS */
    int current_user_only;    /* a DACL admitting only this process's user (ipc4j_win_security.h) */
};

/* The defaults: message mode off, 255 instances, 64 KiB buffers, and the three protections on. */
void ipc4j_pipe_config_defaults(struct ipc4j_pipe_config *config);

/* Creates one server instance of name (\\.\pipe\NAME). -ERROR_ACCESS_DENIED when first_instance and
 * the name exists, -ERROR_PIPE_BUSY when all max_instances exist. */
int ipc4j_pipe_create(const char *name, const struct ipc4j_pipe_config *config, struct ipc4j_pipe **out);

/* Waits for a client on a server instance (ConnectNamedPipe). 0 when one is connected (it may
 * already have closed its end: the first read then reports -ERROR_BROKEN_PIPE). */
int ipc4j_pipe_accept(struct ipc4j_pipe *pipe, const struct ipc4j_cancel *cancel, int64_t timeout_ns);

/* Ends the server instance's connection (DisconnectNamedPipe) so it can accept another client. */
int ipc4j_pipe_disconnect(struct ipc4j_pipe *pipe);

/* Connects to name as a client, waiting while every instance is busy (WaitNamedPipeW). At
 * identification-only impersonation level (SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION) unless
 * allow_impersonation. The pipe's read mode follows its type (message pipes read messages).
 * -ERROR_FILE_NOT_FOUND when no such pipe exists. */
int ipc4j_pipe_connect(const char *name, int allow_impersonation, const struct ipc4j_cancel *cancel,
                       int64_t timeout_ns, struct ipc4j_pipe **out);

/* Reads up to capacity bytes (waiting for some). In message mode, from one message: when the
 * message is longer than capacity, returns capacity and sets *more; the rest is read by the next
 * calls. Returns the bytes read (0 for an empty message), or -ERROR_BROKEN_PIPE at end of stream. */
long ipc4j_pipe_read(struct ipc4j_pipe *pipe, void *buf, unsigned capacity, int *more,
                     const struct ipc4j_cancel *cancel, int64_t timeout_ns);

/* Reads one whole message (message mode): its length, or -ERROR_MORE_DATA with *needed set and
 * nothing consumed when the next message is longer than capacity. */
long ipc4j_pipe_read_message(struct ipc4j_pipe *pipe, void *buf, unsigned capacity, unsigned *needed,
                             const struct ipc4j_cancel *cancel, int64_t timeout_ns);

/* Writes length bytes (one message in message mode); the bytes written, or -ERROR_NO_DATA /
 * -ERROR_BROKEN_PIPE when the other end is gone. */
long ipc4j_pipe_write(struct ipc4j_pipe *pipe, const void *buf, unsigned length, const struct ipc4j_cancel *cancel,
                      int64_t timeout_ns);

struct ipc4j_pipe_peek {
    unsigned available;    /* bytes in the pipe */
    unsigned message_left; /* bytes of the next message not copied (message mode; 0 in byte mode) */
};

/* Copies up to capacity bytes without consuming them (PeekNamedPipe; buf may be NULL): the bytes
 * copied, or -error (-ERROR_BROKEN_PIPE once the other end is gone and the pipe empty). */
long ipc4j_pipe_peek(struct ipc4j_pipe *pipe, void *buf, unsigned capacity, struct ipc4j_pipe_peek *peek);

struct ipc4j_pipe_info {
    int server;
    int message_mode;
    unsigned out_buffer_size;
    unsigned in_buffer_size;
    unsigned max_instances;
};

int ipc4j_pipe_info(struct ipc4j_pipe *pipe, struct ipc4j_pipe_info *info);

/* The pipe's handle, for checks such as ipc4j_security_only_current_user. */
HANDLE ipc4j_pipe_handle(struct ipc4j_pipe *pipe);

/* The process id of the other end (GetNamedPipeClientProcessId / ServerProcessId), or -error. */
long ipc4j_pipe_peer_pid(struct ipc4j_pipe *pipe);

/* Closes the handle and frees the pipe; no call may be in flight on it. */
void ipc4j_pipe_close(struct ipc4j_pipe *pipe);

#endif
