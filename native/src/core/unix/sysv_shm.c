#include "sysv_shm.h"

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#include "ipc4j_map_budget.h"

struct get_args {
    size_t size;
};

static int get_segment(int key, int flags, void *arg)
{
    const struct get_args *args = arg;
    int id = shmget((key_t) key, args->size, flags);
    return id >= 0 ? id : -errno;
}

int ipc4j_shmseg_open(int32_t key, enum ipc4j_sysv_open_mode open_mode, int64_t size, int mode, int writable,
                      int *created)
{
    if (size < 0 || (uint64_t) size > SIZE_MAX) {
        return -EINVAL;
    }
    /* opening an existing segment with size 0 accepts any size; the caller checks what it needs */
    struct get_args args = { (size_t) size };
    return ipc4j_sysv_open(key, open_mode, mode, writable ? 0600 : 0400, get_segment, &args, created);
}

int64_t ipc4j_shmseg_attach(int id, int writable)
{
    int budget = ipc4j_map_budget_take();
    if (budget != 0) {
        return budget;
    }
    void *p = shmat(id, NULL, writable ? 0 : SHM_RDONLY);
    if (p == (void *) -1) {
        int err = errno;
        ipc4j_map_budget_give();
        return -err;
    }
    return (int64_t) (intptr_t) p;
}

int ipc4j_shmseg_detach(int64_t address)
{
    if (shmdt((const void *) (intptr_t) address) != 0) {
        return -errno;
    }
    ipc4j_map_budget_give();
    return 0;
}

static int stat_segment(int id, struct shmid_ds *ds)
{
    return shmctl(id, IPC_STAT, ds) == 0 ? 0 : -errno;
}

int ipc4j_shmseg_status(int id, struct ipc4j_shmseg_status *status)
{
    struct shmid_ds ds;
    int rc = stat_segment(id, &ds);
    if (rc != 0) {
        return rc;
    }
    status->key = (int64_t) IPC4J_PERM_KEY(ds.shm_perm);
    status->uid = (int64_t) ds.shm_perm.uid;
    status->gid = (int64_t) ds.shm_perm.gid;
    status->cuid = (int64_t) ds.shm_perm.cuid;
    status->cgid = (int64_t) ds.shm_perm.cgid;
    status->mode = (int64_t) (ds.shm_perm.mode & 0777);
    status->size = (int64_t) ds.shm_segsz;
    status->attaches = (int64_t) ds.shm_nattch;
    status->cpid = (int64_t) ds.shm_cpid;
    status->lpid = (int64_t) ds.shm_lpid;
    status->atime = (int64_t) ds.shm_atime;
    status->dtime = (int64_t) ds.shm_dtime;
    status->ctime = (int64_t) ds.shm_ctime;
#ifdef SHM_DEST
    status->removed = (ds.shm_perm.mode & SHM_DEST) != 0;
#else
    status->removed = 0;
#endif
    return 0;
}

int ipc4j_shmseg_set_owner_mode(int id, int64_t uid, int64_t gid, int mode)
{
    struct shmid_ds ds;
    int rc = stat_segment(id, &ds);
    if (rc != 0) {
        return rc;
    }
    ipc4j_sysv_set_perm(&ds.shm_perm, uid, gid, mode);
    return shmctl(id, IPC_SET, &ds) == 0 ? 0 : -errno;
}

int ipc4j_shmseg_remove(int id)
{
    return shmctl(id, IPC_RMID, NULL) == 0 ? 0 : -errno;
}
