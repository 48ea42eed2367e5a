#include "unix_socket.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <unistd.h>


static int set_flags(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0 || fcntl(fd, F_SETFD, FD_CLOEXEC) != 0) {
        return -errno;
    }
    return 0;
}

static int new_socket(void)
{
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) {
        return -errno;
    }
    int rc = set_flags(fd);
    if (rc != 0) {
        close(fd);
        return rc;
    }
#ifdef SO_NOSIGPIPE
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one); /* macOS: no MSG_NOSIGNAL */
#endif
    return fd;
}

/* A new socket, and path as its address; the descriptor or -errno. */
static int socket_for(const char *path, struct sockaddr_un *addr)
{
    size_t length = strlen(path);
    if (length == 0 || length >= sizeof addr->sun_path) {
        return -ENAMETOOLONG;
    }
    memset(addr, 0, sizeof *addr);
    addr->sun_family = AF_UNIX;
    /* not memcpy: a variable-length memcpy makes Zig's macOS link pull in (and export) all of compiler-rt */
    strncpy(addr->sun_path, path, sizeof addr->sun_path - 1);
    return new_socket();
}

int ipc4j_socket_listen(const char *path, int mode, int backlog)
{
    struct sockaddr_un addr;
    int fd = socket_for(path, &addr);
    if (fd < 0) {
        return fd;
    }
    int rc;
    /* bind creates the file with the umask applied; it gets exactly `mode` before listen, so no
     * one can connect while it has the umask's bits (connect before listen is refused) */
    if (bind(fd, (struct sockaddr *) &addr, sizeof addr) != 0) {
        rc = errno == EADDRINUSE ? -EEXIST : -errno; /* something is at path: the caller's "exists" */
        close(fd);
        return rc;
    }
    if (chmod(path, (mode_t) mode) != 0 || listen(fd, backlog) != 0) {
        rc = -errno;
        close(fd);
        unlink(path);
        return rc;
    }
    return fd;
}

int ipc4j_socket_accept(int listener)
{
    int fd = accept(listener, NULL, NULL);
    if (fd < 0) {
        return errno == EAGAIN || errno == EWOULDBLOCK ? IPC4J_SOCKET_WOULD_BLOCK : -errno;
    }
    int rc = set_flags(fd);
    if (rc != 0) {
        close(fd);
        return rc;
    }
    return fd;
}

int ipc4j_socket_connect(const char *path)
{
    struct sockaddr_un addr;
    int fd = socket_for(path, &addr);
    if (fd < 0) {
        return fd;
    }
    int rc;
    /* a Unix-domain connect completes at once or fails (EAGAIN: the listener's backlog is full) */
    if (connect(fd, (struct sockaddr *) &addr, sizeof addr) != 0) {
        rc = -errno;
        close(fd);
        return rc;
    }
    return fd;
}

int ipc4j_socket_peer(int fd, int64_t *pid, int64_t *uid, int64_t *gid)
{
#ifdef SO_PEERCRED
    struct ucred cred;
    socklen_t length = sizeof cred;
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &length) != 0) {
        return -errno;
    }
    *pid = cred.pid;
    *uid = cred.uid;
    *gid = cred.gid;
    return 0;
#else
    uid_t u;
    gid_t g;
    if (getpeereid(fd, &u, &g) != 0) {
        return -errno;
    }
    *pid = -1;
#ifdef LOCAL_PEERPID
    pid_t p;
    socklen_t length = sizeof p;
    if (getsockopt(fd, SOL_LOCAL, LOCAL_PEERPID, &p, &length) == 0) {
        *pid = p;
    }
#endif
    *uid = u;
    *gid = g;
    return 0;
#endif
}

int ipc4j_socket_send_fd(int fd, int passed, unsigned char tag)
{
    union {
        struct cmsghdr header;
        char bytes[CMSG_SPACE(sizeof(int))];
    } control;
    memset(&control, 0, sizeof control);
    struct iovec iov = { &tag, 1 };
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.bytes;
    msg.msg_controllen = sizeof control.bytes;
    struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cmsg), &passed, sizeof passed);
#ifdef MSG_NOSIGNAL
    int flags = MSG_NOSIGNAL;
#else
    int flags = 0;
#endif
    for (;;) {
        ssize_t n = sendmsg(fd, &msg, flags);
        if (n == 1) {
            return 0;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) ? IPC4J_SOCKET_WOULD_BLOCK : -errno;
    }
}

/* Closes every descriptor in the message's control data. */
static void close_passed(struct msghdr *msg)
{
    for (struct cmsghdr *c = CMSG_FIRSTHDR(msg); c != NULL; c = CMSG_NXTHDR(msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            for (size_t i = 0; i < count; i++) {
                int passed;
                memcpy(&passed, CMSG_DATA(c) + i * sizeof(int), sizeof passed);
                close(passed);
            }
        }
    }
}

int ipc4j_socket_receive_fd(int fd, unsigned char *tag)
{
    union {
        struct cmsghdr header;
        char bytes[CMSG_SPACE(4 * sizeof(int))]; /* room to see (and close) a few too many */
    } control;
    struct iovec iov = { tag, 1 };
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.bytes;
    msg.msg_controllen = sizeof control.bytes;
#ifdef MSG_CMSG_CLOEXEC
    int flags = MSG_CMSG_CLOEXEC;
#else
    int flags = 0;
#endif
    ssize_t n;
    do {
        n = recvmsg(fd, &msg, flags);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        return errno == EAGAIN || errno == EWOULDBLOCK ? IPC4J_SOCKET_WOULD_BLOCK : -errno;
    }
    if (n == 0) {
        return -EPIPE;
    }
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    if (c == NULL || (msg.msg_flags & MSG_CTRUNC) != 0 || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS
        || c->cmsg_len != CMSG_LEN(sizeof(int)) || CMSG_NXTHDR(&msg, c) != NULL) {
        close_passed(&msg);
        return IPC4J_SOCKET_NO_DESCRIPTOR;
    }
    int passed;
    memcpy(&passed, CMSG_DATA(c), sizeof passed);
#ifndef MSG_CMSG_CLOEXEC
    fcntl(passed, F_SETFD, FD_CLOEXEC);
#endif
    return passed;
}
