#include "ipc4j_mapping.h"

#include <errno.h>
#include <sys/mman.h>

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
    return munmap(address, (size_t) size) == 0 ? 0 : -errno;
}
