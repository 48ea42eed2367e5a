/* The plain C core of user lookups, against the system's own user database. */
#include "ipc4j_test.h"
#include "ipc4j_users.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

static void test_root_both_ways(void)
{
    char name[64];
    CHECK_EQ(4, ipc4j_user_name(0, name, sizeof name));
    CHECK(strcmp(name, "root") == 0);
    CHECK_EQ(0, ipc4j_user_id("root"));
}

static void test_this_process_round_trips(void)
{
    char name[256];
    int length = ipc4j_user_name((long) geteuid(), name, sizeof name);
    if (length == -ENOENT) {
        return; /* a uid with no entry (a container's --user 12345): nothing to round-trip */
    }
    CHECK(length > 0);
    CHECK_EQ((long) geteuid(), ipc4j_user_id(name));
}

static void test_nobody_is_not_found(void)
{
    char name[64];
    CHECK_EQ(-ENOENT, ipc4j_user_id("no-such-user-of-ipc4j"));
    CHECK_EQ(-ENOENT, ipc4j_user_id(""));
    CHECK_EQ(-ENOENT, ipc4j_user_name(-1, name, sizeof name));
    CHECK_EQ(-ENOENT, ipc4j_user_name(4294967295L + 1, name, sizeof name));
}

static void test_short_buffer_is_a_range_error(void)
{
    char name[4];
    CHECK_EQ(-ERANGE, ipc4j_user_name(0, name, sizeof name)); /* "root" and its NUL take 5 */
}

int main(void)
{
    test_root_both_ways();
    test_this_process_round_trips();
    test_nobody_is_not_found();
    test_short_buffer_is_a_range_error();
    printf("users_test: all passed\n");
    return 0;
}
