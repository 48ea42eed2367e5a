#include "fifo.h"
#include "ipc4j_blocker.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int open_checked(const char *path, int flags)
{
    int fd = open(path, flags | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        return -errno;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int err = errno;
        close(fd);
        return -err;
    }
    if (!S_ISFIFO(st.st_mode)) {
        close(fd);
        return IPC4J_FIFO_NOT_A_FIFO;
    }
    return fd;
}

int ipc4j_fifo_create(const char *path, int mode)
{
    /* made with no more than owner bits, then set exactly through a descriptor that is known to be
     * this FIFO (no path lookup an attacker could redirect in between) */
    if (mkfifo(path, (mode_t) (mode & 0600)) != 0) {
        return -errno;
    }
    int fd = open_checked(path, O_RDONLY);
    if (fd < 0) {
        unlink(path);
        return fd;
    }
    int rc = fchmod(fd, (mode_t) mode) == 0 ? 0 : -errno;
    close(fd);
    if (rc != 0) {
        unlink(path);
    }
    return rc;
}

int ipc4j_fifo_delete(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        return -errno;
    }
    if (!S_ISFIFO(st.st_mode)) {
        return IPC4J_FIFO_NOT_A_FIFO;
    }
    return unlink(path) == 0 ? 0 : -errno;
}

int ipc4j_fifo_open(const char *path, int for_write)
{
    /* a look before opening: opening some devices has effects of its own */
    struct stat st;
    if (lstat(path, &st) == 0 && !S_ISFIFO(st.st_mode)) {
        return S_ISLNK(st.st_mode) ? -ELOOP : IPC4J_FIFO_NOT_A_FIFO;
    }
    return open_checked(path, for_write ? O_WRONLY : O_RDONLY);
}

int ipc4j_fifo_open_twin(int fd, const char *path)
{
    struct stat want;
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fstat(fd, &want) != 0) {
        return -errno;
    }
    int access_mode = flags & O_ACCMODE;
    int twin = -1;
#ifdef __linux__
    char proc_path[48];
    snprintf(proc_path, sizeof proc_path, "/proc/self/fd/%d", fd);
    twin = open(proc_path, access_mode | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
#endif
    if (twin < 0) {
        twin = open(path, access_mode | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
        if (twin < 0) {
            return -errno;
        }
    }
    struct stat got;
    int rc = fstat(twin, &got) != 0 ? -errno
             : got.st_dev != want.st_dev || got.st_ino != want.st_ino ? IPC4J_FIFO_REPLACED
             : ipc4j_fifo_set_blocking(twin, 1);
    if (rc != 0) {
        close(twin);
        return rc;
    }
    return twin;
}

/* A read or write result as this file's callers want it; -EINTR means "try again". */
static long io_result(ssize_t n)
{
    if (n >= 0) {
        return (long) n;
    }
    return errno == EAGAIN || errno == EWOULDBLOCK ? IPC4J_FIFO_WOULD_BLOCK : -errno;
}

long ipc4j_fifo_read(int fd, void *buf, size_t length)
{
    long n;
    while ((n = io_result(read(fd, buf, length))) == -EINTR) {
    }
    return n;
}

int ipc4j_fifo_set_blocking(int fd, int blocking)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) {
        return -errno;
    }
    int wanted = blocking ? (flags & ~O_NONBLOCK) : (flags | O_NONBLOCK);
    return wanted == flags || fcntl(fd, F_SETFL, wanted) == 0 ? 0 : -errno;
}

/* A read or a write on a descriptor in blocking mode, made inside a blocker (ipc4j_blocker_call). */
struct io_call {
    int fd;
    void *buf;
    size_t length;
    int write;
};

static long io_once(void *arg, int nowait)
{
    (void) nowait; /* these calls have no timeout: the blocker never asks for a try */
    struct io_call *c = arg;
    return io_result(c->write ? write(c->fd, c->buf, c->length) : read(c->fd, c->buf, c->length));
}

long ipc4j_fifo_read_waiting(int fd, void *buf, size_t length, struct ipc4j_blocker *blocker)
{
    struct io_call c = { fd, buf, length, 0 };
    return ipc4j_blocker_call(blocker, -1, io_once, &c, IPC4J_FIFO_WOULD_BLOCK);
}

/* One write: a try (blocker NULL; a stray signal's EINTR is retried), or a wait inside write(2) on a
 * descriptor in blocking mode, under blocker (a wake's EINTR is returned). */
static long write_once(int fd, const void *buf, size_t length, struct ipc4j_blocker *blocker)
{
    long n;
    if (blocker == NULL) {
        while ((n = io_result(write(fd, buf, length))) == -EINTR) {
        }
        return n;
    }
    struct io_call c = { fd, (void *) (uintptr_t) buf, length, 1 }; /* written from, never to */
    return ipc4j_blocker_call(blocker, -1, io_once, &c, IPC4J_FIFO_WOULD_BLOCK);
}

static long write_guarded(int fd, const void *buf, size_t length, int guard_sigpipe,
                          struct ipc4j_blocker *blocker)
{
    if (!guard_sigpipe) {
        return write_once(fd, buf, length, blocker);
    }
    sigset_t pipe_only, old;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_only, &old);
    long n = write_once(fd, buf, length, blocker);
    if (n == -EPIPE && !sigismember(&old, SIGPIPE)) {
        /* take the SIGPIPE this write raised before unblocking, so it is never delivered
         * (sigpending + sigwait: macOS has no sigtimedwait) */
        sigset_t pending;
        int sig;
        if (sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1) {
            sigwait(&pipe_only, &sig);
        }
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return n;
}

long ipc4j_fifo_write(int fd, const void *buf, size_t length, int guard_sigpipe)
{
    return write_guarded(fd, buf, length, guard_sigpipe, NULL);
}

long ipc4j_fifo_write_waiting(int fd, const void *buf, size_t length, int guard_sigpipe,
                              struct ipc4j_blocker *blocker)
{
    return write_guarded(fd, buf, length, guard_sigpipe, blocker);
}

int ipc4j_fifo_hung_up(int fd)
{
    struct pollfd p = { .fd = fd, .events = POLLIN };
    return poll(&p, 1, 0) > 0 && (p.revents & POLLHUP) != 0 && (p.revents & POLLIN) == 0;
}

int ipc4j_sigpipe_kills(void)
{
    struct sigaction current;
    return sigaction(SIGPIPE, NULL, &current) == 0 && current.sa_handler == SIG_DFL;
}

long ipc4j_fifo_pipe_buf(void)
{
    return PIPE_BUF;
}

int ipc4j_fifo_close(int fd)
{
    return close(fd) == 0 ? 0 : -errno;
}
