#include "ipc4j_test.h"

#include <string.h>
#include <unistd.h>

void ipc4j_test_exec(char *const argv[])
{
    char *args[64];
    int n = 0;
    char emulator[1024] = "";
    const char *env = getenv("IPC4J_TEST_EMULATOR");
    if (env != NULL) {
        snprintf(emulator, sizeof emulator, "%s", env);
        for (char *word = strtok(emulator, " "); word != NULL && n < 16; word = strtok(NULL, " ")) {
            args[n++] = word;
        }
    }
    for (int i = 0; argv[i] != NULL && n < 63; i++) {
        args[n++] = argv[i];
    }
    args[n] = NULL;
    execvp(args[0], args);
    perror(args[0]);
    _exit(127);
}

const char *ipc4j_test_name(const char *prefix)
{
    static char buf[128];
    static unsigned counter;
    snprintf(buf, sizeof buf, "/%s-%ld-%u", prefix, (long) getpid(), counter++);
    return buf;
}

size_t ipc4j_test_message(unsigned i, unsigned char *buf, size_t max_length)
{
    size_t length = 4 + (size_t) ((i * 2654435761u) % (unsigned) (max_length - 3));
    if (length > max_length) {
        length = max_length;
    }
    buf[0] = (unsigned char) (i >> 24);
    buf[1] = (unsigned char) (i >> 16);
    buf[2] = (unsigned char) (i >> 8);
    buf[3] = (unsigned char) i;
    for (size_t j = 4; j < length; j++) {
        buf[j] = (unsigned char) (i * 31 + j);
    }
    return length;
}

int ipc4j_test_message_ok(const unsigned char *buf, size_t length, size_t max_length, unsigned *index)
{
    if (length < 4) {
        return 0;
    }
    unsigned i = ((unsigned) buf[0] << 24) | ((unsigned) buf[1] << 16) | ((unsigned) buf[2] << 8) | buf[3];
    unsigned char expected[65536];
    if (max_length > sizeof expected || ipc4j_test_message(i, expected, max_length) != length) {
        return 0;
    }
    *index = i;
    return memcmp(buf, expected, length) == 0;
}
