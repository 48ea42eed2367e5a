#include "posix_shm.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ipc4j_fd.h"
#include "ipc4j_map_budget.h"

static int reserve(int fd, int64_t size)
{
    if (ftruncate(fd, (off_t) size) != 0) {
        return -errno;
    }
#ifdef IPC4J_HAVE_POSIX_FALLOCATE
    if (size > 0) {
        int rc = posix_fallocate(fd, 0, (off_t) size);
        /* EOPNOTSUPP/EINVAL: the filesystem cannot reserve; the size stands unreserved */
        if (rc != 0 && rc != EOPNOTSUPP && rc != EINVAL) {
            return -rc;
        }
    }
#endif
    return 0;
}

static int create_new(const char *name, int mode, int64_t size)
{
    int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, (mode_t) (mode & 0600));
    if (fd < 0) {
        return -errno;
    }
    int rc = ipc4j_fd_set_mode(fd, mode);
    if (rc == 0 && size > 0) {
        rc = reserve(fd, size);
    }
    if (rc != 0) {
        close(fd);
        shm_unlink(name);
        return rc;
    }
    return fd;
}

int ipc4j_shm_open(const char *name, enum ipc4j_shm_open_mode open_mode, int writable, int mode, int64_t size,
                   int *created)
{
    *created = 0;
    for (;;) {
        if (open_mode != IPC4J_SHM_OPEN_EXISTING) {
            int fd = create_new(name, mode, size);
            if (fd >= 0) {
                *created = 1;
                if (!writable) {
                    /* created read-write to size it; the caller asked for a read-only descriptor */
                    int ro = shm_open(name, O_RDONLY | O_CLOEXEC, 0);
                    int err = errno;
                    close(fd);
                    if (ro < 0) {
                        shm_unlink(name);
                        return -err;
                    }
                    fd = ro;
                }
                return fd;
            }
            if (fd != -EEXIST || open_mode == IPC4J_SHM_CREATE_NEW) {
                return fd;
            }
        }
        int fd = shm_open(name, (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC, 0);
        if (fd >= 0) {
            return fd;
        }
        if (errno != ENOENT || open_mode == IPC4J_SHM_OPEN_EXISTING) {
            return -errno;
        }
    }
}

int ipc4j_shm_close(int fd)
{
    return close(fd) == 0 ? 0 : -errno;
}

int ipc4j_shm_unlink(const char *name)
{
    return shm_unlink(name) == 0 ? 0 : -errno;
}

int64_t ipc4j_shm_size(int fd)
{
    struct stat st;
    if (fstat(fd, &st) != 0) {
        return -errno;
    }
    return (int64_t) st.st_size;
}

int ipc4j_shm_grow(int fd, int64_t new_size)
{
    if (new_size <= 0) {
        return -EINVAL;
    }
#ifdef IPC4J_HAVE_POSIX_FALLOCATE
    /* Only ever extends, in one call: a peer that grows the object further at the same time keeps its
     * size. (fstat then ftruncate could cut it back to ours: ftruncate sets the size, larger or not.) */
    int rc = posix_fallocate(fd, 0, (off_t) new_size);
    if (rc != EOPNOTSUPP && rc != EINVAL) {
        return -rc;
    }
    /* EOPNOTSUPP/EINVAL: the filesystem cannot reserve (tmpfs can); extend without reserving */
#endif
    int64_t now = ipc4j_shm_size(fd);
    if (now < 0) {
        return (int) now;
    }
    /* a peer growing it between the fstat and the ftruncate could still be cut back here; only where
     * posix_fallocate is missing (macOS, whose objects cannot grow at all) or refused */
    return new_size <= now ? 0 : (ftruncate(fd, (off_t) new_size) == 0 ? 0 : -errno);
}

int64_t ipc4j_shm_map(int fd, int64_t size, int writable)
{
    if (size <= 0 || (uint64_t) size > SIZE_MAX) {
        return -EINVAL;
    }
    int budget = ipc4j_map_budget_take();
    if (budget != 0) {
        return budget;
    }
    void *p = mmap(NULL, (size_t) size, writable ? PROT_READ | PROT_WRITE : PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
        int err = errno;
        ipc4j_map_budget_give();
        return -err;
    }
    return (int64_t) (intptr_t) p;
}

int ipc4j_shm_unmap(int64_t address, int64_t size)
{
    if (munmap((void *) (intptr_t) address, (size_t) size) != 0) {
        return -errno;
    }
    ipc4j_map_budget_give();
    return 0;
}
