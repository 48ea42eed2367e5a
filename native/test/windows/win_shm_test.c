/* The plain C core of Windows named shared memory (paging-file backed file mappings), under Windows
 * or Wine, with a second process writing into it (peer: win_peer.exe). */
#include "win_test.h"

#include "ipc4j_win_security.h"
#include "win_shm.h"

static const struct ipc4j_win_open MAKE_NEW = { IPC4J_WIN_CREATE_NEW, NULL, 0 };
static const struct ipc4j_win_open EXISTING_ONLY = { IPC4J_WIN_OPEN_EXISTING, NULL, 1 };
static const struct ipc4j_win_open OPEN_OR_MAKE = { IPC4J_WIN_OPEN_OR_CREATE, NULL, 0 };

static void test_create_open_and_sizes(void)
{
    const char *name = win_test_object_name();
    HANDLE h;
    int created;
    CHECK_EQ(-ERROR_INVALID_PARAMETER, ipc4j_shm_open(name, &MAKE_NEW, 0, 1, &h, &created));
    CHECK_EQ(-ERROR_FILE_NOT_FOUND, ipc4j_shm_open(name, &EXISTING_ONLY, 0, 1, &h, &created));
    CHECK_EQ(-ERROR_INVALID_NAME, ipc4j_shm_open("Global\\", &MAKE_NEW, 10, 1, &h, &created));

    HANDLE mapping;
    CHECK_EQ(0, ipc4j_shm_open(name, &MAKE_NEW, 10000, 1, &mapping, &created));
    CHECK_EQ(1, created);
    CHECK_EQ(1, ipc4j_security_only_current_user(mapping));
    CHECK_EQ(-ERROR_ALREADY_EXISTS, ipc4j_shm_open(name, &MAKE_NEW, 10000, 1, &h, &created));
    void *address;
    uint64_t size;
    CHECK_EQ(0, ipc4j_shm_map(mapping, 1, &address, &size));
    CHECK(size >= 10000 && size % 4096 == 0);
    memset(address, 0x5a, 10000);

    /* a second handle and view see the same bytes; a read-only view */
    HANDLE again;
    CHECK_EQ(0, ipc4j_shm_open(name, &OPEN_OR_MAKE, 1, 0, &again, &created));
    CHECK_EQ(0, created);
    void *view;
    uint64_t view_size;
    CHECK_EQ(0, ipc4j_shm_map(again, 0, &view, &view_size));
    CHECK_EQ(size, view_size);
    CHECK_EQ(0x5a, ((unsigned char *) view)[9999]);
    CHECK_EQ(0, ipc4j_shm_unmap(view));
    ipc4j_win_object_close(again);

    /* a view outlives the handle; the name goes with the last handle */
    ipc4j_win_object_close(mapping);
    CHECK_EQ(0x5a, ((unsigned char *) address)[0]);
    CHECK_EQ(0, ipc4j_shm_unmap(address));
    CHECK_EQ(-ERROR_FILE_NOT_FOUND, ipc4j_shm_open(name, &EXISTING_ONLY, 0, 1, &h, &created));
}

static void test_written_by_another_process(void)
{
    const char *name = win_test_object_name();
    HANDLE mapping;
    int created;
    CHECK_EQ(0, ipc4j_shm_open(name, &MAKE_NEW, 65536, 1, &mapping, &created));
    void *address;
    uint64_t size;
    CHECK_EQ(0, ipc4j_shm_map(mapping, 1, &address, &size));
    char arguments[200];
    snprintf(arguments, sizeof arguments, "shm-write %s", name);
    CHECK_EQ(0, win_test_join_peer(win_test_start_peer(arguments)));
    unsigned char expected[1000];
    size_t length = ipc4j_test_message(77, expected, sizeof expected);
    CHECK(memcmp(address, expected, length) == 0);
    CHECK_EQ(0, ipc4j_shm_unmap(address));
    ipc4j_win_object_close(mapping);
}

int main(void)
{
    test_create_open_and_sizes();
    test_written_by_another_process();
    printf("win_shm_test: all passed\n");
    return 0;
}
