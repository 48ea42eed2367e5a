/* The plain C core of System V shared memory segments, against the real kernel. */
#include "ipc4j_test.h"
#include "sysv_shm.h"
#include "ipc4j_mapping.h"

#include <errno.h>
#include <string.h>
#include <sys/ipc.h>
#include <unistd.h>

static void test_attach_share_status_and_remove_while_attached(void)
{
    int created;
    int id = ipc4j_shmseg_open(IPC_PRIVATE, IPC4J_SYSV_CREATE_NEW, 8192, 0640, 1, &created);
    CHECK(id >= 0);
    CHECK_EQ(1, created);
    int64_t a = ipc4j_shmseg_attach(id, 1);
    int64_t b = ipc4j_shmseg_attach(id, 0);
    CHECK(a > 0 && b > 0 && a != b);
    strcpy((char *) (intptr_t) a + 100, "shared");
    CHECK_EQ(0, strcmp((const char *) (intptr_t) b + 100, "shared"));

    struct ipc4j_shmseg_status s;
    CHECK_EQ(0, ipc4j_shmseg_status(id, &s));
    CHECK_EQ(8192, s.size);
    CHECK_EQ(2, s.attaches);
    CHECK_EQ(0640, s.mode);
    CHECK_EQ(getpid(), s.cpid);
    CHECK_EQ(0, s.removed);

    CHECK_EQ(0, ipc4j_shmseg_set_owner_mode(id, -1, -1, 0600));
    CHECK_EQ(0, ipc4j_shmseg_remove(id));
    CHECK_EQ(0, ipc4j_shmseg_status(id, &s));
#ifdef __linux__
    CHECK_EQ(1, s.removed);
#endif
    CHECK_EQ(0600, s.mode);
    CHECK_EQ(0, strcmp((const char *) (intptr_t) a + 100, "shared")); /* still attached, still there */
    CHECK_EQ(0, ipc4j_shmseg_detach(a));
    CHECK_EQ(0, ipc4j_shmseg_detach(b));
    CHECK(ipc4j_shmseg_status(id, &s) < 0); /* gone with the last detach */
    CHECK_EQ(-EINVAL, ipc4j_shmseg_detach(a));
}

static void test_open_modes_by_key(void)
{
    int key = (int) (0x5a000000 | (getpid() & 0xffffff));
    int created;
    CHECK_EQ(-ENOENT, ipc4j_shmseg_open(key, IPC4J_SYSV_OPEN_EXISTING, 0, 0600, 1, &created));
    int id = ipc4j_shmseg_open(key, IPC4J_SYSV_CREATE_NEW, 4096, 0600, 1, &created);
    CHECK(id >= 0);
    CHECK_EQ(-EEXIST, ipc4j_shmseg_open(key, IPC4J_SYSV_CREATE_NEW, 4096, 0600, 1, &created));
    CHECK_EQ(id, ipc4j_shmseg_open(key, IPC4J_SYSV_OPEN_OR_CREATE, 4096, 0600, 1, &created));
    CHECK_EQ(0, created);
    CHECK_EQ(-EINVAL, ipc4j_shmseg_open(key, IPC4J_SYSV_OPEN_EXISTING, 8192, 0600, 1, &created));
    CHECK_EQ(-EINVAL, ipc4j_shmseg_open(key, IPC4J_SYSV_OPEN_EXISTING, -1, 0600, 1, &created));
    CHECK_EQ(0, ipc4j_shmseg_remove(id));
    CHECK_EQ(-ENOENT, ipc4j_shmseg_open(key, IPC4J_SYSV_OPEN_EXISTING, 0, 0600, 1, &created));
}

/* closeAndRelease's early release: the segment's attach goes at once, the addresses stay usable (private
 * memory) until the reservation is unmapped. */
static void test_replace_with_reserved_detaches_at_once(void)
{
    int created;
    int id = ipc4j_shmseg_open(IPC_PRIVATE, IPC4J_SYSV_CREATE_NEW, 3 * 4096, 0600, 1, &created);
    CHECK(id >= 0);
    int64_t a = ipc4j_shmseg_attach(id, 1);
    CHECK(a > 0);
    strcpy((char *) (intptr_t) a + 5000, "shared");
    struct ipc4j_shmseg_status s;
    CHECK_EQ(0, ipc4j_shmseg_status(id, &s));
    CHECK_EQ(1, s.attaches);

    CHECK_EQ(0, ipc4j_mapping_replace_with_reserved((void *) (intptr_t) a, 3 * 4096));
    CHECK_EQ(0, ipc4j_shmseg_status(id, &s));
    CHECK_EQ(0, s.attaches); /* detached */
    char *stray = (char *) (intptr_t) a + 5000;
    CHECK_EQ(0, stray[0]); /* a stray access reads private zeroes, it does not fault */
    stray[0] = 'x';
    int64_t b = ipc4j_shmseg_attach(id, 0);
    CHECK(b > 0);
    CHECK_EQ(0, strcmp((const char *) (intptr_t) b + 5000, "shared")); /* the segment was not touched */
    CHECK_EQ(0, ipc4j_shmseg_detach(b));
    CHECK_EQ(0, ipc4j_mapping_unmap_reserved((void *) (intptr_t) a, 3 * 4096));
    CHECK_EQ(0, ipc4j_shmseg_remove(id));
}

int main(void)
{
    test_attach_share_status_and_remove_while_attached();
    test_open_modes_by_key();
    test_replace_with_reserved_detaches_at_once();
    puts("sysv_shm_test: ok");
    return 0;
}
