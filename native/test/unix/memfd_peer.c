/* A second process for the sealed shared memory tests (C and Java):
 *   memfd_peer lock <socket> <offset> <count>   connects to <socket>, receives a sealed memfd, checks it,
 *                                               and adds 1 to the long at 0 <count> times under the robust
 *                                               lock initialized at <offset> (RobustLock's layout: a marker,
 *                                               then the mutex at <offset> + 8); exits 0 when all went well
 *   memfd_peer shrink <socket> <millis>         receives a memfd, then shrinks it to 4 KiB and sizes it back,
 *                                               again and again, for <millis> ms or until the long at offset 8
 *                                               is not 0 (the test's "stop"); prints how often each failed
 *   memfd_peer shrink-shm <name> <millis>       the same on the POSIX shared memory object <name>
 *   memfd_peer send-unsealed <socket>           connects and sends a memfd of 4 KiB without seals
 *   memfd_peer send-file <socket> <path>        connects and sends a descriptor of the file at <path>
 * Sends tag 'S', as SealedSharedMemory.sendTo does. */
#include "ipc4j_test.h"
#include "memfd_shm.h"
#include "posix_shm.h"
#include "robust_mutex.h"
#include "unix_socket.h"
#include "ipc4j_wait.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#ifdef IPC4J_HAVE_MEMFD
#include <sys/syscall.h>

#define RL_MARKER 0x697063346a524c31LL /* "ipc4jRL1" */

static int receive(const char *path)
{
    int sock = ipc4j_socket_connect(path);
    if (sock < 0) {
        fprintf(stderr, "memfd_peer: connect %s: %s\n", path, strerror(-sock));
        exit(2);
    }
    unsigned char tag;
    int fd;
    while ((fd = ipc4j_socket_receive_fd(sock, &tag)) == IPC4J_SOCKET_WOULD_BLOCK) {
        ipc4j_wait_fd(sock, IPC4J_WAIT_FOR_READ, -1);
    }
    if (fd < 0) {
        fprintf(stderr, "memfd_peer: receive: %d\n", fd);
        exit(2);
    }
    close(sock);
    return fd;
}

static void send_to(const char *path, int fd)
{
    int sock = ipc4j_socket_connect(path);
    CHECK(sock >= 0);
    int rc;
    while ((rc = ipc4j_socket_send_fd(sock, fd, 'S')) == IPC4J_SOCKET_WOULD_BLOCK) {
        ipc4j_wait_fd(sock, IPC4J_WAIT_FOR_WRITE, -1);
    }
    CHECK_EQ(0, rc);
    /* wait until the receiver closed its end, so the descriptor is not lost in flight */
    ipc4j_wait_fd(sock, IPC4J_WAIT_FOR_READ, 10000000000LL);
    close(sock);
}

static int lock_and_add(const char *path, long offset, long count)
{
    int fd = receive(path);
    int seals;
    int64_t size;
    int writable;
    int rc = ipc4j_memfd_verify(fd, IPC4J_SEAL_SHRINK, &seals, &size, &writable);
    if (rc != 0 || !writable || size < offset + 128) {
        fprintf(stderr, "memfd_peer: refused the descriptor: %d (seals %d, size %lld)\n", rc, seals, (long long) size);
        return 1;
    }
    int64_t address = ipc4j_shm_map(fd, size, 1);
    CHECK(address > 0);
    char *base = (char *) (intptr_t) address;
    volatile int64_t *marker = (volatile int64_t *) (base + offset);
    CHECK_EQ(RL_MARKER, *marker);
    void *mutex = base + offset + 8;
    volatile int64_t *counter = (volatile int64_t *) base;
    for (long i = 0; i < count; i++) {
        do {
            rc = ipc4j_robust_mutex_lock(mutex, 1000000000LL);
        } while (rc == -ETIMEDOUT);
        CHECK_EQ(0, rc);
        *counter = *counter + 1;
        CHECK_EQ(0, ipc4j_robust_mutex_unlock(mutex));
    }
    printf("memfd_peer: locked %ld times\n", count);
    ipc4j_shm_unmap(address, size);
    close(fd);
    return 0;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int shrink_loop(int fd, long millis)
{
    int64_t size = ipc4j_shm_size(fd);
    CHECK(size > 4096);
    long shrunk = 0, refused = 0, other = 0;
    int64_t first_page = ipc4j_shm_map(fd, 4096, 0); /* never shrunk away */
    CHECK(first_page > 0);
    volatile int64_t *stop = (volatile int64_t *) (intptr_t) (first_page + 8);
    printf("memfd_peer: shrinking\n");
    fflush(stdout);
    int64_t end = now_ms() + millis;
    while (now_ms() < end && *stop == 0) {
        if (ftruncate(fd, 4096) == 0) {
            shrunk++;
        } else if (errno == EPERM) {
            refused++;
        } else {
            other++;
        }
        if (ftruncate(fd, (off_t) size) != 0) {
            other++;
        }
    }
    printf("memfd_peer: shrunk=%ld eperm=%ld other=%ld\n", shrunk, refused, other);
    ipc4j_shm_unmap(first_page, 4096);
    return 0;
}

#endif

int main(int argc, char **argv)
{
#ifdef IPC4J_HAVE_MEMFD
    if (argc == 5 && strcmp(argv[1], "lock") == 0) {
        return lock_and_add(argv[2], atol(argv[3]), atol(argv[4]));
    }
    if (argc == 4 && strcmp(argv[1], "shrink") == 0) {
        return shrink_loop(receive(argv[2]), atol(argv[3]));
    }
    if (argc == 4 && strcmp(argv[1], "shrink-shm") == 0) {
        int created;
        int fd = ipc4j_shm_open(argv[2], IPC4J_SHM_OPEN_EXISTING, 1, 0600, 0, &created);
        CHECK(fd >= 0);
        return shrink_loop(fd, atol(argv[3]));
    }
    if (argc == 3 && strcmp(argv[1], "send-unsealed") == 0) {
        int fd = (int) syscall(SYS_memfd_create, "unsealed", 0x0003U /* MFD_CLOEXEC | MFD_ALLOW_SEALING */);
        CHECK(fd >= 0);
        CHECK_EQ(0, ftruncate(fd, 4096));
        send_to(argv[2], fd);
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "send-file") == 0) {
        int fd = open(argv[3], O_RDWR | O_CLOEXEC);
        CHECK(fd >= 0);
        send_to(argv[2], fd);
        return 0;
    }
    fprintf(stderr, "usage: memfd_peer lock <socket> <offset> <count> | shrink <socket> <millis> | "
                    "shrink-shm <name> <millis> | send-unsealed <socket> | send-file <socket> <path>\n");
    return 2;
#else
    (void) argc;
    (void) argv;
    fprintf(stderr, "memfd_peer: this OS has no memfd\n");
    return 2;
#endif
}
