/* Named pipes (FIFOs), plain C (no JNI). Every call returns a value or -errno. Descriptors are
 * opened non-blocking and close-on-exec, without following links. Waiting is the caller's, under its
 * blocker so that it can be cut short: ipc4j_wait_fd, or ipc4j_fifo_read_waiting in blocking mode. */
#ifndef IPC4J_FIFO_H
#define IPC4J_FIFO_H

#include <stddef.h>

#define IPC4J_FIFO_WOULD_BLOCK (-100000)
/* the path names something that is not a FIFO */
#define IPC4J_FIFO_NOT_A_FIFO (-100010)
/* the path names another FIFO than the descriptor's now */
#define IPC4J_FIFO_REPLACED (-100011)

/* Creates a FIFO at path with exactly `mode` (the umask does not apply). */
int ipc4j_fifo_create(const char *path, int mode);

/* Removes the FIFO at path; refuses (IPC4J_FIFO_NOT_A_FIFO) anything else. */
int ipc4j_fifo_delete(const char *path);

/* Opens the FIFO for reading or writing; returns the descriptor. A write open with no reader fails
 * with -ENXIO at once; a read open always succeeds at once. Refuses a non-FIFO and a symbolic link
 * (-ELOOP). */
int ipc4j_fifo_open(const char *path, int for_write);

/* A second open file description of the FIFO fd is open on, with fd's access mode, in blocking mode and
 * close-on-exec. Blocking mode belongs to the description, so an end can wait inside read(2) on this one
 * while its tries go to fd, with no fcntl between the two. Linux opens /proc/self/fd/N (no path to race),
 * elsewhere path again; either is checked to be the same FIFO (IPC4J_FIFO_REPLACED if path now names
 * another). A write twin fails with -ENXIO when no reader is there at that moment. */
int ipc4j_fifo_open_twin(int fd, const char *path);

/* One try: bytes read (0 at end of stream), IPC4J_FIFO_WOULD_BLOCK, or -errno. */
long ipc4j_fifo_read(int fd, void *buf, size_t length);

/* Switches the descriptor (its open file description) between blocking and non-blocking mode.
 * Returns 0 or -errno. */
int ipc4j_fifo_set_blocking(int fd, int blocking);

/* One read on a descriptor in blocking mode, under blocker (ipc4j_blocker.h): waits for data in the
 * read itself, one system call, cut short by a wake (-EINTR). Returns bytes read, 0 (no writer), or
 * -errno; IPC4J_FIFO_WOULD_BLOCK if another thread made the descriptor non-blocking meanwhile. */
struct ipc4j_blocker;
long ipc4j_fifo_read_waiting(int fd, void *buf, size_t length, struct ipc4j_blocker *blocker);

/* One try: bytes written (all of a write up to PIPE_BUF, or none), IPC4J_FIFO_WOULD_BLOCK, or -errno
 * (-EPIPE once the readers are gone). guard_sigpipe: block SIGPIPE around the write and swallow the
 * one it raises, for processes where SIGPIPE would kill (a JVM run with -Xrs). */
long ipc4j_fifo_write(int fd, const void *buf, size_t length, int guard_sigpipe);

/* One write on a descriptor in blocking mode, under blocker: waits for room in the write itself, cut short by
 * a wake (-EINTR, or the bytes written before it when more than PIPE_BUF were asked for). Otherwise as
 * ipc4j_fifo_write. */
long ipc4j_fifo_write_waiting(int fd, const void *buf, size_t length, int guard_sigpipe,
                              struct ipc4j_blocker *blocker);

/* Whether the writers of a read end hung up: every writer that came has gone (POLLHUP). */
int ipc4j_fifo_hung_up(int fd);

/* Whether SIGPIPE would terminate this process (its action is the default). */
int ipc4j_sigpipe_kills(void);

/* PIPE_BUF: writes up to this size are atomic. */
long ipc4j_fifo_pipe_buf(void);

int ipc4j_fifo_close(int fd);

#endif
