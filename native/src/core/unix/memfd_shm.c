#include "memfd_shm.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "posix_shm.h"

int ipc4j_memfd_adopt(int fd)
{
    return fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 ? 0 : -errno;
}

int ipc4j_memfd_inheritable(int fd)
{
    int copy = fcntl(fd, F_DUPFD, 3);
    return copy >= 0 ? copy : -errno;
}

#ifdef IPC4J_HAVE_MEMFD
#include <sys/syscall.h>

/* The kernel's values (stable ABI): old C libraries (glibc 2.17, the oldest ipc4j builds against)
 * lack memfd_create() and these names, so the system call is made directly. */
#ifndef MFD_CLOEXEC
#define MFD_CLOEXEC 0x0001U
#endif
#ifndef MFD_ALLOW_SEALING
#define MFD_ALLOW_SEALING 0x0002U
#endif
#ifndef F_ADD_SEALS
#define F_ADD_SEALS 1033
#endif
#ifndef F_GET_SEALS
#define F_GET_SEALS 1034
#endif

#define KNOWN_SEALS (IPC4J_SEAL_SEAL | IPC4J_SEAL_SHRINK | IPC4J_SEAL_GROW | IPC4J_SEAL_WRITE)

int ipc4j_memfd_create(const char *debug_name, int64_t size, int extra_seals)
{
    if (size <= 0 || (extra_seals & ~(IPC4J_SEAL_GROW | IPC4J_SEAL_SEAL)) != 0) {
        return -EINVAL;
    }
    int fd = (int) syscall(SYS_memfd_create, debug_name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0) {
        return -errno;
    }
    int rc = ipc4j_shm_grow(fd, size); /* from 0: ftruncate, then reserve (posix_fallocate) */
    if (rc == 0 && fcntl(fd, F_ADD_SEALS, IPC4J_SEAL_SHRINK | extra_seals) != 0) {
        rc = -errno;
    }
    if (rc != 0) {
        close(fd);
        return rc;
    }
    return fd;
}

int ipc4j_memfd_seals(int fd)
{
    int seals = fcntl(fd, F_GET_SEALS);
    return seals < 0 ? -errno : seals & KNOWN_SEALS;
}

static int is_memfd(int fd)
{
    char link[64];
    char target[256];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n < 0) {
        return -errno;
    }
    target[n] = '\0';
    return strncmp(target, "/memfd:", 7) == 0;
}

int ipc4j_memfd_verify(int fd, int required_seals, int *seals, int64_t *size, int *writable)
{
    *seals = 0;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        return -errno;
    }
    int memfd = S_ISREG(st.st_mode) ? is_memfd(fd) : 0;
    if (memfd <= 0) {
        return memfd < 0 ? memfd : IPC4J_MEMFD_NOT_MEMFD;
    }
    int got = ipc4j_memfd_seals(fd);
    if (got < 0) {
        return got == -EINVAL ? IPC4J_MEMFD_NOT_MEMFD : got;
    }
    *seals = got;
    if ((got & required_seals) != required_seals) {
        return -EPERM;
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) {
        return -errno;
    }
    *writable = (flags & O_ACCMODE) == O_RDWR;
    /* after the seal check: from here on the size can only grow */
    int64_t now = ipc4j_shm_size(fd);
    if (now < 0) {
        return (int) now;
    }
    *size = now;
    return 0;
}

#else

int ipc4j_memfd_create(const char *debug_name, int64_t size, int extra_seals)
{
    (void) debug_name;
    (void) size;
    (void) extra_seals;
    return -ENOSYS;
}

int ipc4j_memfd_seals(int fd)
{
    (void) fd;
    return -ENOSYS;
}

int ipc4j_memfd_verify(int fd, int required_seals, int *seals, int64_t *size, int *writable)
{
    (void) fd;
    (void) required_seals;
    (void) size;
    (void) writable;
    *seals = 0;
    return -ENOSYS;
}

#endif
