/* A second process for the System V message queue tests (C and Java), on the queue with identifier
 * <msqid> (which must exist); messages are made by ipc4j_test_message, at most 256 bytes:
 *   sysv_msg_peer send <msqid> <count> <types>     sends messages 0..count-1, message i with type
 *                                                  1 + i % types, then exits 0
 *   sysv_msg_peer receive <msqid> <count> <types>  receives count messages (any type), checks each is
 *                                                  whole, of type 1 + i % types, and that every index
 *                                                  came once; exits 0 if so (1 otherwise)
 *   sysv_msg_peer echo <msqid> <count>             receives count messages of types below 1000 (the
 *                                                  lowest first) and sends each back, type + 1000 */
#include "ipc4j_test.h"
#include "sysv_msg.h"

#include <errno.h>
#include <string.h>

#define MAX_LENGTH 256

static int send_all(int id, unsigned count, long types, struct ipc4j_blocker *blocker)
{
    struct ipc4j_msgbuf *m = ipc4j_msg_scratch(MAX_LENGTH);
    for (unsigned i = 0; i < count; i++) {
        size_t length = ipc4j_test_message(i, (unsigned char *) m->mtext, MAX_LENGTH);
        m->mtype = 1 + (long) (i % (unsigned long) types);
        int rc = ipc4j_msg_send(id, m, length, 0, blocker, -1);
        if (rc != 0) {
            fprintf(stderr, "sysv_msg_peer: send %u: %s\n", i, strerror(-rc));
            return 1;
        }
    }
    return 0;
}

static int receive_all(int id, unsigned count, long types, struct ipc4j_blocker *blocker)
{
    struct ipc4j_msgbuf *m = ipc4j_msg_scratch(MAX_LENGTH);
    unsigned char *seen = calloc(count, 1);
    for (unsigned n = 0; n < count; n++) {
        long length = ipc4j_msg_receive(id, m, MAX_LENGTH, 0, 0, blocker, -1);
        unsigned index;
        if (length < 0 || !ipc4j_test_message_ok((unsigned char *) m->mtext, (size_t) length, MAX_LENGTH, &index)
            || index >= count || seen[index] || m->mtype != 1 + (long) (index % (unsigned long) types)) {
            fprintf(stderr, "sysv_msg_peer: bad message #%u (length %ld, type %ld)\n", n, length, m->mtype);
            free(seen);
            return 1;
        }
        seen[index] = 1;
    }
    free(seen);
    printf("sysv_msg_peer: received %u messages intact\n", count);
    return 0;
}

static int echo(int id, unsigned count, struct ipc4j_blocker *blocker)
{
    struct ipc4j_msgbuf *m = ipc4j_msg_scratch(MAX_LENGTH);
    for (unsigned n = 0; n < count; n++) {
        long length = ipc4j_msg_receive(id, m, MAX_LENGTH, -999, 0, blocker, -1);
        if (length < 0) {
            fprintf(stderr, "sysv_msg_peer: receive #%u: %s\n", n, strerror((int) -length));
            return 1;
        }
        m->mtype += 1000;
        int rc = ipc4j_msg_send(id, m, (size_t) length, 0, blocker, -1);
        if (rc != 0) {
            fprintf(stderr, "sysv_msg_peer: send #%u: %s\n", n, strerror(-rc));
            return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4 || (strcmp(argv[1], "echo") != 0 && argc != 5)) {
        fprintf(stderr, "usage: sysv_msg_peer send|receive <msqid> <count> <types> | echo <msqid> <count>\n");
        return 2;
    }
    int id = (int) strtol(argv[2], NULL, 10);
    unsigned count = (unsigned) strtoul(argv[3], NULL, 10);
    long types = argc == 5 ? strtol(argv[4], NULL, 10) : 1;
    if (types < 1) {
        fprintf(stderr, "sysv_msg_peer: types must be at least 1\n");
        return 2;
    }
    struct ipc4j_blocker *blocker = ipc4j_blocker_create();
    if (blocker == NULL) {
        perror("sysv_msg_peer: blocker");
        return 1;
    }
    int rc = strcmp(argv[1], "send") == 0 ? send_all(id, count, types, blocker)
             : strcmp(argv[1], "receive") == 0 ? receive_all(id, count, types, blocker)
                                                : echo(id, count, blocker);
    ipc4j_blocker_free(blocker);
    return rc;
}
