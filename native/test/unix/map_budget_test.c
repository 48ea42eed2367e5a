/* The mapping budget (ipc4j_map_budget.h), against the real limit: a process that attaches one System V
 * segment over and over is refused before the kernel's limit, with room left for mappings of its own. */
#include "ipc4j_test.h"
#include "ipc4j_map_budget.h"
#include "sysv_shm.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <unistd.h>

static long mappings_of_this_process(void)
{
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    CHECK(fd >= 0);
    char chunk[4096];
    long lines = 0;
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            lines += chunk[i] == '\n';
        }
    }
    close(fd);
    return lines;
}

static void test_attaching_stops_a_quarter_short_of_the_limit(void)
{
    long limit = ipc4j_map_budget_limit();
#ifdef __linux__
    CHECK(limit > 0);
#endif
    if (limit == 0 || limit > 1000000) {
        puts("map_budget_test: no limit to test against (or too high to reach quickly)");
        return;
    }
    int created;
    int id = ipc4j_shmseg_open(IPC_PRIVATE, IPC4J_SYSV_CREATE_NEW, 4096, 0600, 1, &created);
    CHECK(id >= 0);
    long held_before = ipc4j_map_budget_held();
    int64_t *attached = calloc((size_t) limit, sizeof *attached);
    CHECK(attached != NULL);
    long count = 0;
    int64_t address = ipc4j_shmseg_attach(id, 1);
    CHECK(address > 0);
    attached[count++] = address;
    CHECK_EQ(0, ipc4j_shmseg_remove(id)); /* goes with the last detach, whatever happens to this test */
    while ((address = ipc4j_shmseg_attach(id, 1)) > 0) {
        CHECK(count < limit);
        attached[count++] = address;
    }
    CHECK_EQ(IPC4J_MAP_BUDGET_SPENT, address);
    CHECK_EQ(held_before + count, ipc4j_map_budget_held());
    long mappings = mappings_of_this_process();
    CHECK(count > limit / 2);
    /* a quarter of the limit is left, less what the others took between two counts */
    CHECK(mappings <= limit - limit / 4 + 256);
    void *own = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(own != MAP_FAILED);
    CHECK_EQ(0, munmap(own, 4096));

    CHECK_EQ(0, ipc4j_shmseg_detach(attached[--count])); /* given back: taken again */
    address = ipc4j_shmseg_attach(id, 1);
    CHECK(address > 0);
    attached[count++] = address;
    while (count > 0) {
        CHECK_EQ(0, ipc4j_shmseg_detach(attached[--count]));
    }
    CHECK_EQ(held_before, ipc4j_map_budget_held());
    free(attached);
}

static void test_a_failed_attach_takes_nothing(void)
{
    long held = ipc4j_map_budget_held();
    CHECK(ipc4j_shmseg_attach(-1, 1) < 0);
    CHECK_EQ(held, ipc4j_map_budget_held());
}

int main(void)
{
    test_a_failed_attach_takes_nothing();
    test_attaching_stops_a_quarter_short_of_the_limit();
    puts("map_budget_test: ok");
    return 0;
}
