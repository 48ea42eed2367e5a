#include "ipc4j_wait.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>

int ipc4j_wait_fd(int fd, enum ipc4j_wait_for direction, int64_t timeout_ns)
{
    struct pollfd one = { .fd = fd, .events = direction == IPC4J_WAIT_FOR_WRITE ? POLLOUT : POLLIN };
    int n;
#ifdef IPC4J_HAVE_PPOLL
    struct timespec ts;
    struct timespec *tsp = NULL;
    if (timeout_ns >= 0) {
        ts.tv_sec = (time_t) (timeout_ns / 1000000000);
        ts.tv_nsec = (long) (timeout_ns % 1000000000);
        tsp = &ts;
    }
    n = ppoll(&one, 1, tsp, NULL);
#else
    int timeout_ms = -1;
    if (timeout_ns >= 0) {
        int64_t ms = (timeout_ns + 999999) / 1000000; /* round up: never return before the deadline */
        timeout_ms = ms > INT32_MAX ? INT32_MAX : (int) ms;
    }
    n = poll(&one, 1, timeout_ms);
#endif
    if (n < 0) {
        return -errno;
    }
    return n == 0 ? IPC4J_WAIT_TIMEOUT : IPC4J_WAIT_READY;
}
