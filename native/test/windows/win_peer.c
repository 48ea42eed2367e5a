/* The second process of the Windows tests.
 *   win_peer pipe-client NAME COUNT      connects, sends COUNT messages, checks each echo
 *   win_peer mailslot-writer NAME COUNT  writes COUNT messages to the mailslot */
#include "win_test.h"

#include <stdlib.h>
#include "win_mailslot.h"
#include "win_pipe.h"

#define MESSAGE_MAX 1000

static int pipe_client(const char *name, unsigned count)
{
    struct ipc4j_pipe *pipe;
    CHECK_EQ(0, ipc4j_pipe_connect(name, 0, NULL, MS(20000), &pipe));
    unsigned char message[MESSAGE_MAX];
    unsigned char echo[MESSAGE_MAX];
    for (unsigned i = 0; i < count; i++) {
        size_t length = ipc4j_test_message(i, message, sizeof message);
        CHECK_EQ(length, ipc4j_pipe_write(pipe, message, (unsigned) length, NULL, MS(20000)));
        unsigned needed;
        CHECK_EQ(length, ipc4j_pipe_read_message(pipe, echo, sizeof echo, &needed, NULL, MS(20000)));
        CHECK(memcmp(message, echo, length) == 0);
    }
    ipc4j_pipe_close(pipe);
    return 0;
}

static int mailslot_writer(const char *name, unsigned count)
{
    struct ipc4j_mailslot_client *client;
    CHECK_EQ(0, ipc4j_mailslot_open(name, &client));
    unsigned char message[MESSAGE_MAX];
    for (unsigned i = 0; i < count; i++) {
        size_t length = ipc4j_test_message(i, message, sizeof message);
        CHECK_EQ(length, ipc4j_mailslot_write(client, message, (unsigned) length));
    }
    ipc4j_mailslot_client_close(client);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "pipe-client") == 0) {
        return pipe_client(argv[2], (unsigned) atoi(argv[3]));
    }
    if (argc == 4 && strcmp(argv[1], "mailslot-writer") == 0) {
        return mailslot_writer(argv[2], (unsigned) atoi(argv[3]));
    }
    fprintf(stderr, "usage: win_peer pipe-client|mailslot-writer NAME COUNT\n");
    return 2;
}
