/* A second process for the POSIX message queue tests (C and Java):
 *   mq_peer send <queue> <count>      sends messages 0..count-1 (priority i % 7), then exits 0
 *   mq_peer receive <queue> <count>   receives count messages, checks each is whole and that every
 *                                     index came once, exits 0 if so (1 otherwise)
 * The queue must exist. Messages are made by ipc4j_test_message (the Java tests make the same). */
#include "ipc4j_test.h"
#include "ipc4j_wait.h"
#include "posix_mq.h"

#include <errno.h>
#include <string.h>

#ifdef IPC4J_HAVE_POSIX_MQ
static int send_all(int fd, unsigned count, size_t message_size)
{
    unsigned char buf[65536];
    for (unsigned i = 0; i < count; i++) {
        size_t length = ipc4j_test_message(i, buf, message_size);
        int rc;
        while ((rc = ipc4j_mq_try_send(fd, buf, length, i % 7)) == IPC4J_MQ_WOULD_BLOCK) {
            ipc4j_wait_fd(fd, IPC4J_WAIT_FOR_WRITE, -1);
        }
        if (rc != 0) {
            fprintf(stderr, "mq_peer: send %u: %s\n", i, strerror(-rc));
            return 1;
        }
    }
    return 0;
}

static int receive_all(int fd, unsigned count, size_t message_size)
{
    unsigned char buf[65536];
    unsigned char *seen = calloc(count, 1);
    for (unsigned n = 0; n < count; n++) {
        unsigned priority;
        long length;
        while ((length = ipc4j_mq_try_receive(fd, buf, message_size, &priority)) == IPC4J_MQ_WOULD_BLOCK) {
            ipc4j_wait_fd(fd, IPC4J_WAIT_FOR_READ, -1);
        }
        unsigned index;
        if (length < 0 || !ipc4j_test_message_ok(buf, (size_t) length, message_size, &index) || index >= count
            || seen[index] || priority != index % 7) {
            fprintf(stderr, "mq_peer: bad message #%u (length %ld)\n", n, length);
            free(seen);
            return 1;
        }
        seen[index] = 1;
    }
    free(seen);
    printf("mq_peer: received %u messages intact\n", count);
    return 0;
}
#endif

int main(int argc, char **argv)
{
#ifdef IPC4J_HAVE_POSIX_MQ
    if (argc != 4) {
        fprintf(stderr, "usage: mq_peer send|receive <queue> <count>\n");
        return 2;
    }
    int created;
    int fd = ipc4j_mq_open(argv[2], IPC4J_MQ_OPEN_EXISTING, IPC4J_MQ_READ_WRITE, 0600, 0, 0, &created);
    if (fd < 0) {
        fprintf(stderr, "mq_peer: open %s: %s\n", argv[2], strerror(-fd));
        return 1;
    }
    struct ipc4j_mq_attr attr;
    CHECK_EQ(0, ipc4j_mq_get_attr(fd, &attr));
    unsigned count = (unsigned) strtoul(argv[3], NULL, 10);
    int rc = strcmp(argv[1], "send") == 0 ? send_all(fd, count, (size_t) attr.message_size)
                                          : receive_all(fd, count, (size_t) attr.message_size);
    ipc4j_mq_close(fd);
    return rc;
#else
    (void) argc;
    (void) argv;
    fprintf(stderr, "mq_peer: this OS has no POSIX message queues\n");
    return 2;
#endif
}
