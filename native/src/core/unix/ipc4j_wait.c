#include "ipc4j_wait.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#ifdef IPC4J_HAVE_EVENTFD
#include <sys/eventfd.h>
#endif

int ipc4j_wake_open(struct ipc4j_wake *wake)
{
#ifdef IPC4J_HAVE_EVENTFD
    int fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (fd < 0) {
        return -errno;
    }
    wake->read_fd = fd;
    wake->write_fd = fd;
    return 0;
#else
    int fds[2];
#ifdef IPC4J_HAVE_PIPE2
    if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
        return -errno;
    }
#else
    /* no pipe2 (macOS): a fork between pipe() and fcntl() could leak these two into a child */
    if (pipe(fds) != 0) {
        return -errno;
    }
    for (int i = 0; i < 2; i++) {
        if (fcntl(fds[i], F_SETFD, FD_CLOEXEC) != 0 || fcntl(fds[i], F_SETFL, O_NONBLOCK) != 0) {
            int err = errno;
            close(fds[0]);
            close(fds[1]);
            return -err;
        }
    }
#endif
    wake->read_fd = fds[0];
    wake->write_fd = fds[1];
    return 0;
#endif
}

int ipc4j_wake_signal(int write_fd)
{
#ifdef IPC4J_HAVE_EVENTFD
    uint64_t one = 1;
#else
    char one = 1;
#endif
    ssize_t n;
    do {
        n = write(write_fd, &one, sizeof one);
    } while (n < 0 && errno == EINTR);
    /* EAGAIN: already signalled as far as it can be, which is all we need */
    return (n < 0 && errno != EAGAIN) ? -errno : 0;
}

void ipc4j_wake_drain(int read_fd)
{
    char buf[64];
    ssize_t n;
    do {
        n = read(read_fd, buf, sizeof buf);
    } while (n > 0 || (n < 0 && errno == EINTR));
}

void ipc4j_wake_close(struct ipc4j_wake wake)
{
    close(wake.read_fd);
    if (wake.write_fd != wake.read_fd) {
        close(wake.write_fd);
    }
}

int ipc4j_wait_fd(int fd, enum ipc4j_wait_for direction, int closed_fd, int wake_fd, int64_t timeout_ns)
{
    struct pollfd fds[3] = {
        { .fd = fd, .events = direction == IPC4J_WAIT_FOR_WRITE ? POLLOUT : POLLIN },
        { .fd = closed_fd, .events = POLLIN },  /* poll ignores a negative fd */
        { .fd = wake_fd, .events = POLLIN },
    };
    int n;
#ifdef IPC4J_HAVE_PPOLL
    struct timespec ts;
    struct timespec *tsp = NULL;
    if (timeout_ns >= 0) {
        ts.tv_sec = (time_t) (timeout_ns / 1000000000);
        ts.tv_nsec = (long) (timeout_ns % 1000000000);
        tsp = &ts;
    }
    n = ppoll(fds, 3, tsp, NULL);
#else
    int timeout_ms = -1;
    if (timeout_ns >= 0) {
        int64_t ms = (timeout_ns + 999999) / 1000000; /* round up: never return before the deadline */
        timeout_ms = ms > INT32_MAX ? INT32_MAX : (int) ms;
    }
    n = poll(fds, 3, timeout_ms);
#endif
    if (n < 0) {
        return -errno;
    }
    if (n == 0) {
        return IPC4J_WAIT_TIMEOUT;
    }
    if (fds[1].revents != 0) {
        return IPC4J_WAIT_CLOSED;
    }
    if (fds[2].revents != 0) {
        ipc4j_wake_drain(wake_fd);
        return IPC4J_WAIT_WOKEN;
    }
    return IPC4J_WAIT_READY;
}
