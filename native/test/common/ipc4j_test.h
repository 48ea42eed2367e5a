/* A minimal harness for the C tests: CHECK stops the test with the file, line and expression. */
#ifndef IPC4J_TEST_H
#define IPC4J_TEST_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(expr)                                                                     \
    do {                                                                                \
        if (!(expr)) {                                                                  \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #expr);    \
            exit(1);                                                                    \
        }                                                                               \
    } while (0)

#define CHECK_EQ(expected, actual)                                                      \
    do {                                                                                \
        long long e_ = (long long) (expected), a_ = (long long) (actual);               \
        if (e_ != a_) {                                                                 \
            fprintf(stderr, "%s:%d: CHECK_EQ failed: %s == %s (%lld != %lld)\n",       \
                    __FILE__, __LINE__, #expected, #actual, e_, a_);                    \
            exit(1);                                                                    \
        }                                                                               \
    } while (0)

/* Replaces this process with argv[0] (given args), run under the tests' emulator when there is one
 * (IPC4J_TEST_EMULATOR, set by CMake when cross compiling: qemu, wine). Does not return. */
void ipc4j_test_exec(char *const argv[]);

/* A name unique to this process and call: "/<prefix>-<pid>-<counter>". */
const char *ipc4j_test_name(const char *prefix);

/* The deterministic message the peers and tests exchange: index i in the first 4 bytes, then a
 * pattern from i. Returns its length (between 4 and max_length). */
size_t ipc4j_test_message(unsigned i, unsigned char *buf, size_t max_length);
/* Whether buf[0..length) is message i as made above; *index gets i. */
int ipc4j_test_message_ok(const unsigned char *buf, size_t length, size_t max_length, unsigned *index);

#endif
