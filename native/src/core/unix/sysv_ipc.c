#include "sysv_ipc.h"

#include <errno.h>
#include <sys/ipc.h>
#include <sys/types.h>

int ipc4j_sysv_ftok(const char *path, int project_id, int *key)
{
    /* every int, as C's ftok takes it (it keeps the low 8 bits); -1 is also a key ftok can make
     * (project, device and inode bits all ones), so only errno tells a failure */
    errno = 0;
    key_t k = ftok(path, project_id);
    if (k == (key_t) -1 && errno != 0) {
        return -errno;
    }
    *key = (int) k;
    return 0;
}

int ipc4j_sysv_open(int key, enum ipc4j_sysv_open_mode open_mode, int mode, int access, ipc4j_sysv_get_fn get,
                    void *arg, int *created)
{
    *created = 0;
    if ((key_t) key == IPC_PRIVATE) {
        int id = get(key, IPC_CREAT | (mode & 0777), arg);
        *created = id >= 0;
        return id;
    }
    for (;;) {
        if (open_mode != IPC4J_SYSV_OPEN_EXISTING) {
            int id = get(key, IPC_CREAT | IPC_EXCL | (mode & 0777), arg);
            if (id >= 0) {
                *created = 1;
                return id;
            }
            if (id != -EEXIST || open_mode == IPC4J_SYSV_CREATE_NEW) {
                return id;
            }
        }
        int id = get(key, access & 0777, arg);
        /* open-or-create: it was removed between our two tries; try again */
        if (id >= 0 || id != -ENOENT || open_mode == IPC4J_SYSV_OPEN_EXISTING) {
            return id;
        }
    }
}

void ipc4j_sysv_set_perm(struct ipc_perm *perm, int64_t uid, int64_t gid, int mode)
{
    if (uid >= 0) {
        perm->uid = (uid_t) uid;
    }
    if (gid >= 0) {
        perm->gid = (gid_t) gid;
    }
    if (mode >= 0) {
        perm->mode = (__typeof__(perm->mode)) ((perm->mode & ~0777u) | ((unsigned) mode & 0777u));
    }
}
