#include "ipc4j_map_budget.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

/* ipc4j's own count is exact but the rest of the process's is not known: it is counted (/proc/self/maps)
 * once ipc4j holds an eighth of the limit, and again every RECOUNT_EVERY mappings after, since reading the
 * maps of a process with tens of thousands of mappings takes milliseconds. */
#define RECOUNT_EVERY 256

static atomic_long held;
static atomic_long others;
static atomic_long next_recount;
static atomic_long cached_limit = -1;

static long read_limit(void)
{
#ifdef __linux__
    int fd = open("/proc/sys/vm/max_map_count", O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return 0;
    }
    char text[32];
    ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    if (n <= 0) {
        return 0;
    }
    text[n] = '\0';
    char *end;
    long limit = strtol(text, &end, 10);
    return end != text && limit > 0 ? limit : 0;
#else
    return 0;
#endif
}

long ipc4j_map_budget_limit(void)
{
    long limit = atomic_load(&cached_limit);
    if (limit < 0) {
        limit = read_limit(); /* two threads may both read it: the same value */
        atomic_store(&cached_limit, limit);
    }
    return limit;
}

long ipc4j_map_budget_held(void)
{
    return atomic_load(&held);
}

/* The lines of /proc/self/maps (one per mapping), or -1 when it cannot be read. */
static long count_mappings(void)
{
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    char chunk[8192];
    long lines = 0;
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) != 0) {
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            lines = -1;
            break;
        }
        for (ssize_t i = 0; i < n; i++) {
            lines += chunk[i] == '\n';
        }
    }
    close(fd);
    return lines;
}

int ipc4j_map_budget_take(void)
{
    long mine = atomic_fetch_add(&held, 1) + 1;
    long limit = ipc4j_map_budget_limit();
    if (limit == 0) {
        return 0;
    }
    if (mine >= limit / 8 && mine >= atomic_load(&next_recount)) {
        atomic_store(&next_recount, mine + RECOUNT_EVERY);
        long all = count_mappings();
        if (all >= 0) {
            long rest = all - (mine - 1); /* the others held are mapped, and in the count */
            atomic_store(&others, rest > 0 ? rest : 0);
        }
    }
    if (mine + atomic_load(&others) > limit - limit / 4) {
        atomic_fetch_sub(&held, 1);
        return IPC4J_MAP_BUDGET_SPENT;
    }
    return 0;
}

void ipc4j_map_budget_give(void)
{
    atomic_fetch_sub(&held, 1);
}
