/* FIFOs: write / read on blocking descriptors; a message is read whole (a FIFO is a byte stream). */
#include "mech.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[200];

static int create(struct link *l)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/ipc4j-cbench-XXXXXX", tmp != NULL ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL) {
        return -errno;
    }
    for (int i = 0; i < 2; i++) {
        snprintf(l->name[i], sizeof l->name[i], "%s/fifo%d", dir, i);
        if (mkfifo(l->name[i], 0600) != 0) {
            return -errno;
        }
    }
    return 0;
}

/* Blocking opens, A's write end first and B's read end first: each open waits for its partner, so
 * when both sides are open every read end has a writer (a read with no writer yet would see end of
 * stream). One process alone (loopback) opens its read end without waiting, then the write end. */
static int open_side(struct link *l, enum side side)
{
    int in;
    int out;
    if (side == SIDE_A) {
        out = open(l->name[0], O_WRONLY);
        in = out < 0 ? -1 : open(l->name[1], O_RDONLY);
    } else if (side == SIDE_B) {
        in = open(l->name[0], O_RDONLY);
        out = in < 0 ? -1 : open(l->name[1], O_WRONLY);
    } else {
        in = open(l->name[0], O_RDONLY | O_NONBLOCK);
        out = in < 0 ? -1 : open(l->name[0], O_WRONLY);
        if (out >= 0 && fcntl(in, F_SETFL, 0) != 0) {
            return -errno;
        }
    }
    if (in < 0 || out < 0) {
        return -errno;
    }
    l->send_fd = out;
    l->recv_fd = in;
    return 0;
}

static int send_message(struct link *l, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(l->send_fd, p, len);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -errno;
        }
        p += n;
        len -= (size_t) n;
    }
    return 0;
}

static int recv_message(struct link *l, void *buf, size_t len)
{
    char *p = buf;
    while (len > 0) {
        ssize_t n = read(l->recv_fd, p, len);
        if (n <= 0) {
            if (n < 0 && errno == EINTR) {
                continue;
            }
            return n == 0 ? -EPIPE : -errno;
        }
        p += n;
        len -= (size_t) n;
    }
    return 0;
}

static void close_side(struct link *l)
{
    close(l->send_fd);
    close(l->recv_fd);
}

static void destroy(struct link *l)
{
    unlink(l->name[0]);
    unlink(l->name[1]);
    rmdir(dir);
}

const struct mech mech_fifo = {
    "fifo", 1, create, open_side, send_message, recv_message, close_side, destroy
};
