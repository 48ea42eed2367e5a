/* Preloaded (LD_PRELOAD) into a child JVM in its own IPC namespace: the shmat call numbered
 * IPC4J_SWAP_AT_SHMAT first removes the segment it was asked for and gives its id to a new one-page
 * segment (kernel.shm_next_id), as a peer can between a caller's IPC_STAT and its shmat. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

static int calls;

static void swap(int id)
{
    if (shmctl(id, IPC_RMID, NULL) != 0) {
        perror("shmat_swap_preload: IPC_RMID");
        return;
    }
    char text[32];
    int length = snprintf(text, sizeof text, "%d", id);
    int fd = open("/proc/sys/kernel/shm_next_id", O_WRONLY);
    if (fd < 0 || write(fd, text, (size_t) length) != length) {
        perror("shmat_swap_preload: shm_next_id");
    }
    if (fd >= 0) {
        close(fd);
    }
    int other = shmget(IPC_PRIVATE, (size_t) sysconf(_SC_PAGESIZE), IPC_CREAT | 0600);
    fprintf(stderr, "shmat_swap_preload: id %d removed, now names a new one-page segment (%d)\n", id, other);
}

__attribute__((visibility("default"))) void *shmat(int id, const void *address, int flags)
{
    void *(*real)(int, const void *, int) = (void *(*)(int, const void *, int)) dlsym(RTLD_NEXT, "shmat");
    const char *at = getenv("IPC4J_SWAP_AT_SHMAT");
    if (at != NULL && ++calls == atoi(at)) {
        swap(id);
    }
    return real(id, address, flags);
}
