/* The plain C cores of sealed shared memory (memfd_shm.c) and of the Unix sockets that hand it over
 * (unix_socket.c), against the real kernel; a forked child and the memfd_peer program play the other
 * process. */
#include "ipc4j_test.h"
#include "ipc4j_wait.h"
#include "memfd_shm.h"
#include "posix_shm.h"
#include "robust_mutex.h"
#include "unix_socket.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef IPC4J_HAVE_MEMFD
#include <sys/syscall.h>

static const char *peer_dir;

static void socket_path(char *buf, size_t size)
{
    snprintf(buf, size, "/tmp/ipc4j-ctest-sock-%ld-%s", (long) getpid(), ipc4j_test_name("s") + 1);
}

static void test_sealed_object_cannot_shrink(void)
{
    CHECK_EQ(-EINVAL, ipc4j_memfd_create("t", 0, 0));
    CHECK_EQ(-EINVAL, ipc4j_memfd_create("t", 4096, IPC4J_SEAL_WRITE));
    int fd = ipc4j_memfd_create("ipc4j-ctest", 65536, 0);
    CHECK(fd >= 0);
    CHECK_EQ(IPC4J_SEAL_SHRINK, ipc4j_memfd_seals(fd));
    CHECK_EQ(-1, ftruncate(fd, 4096));
    CHECK_EQ(EPERM, errno);
    CHECK_EQ(0, ftruncate(fd, 65536 * 2)); /* growing is allowed without F_SEAL_GROW */
    int seals;
    int64_t size;
    int writable;
    CHECK_EQ(0, ipc4j_memfd_verify(fd, IPC4J_SEAL_SHRINK, &seals, &size, &writable));
    CHECK_EQ(IPC4J_SEAL_SHRINK, seals);
    CHECK_EQ(131072, size);
    CHECK_EQ(1, writable);
    CHECK(fcntl(fd, F_GETFD) & FD_CLOEXEC);
    close(fd);

    fd = ipc4j_memfd_create("ipc4j-ctest", 4096, IPC4J_SEAL_GROW | IPC4J_SEAL_SEAL);
    CHECK(fd >= 0);
    CHECK_EQ(IPC4J_SEAL_SHRINK | IPC4J_SEAL_GROW | IPC4J_SEAL_SEAL, ipc4j_memfd_seals(fd));
    CHECK_EQ(-1, ftruncate(fd, 8192));
    CHECK_EQ(EPERM, errno);
    close(fd);
}

static void test_verify_refuses_unsealed_and_other_files(void)
{
    int seals;
    int64_t size;
    int writable;
    int fd = (int) syscall(SYS_memfd_create, "unsealed", 0x0003U);
    CHECK(fd >= 0);
    CHECK_EQ(0, ftruncate(fd, 4096));
    CHECK_EQ(-EPERM, ipc4j_memfd_verify(fd, IPC4J_SEAL_SHRINK, &seals, &size, &writable));
    CHECK_EQ(0, seals);
    close(fd);

    const char *name = ipc4j_test_name("ipc4j-ctest-memfd");
    int created;
    fd = ipc4j_shm_open(name, IPC4J_SHM_CREATE_NEW, 1, 0600, 4096, &created);
    CHECK(fd >= 0);
    CHECK_EQ(IPC4J_MEMFD_NOT_MEMFD, ipc4j_memfd_verify(fd, IPC4J_SEAL_SHRINK, &seals, &size, &writable));
    close(fd);
    ipc4j_shm_unlink(name);

    fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    CHECK(fd >= 0);
    CHECK_EQ(IPC4J_MEMFD_NOT_MEMFD, ipc4j_memfd_verify(fd, IPC4J_SEAL_SHRINK, &seals, &size, &writable));
    close(fd);

    int pair[2];
    CHECK_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, pair));
    CHECK_EQ(IPC4J_MEMFD_NOT_MEMFD, ipc4j_memfd_verify(pair[0], IPC4J_SEAL_SHRINK, &seals, &size, &writable));
    close(pair[0]);
    close(pair[1]);
}

static int receive_blocking(int sock, unsigned char *tag)
{
    int fd;
    while ((fd = ipc4j_socket_receive_fd(sock, tag)) == IPC4J_SOCKET_WOULD_BLOCK) {
        ipc4j_wait_fd(sock, IPC4J_WAIT_FOR_READ, -1);
    }
    return fd;
}

static int accept_blocking(int listener)
{
    int fd;
    while ((fd = ipc4j_socket_accept(listener)) == IPC4J_SOCKET_WOULD_BLOCK) {
        ipc4j_wait_fd(listener, IPC4J_WAIT_FOR_READ, -1);
    }
    return fd;
}

static void test_descriptor_and_credentials_cross_a_socket(void)
{
    char path[200];
    socket_path(path, sizeof path);
    int listener = ipc4j_socket_listen(path, 0600, 4);
    CHECK(listener >= 0);
    CHECK_EQ(-EEXIST, ipc4j_socket_listen(path, 0600, 4));
    CHECK_EQ(IPC4J_SOCKET_WOULD_BLOCK, ipc4j_socket_accept(listener));
    pid_t child = fork();
    CHECK(child >= 0);
    if (child == 0) {
        int sock = ipc4j_socket_connect(path);
        CHECK(sock >= 0);
        int fd = ipc4j_memfd_create("passed", 4096, 0);
        CHECK(fd >= 0);
        char *p = (char *) (intptr_t) ipc4j_shm_map(fd, 4096, 1);
        strcpy(p, "from the child");
        CHECK_EQ(0, ipc4j_socket_send_fd(sock, fd, 'S'));
        /* then a message with no descriptor, and one with two */
        unsigned char byte = 'x';
        CHECK_EQ(1, write(sock, &byte, 1));
        int two[2] = { fd, fd };
        char control[CMSG_SPACE(sizeof two)];
        memset(control, 0, sizeof control);
        struct iovec iov = { &byte, 1 };
        struct msghdr msg = { 0 };
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof two);
        memcpy(CMSG_DATA(c), two, sizeof two);
        CHECK_EQ(1, sendmsg(sock, &msg, 0));
        _exit(0);
    }
    int sock = accept_blocking(listener);
    CHECK(sock >= 0);
    int64_t pid, uid, gid;
    CHECK_EQ(0, ipc4j_socket_peer(sock, &pid, &uid, &gid));
    CHECK_EQ(child, pid);
    CHECK_EQ(geteuid(), uid);
    CHECK_EQ(getegid(), gid);
    unsigned char tag = 0;
    int fd = receive_blocking(sock, &tag);
    CHECK(fd >= 0);
    CHECK_EQ('S', tag);
    CHECK(fcntl(fd, F_GETFD) & FD_CLOEXEC);
    int seals;
    int64_t size;
    int writable;
    CHECK_EQ(0, ipc4j_memfd_verify(fd, IPC4J_SEAL_SHRINK, &seals, &size, &writable));
    CHECK_EQ(4096, size);
    char *p = (char *) (intptr_t) ipc4j_shm_map(fd, 4096, 1);
    CHECK_EQ(0, strcmp(p, "from the child"));
    ipc4j_shm_unmap((int64_t) (intptr_t) p, 4096);
    close(fd);
    CHECK_EQ(IPC4J_SOCKET_NO_DESCRIPTOR, receive_blocking(sock, &tag));
    CHECK_EQ(IPC4J_SOCKET_NO_DESCRIPTOR, receive_blocking(sock, &tag));
    int status;
    CHECK_EQ(child, waitpid(child, &status, 0));
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK_EQ(-EPIPE, receive_blocking(sock, &tag));
    close(sock);
    close(listener);
    unlink(path);
}

/* memfd_peer, a separate program, receives the object and uses the robust lock in it with this process */
static void test_peer_program_uses_the_robust_lock(void)
{
    enum { COUNT = 20000, OFFSET = 128 };
    char path[200];
    socket_path(path, sizeof path);
    int listener = ipc4j_socket_listen(path, 0600, 4);
    CHECK(listener >= 0);
    int fd = ipc4j_memfd_create("locked", 4096, 0);
    CHECK(fd >= 0);
    char *base = (char *) (intptr_t) ipc4j_shm_map(fd, 4096, 1);
    void *mutex = base + OFFSET + 8;
    CHECK_EQ(0, ipc4j_robust_mutex_init(mutex));
    *(volatile int64_t *) (base + OFFSET) = 0x697063346a524c31LL;
    pid_t child = fork();
    CHECK(child >= 0);
    if (child == 0) {
        char program[1024], offset[16], count[16];
        snprintf(program, sizeof program, "%s/memfd_peer", peer_dir);
        snprintf(offset, sizeof offset, "%d", OFFSET);
        snprintf(count, sizeof count, "%d", COUNT);
        char *argv[] = { program, "lock", path, offset, count, NULL };
        ipc4j_test_exec(argv);
    }
    int sock = accept_blocking(listener);
    CHECK(sock >= 0);
    CHECK_EQ(0, ipc4j_socket_send_fd(sock, fd, 'S'));
    volatile int64_t *counter = (volatile int64_t *) base;
    for (int i = 0; i < COUNT; i++) {
        int rc;
        do {
            rc = ipc4j_robust_mutex_lock(mutex, 1000000000LL);
        } while (rc == -ETIMEDOUT);
        CHECK_EQ(0, rc);
        *counter = *counter + 1;
        CHECK_EQ(0, ipc4j_robust_mutex_unlock(mutex));
    }
    int status;
    CHECK_EQ(child, waitpid(child, &status, 0));
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK_EQ(2 * COUNT, *counter);
    ipc4j_shm_unmap((int64_t) (intptr_t) base, 4096);
    close(sock);
    close(fd);
    close(listener);
    unlink(path);
}
#endif

int main(int argc, char **argv)
{
#ifdef IPC4J_HAVE_MEMFD
    peer_dir = argc > 1 ? argv[1] : ".";
    test_sealed_object_cannot_shrink();
    test_verify_refuses_unsealed_and_other_files();
    test_descriptor_and_credentials_cross_a_socket();
    test_peer_program_uses_the_robust_lock();
    printf("memfd_test: all passed\n");
#else
    (void) argc;
    (void) argv;
    printf("memfd_test: this OS has no memfd, nothing to test\n");
#endif
    return 0;
}
