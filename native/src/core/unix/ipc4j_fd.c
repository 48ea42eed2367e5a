#include "ipc4j_fd.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

int ipc4j_fd_owner_mode(int fd, long *uid, int *mode)
{
    struct stat st;
    if (fstat(fd, &st) != 0) {
        return -errno;
    }
    *uid = (long) st.st_uid;
    *mode = (int) (st.st_mode & 07777);
    return 0;
}

int ipc4j_fd_set_mode(int fd, int mode)
{
    return fchmod(fd, (mode_t) mode) == 0 ? 0 : -errno;
}

long ipc4j_effective_uid(void)
{
    return (long) geteuid();
}
