#include "ipc4j_mapping.h"

#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ipc4j_map_budget.h"

#ifndef MAP_ANONYMOUS
#define MAP_ANONYMOUS MAP_ANON
#endif
#ifndef MAP_NORESERVE
#define MAP_NORESERVE 0
#endif

int ipc4j_mapping_replace_with_reserved(void *address, uint64_t size)
{
    void *at = mmap(address, (size_t) size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE,
                    -1, 0);
    return at == MAP_FAILED ? -errno : 0;
}

int ipc4j_mapping_unmap_reserved(void *address, uint64_t size)
{
    if (munmap(address, (size_t) size) != 0) {
        return -errno;
    }
    ipc4j_map_budget_give(); /* the reservation took the place of a mapping taken from the budget */
    return 0;
}

int ipc4j_mapping_restore_shared(void *address, uint64_t length, int fd, uint64_t offset, int writable)
{
    uint64_t page = (uint64_t) sysconf(_SC_PAGESIZE);
    uint64_t skip = offset % page;
    uint64_t span = (skip + length + page - 1) / page * page;
    void *at = mmap((char *) address - skip, (size_t) span, writable ? PROT_READ | PROT_WRITE : PROT_READ,
                    MAP_SHARED | MAP_FIXED, fd, (off_t) (offset - skip));
    return at == MAP_FAILED ? -errno : 0;
}
