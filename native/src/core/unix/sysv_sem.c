#include "sysv_sem.h"
#include "sysv_ipc.h"
#include "ipc4j_copy.h"

#include <errno.h>
#include <string.h>
#include <sys/types.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <time.h>
#include <unistd.h>

/* semctl's fourth argument: macOS's sys/sem.h defines union semun, on Linux the caller must. */
#ifdef __APPLE__
typedef union semun ipc4j_semun;
#else
typedef union {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
} ipc4j_semun;
#endif

static int get_set(int key, int flags, void *arg)
{
    int id = semget((key_t) key, *(const int *) arg, flags);
    return id >= 0 ? id : -errno;
}

int ipc4j_sem_open(int32_t key, enum ipc4j_sysv_open_mode open_mode, int nsems, int mode, int *created)
{
    /* opening an existing set asks for read and alter permission: a refusal comes now */
    return ipc4j_sysv_open(key, open_mode, mode, 0600, get_set, &nsems, created);
}

size_t ipc4j_sem_sembuf_size(void)
{
    return sizeof(struct sembuf);
}

void ipc4j_sem_encode(void *out, int count, const uint16_t *nums, const int16_t *ops, const uint8_t *flags,
                      int all_nowait)
{
    struct sembuf *sops = out;
    for (int i = 0; i < count; i++) {
        short flg = 0;
        if ((flags[i] & IPC4J_SEM_NOWAIT) != 0 || all_nowait) {
            flg |= IPC_NOWAIT;
        }
        if ((flags[i] & IPC4J_SEM_UNDO) != 0) {
            flg |= SEM_UNDO;
        }
        sops[i].sem_num = nums[i];
        sops[i].sem_op = ops[i];
        sops[i].sem_flg = flg;
    }
}

static int op_once(int id, struct sembuf *sops, int count, int64_t timeout_ns)
{
    if (timeout_ns < 0) {
        return semop(id, sops, (size_t) count) == 0 ? 0 : -errno;
    }
#ifdef IPC4J_HAVE_SEMTIMEDOP
    struct timespec timeout;
    timeout.tv_sec = (time_t) (timeout_ns / 1000000000);
    timeout.tv_nsec = (long) (timeout_ns % 1000000000);
    return semtimedop(id, sops, (size_t) count, &timeout) == 0 ? 0 : -errno;
#else
    return -ENOSYS;
#endif
}

int ipc4j_sem_op(int id, const void *sops, int count, struct ipc4j_blocker *blocker, int64_t timeout_ns)
{
    struct sembuf *ops = (struct sembuf *) sops; /* semop does not write them */
    if (blocker == NULL) {
        int rc;
        do {
            rc = op_once(id, ops, count, timeout_ns);
        } while (rc == -EINTR);
        return rc;
    }
    /* the call's own timeout ends it; the blocker only cuts it short on a wake */
    int rc = ipc4j_blocker_begin(blocker, -1);
    if (rc != 0) {
        return rc;
    }
    rc = op_once(id, ops, count, timeout_ns);
    ipc4j_blocker_end(blocker);
    return rc;
}

static int ctl(int id, int num, int cmd, ipc4j_semun arg)
{
    int rc = semctl(id, num, cmd, arg);
    return rc >= 0 ? rc : -errno;
}

/* For the commands whose success is 0. */
static int ctl_zero(int id, int num, int cmd, ipc4j_semun arg)
{
    int rc = ctl(id, num, cmd, arg);
    return rc < 0 ? rc : 0;
}

static int ctl_get(int id, int num, int cmd)
{
    ipc4j_semun arg;
    arg.val = 0;
    return ctl(id, num, cmd, arg);
}

int ipc4j_sem_get_value(int id, int num)
{
    return ctl_get(id, num, GETVAL);
}

int ipc4j_sem_get_pid(int id, int num)
{
    return ctl_get(id, num, GETPID);
}

int ipc4j_sem_get_ncount(int id, int num)
{
    return ctl_get(id, num, GETNCNT);
}

int ipc4j_sem_get_zcount(int id, int num)
{
    return ctl_get(id, num, GETZCNT);
}

int ipc4j_sem_set_value(int id, int num, int value)
{
    ipc4j_semun arg;
    arg.val = value;
    return ctl_zero(id, num, SETVAL, arg);
}

static int stat_set(int id, struct semid_ds *ds)
{
    memset(ds, 0, sizeof *ds);
    ipc4j_semun arg;
    arg.buf = ds;
    return ctl_zero(id, 0, IPC_STAT, arg);
}

/* How many semaphores the set under id has now, or -errno. */
static int set_size(int id)
{
    struct semid_ds ds;
    int rc = stat_set(id, &ds);
    return rc != 0 ? rc : (int) ds.sem_nsems;
}

/* count values in anonymous memory that ends where an inaccessible page begins: the kernel, copying more
 * (a set that grew under the id after we read its size), fails with EFAULT instead of going past them. */
struct guarded_values {
    void *base;
    size_t length;
    uint16_t *values;
};

static int guarded_values(struct guarded_values *g, size_t count)
{
    size_t page = (size_t) sysconf(_SC_PAGESIZE);
    size_t bytes = count * sizeof(uint16_t);
    size_t data = (bytes + page - 1) / page * page;
    g->length = data + page;
    g->base = mmap(NULL, g->length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (g->base == MAP_FAILED) {
        return -errno;
    }
    if (mprotect((char *) g->base + data, page, PROT_NONE) != 0) {
        int err = errno;
        munmap(g->base, g->length);
        return -err;
    }
    g->values = (uint16_t *) (void *) ((char *) g->base + data - bytes);
    return 0;
}

/* GETALL or SETALL of exactly count values, sized from the kernel; see sysv_sem.h. */
static int all_values(int id, uint16_t *values, int count, int cmd)
{
    for (int attempt = 0;; attempt++) {
        int n = set_size(id);
        if (n < 0 || n != count) {
            return n;
        }
        struct guarded_values g = { NULL, 0, NULL };
        int rc = guarded_values(&g, (size_t) count);
        if (rc != 0) {
            return rc;
        }
        size_t bytes = (size_t) count * sizeof(uint16_t);
        if (cmd == SETALL) {
            ipc4j_copy(g.values, values, bytes);
        }
        ipc4j_semun arg;
        arg.array = g.values;
        rc = ctl_zero(id, 0, cmd, arg);
        if (rc == 0 && cmd == GETALL) {
            ipc4j_copy(values, g.values, bytes);
        }
        munmap(g.base, g.length);
        if (rc == -EFAULT && attempt < 2) {
            continue; /* the set under the id changed between IPC_STAT and the call: look again */
        }
        if (rc != 0) {
            return rc;
        }
        /* a smaller set that took the id in between got fewer values: say so, as for any other size */
        n = set_size(id);
        return n < 0 || n != count ? n : 0;
    }
}

int ipc4j_sem_get_all(int id, uint16_t *values, int count)
{
    return all_values(id, values, count, GETALL);
}

int ipc4j_sem_set_all(int id, const uint16_t *values, int count)
{
    return all_values(id, (uint16_t *) values, count, SETALL); /* SETALL only reads them */
}

int ipc4j_sem_status(int id, struct ipc4j_sem_status *status)
{
    struct semid_ds ds;
    int rc = stat_set(id, &ds);
    if (rc != 0) {
        return rc;
    }
    status->key = (int64_t) IPC4J_PERM_KEY(ds.sem_perm);
    status->uid = (int64_t) ds.sem_perm.uid;
    status->gid = (int64_t) ds.sem_perm.gid;
    status->cuid = (int64_t) ds.sem_perm.cuid;
    status->cgid = (int64_t) ds.sem_perm.cgid;
    status->mode = (int64_t) (ds.sem_perm.mode & 0777);
    status->nsems = (int64_t) ds.sem_nsems;
    status->otime = (int64_t) ds.sem_otime;
    status->ctime = (int64_t) ds.sem_ctime;
    return 0;
}

int ipc4j_sem_set_owner_mode(int id, int64_t uid, int64_t gid, int mode)
{
    struct semid_ds ds;
    int rc = stat_set(id, &ds);
    if (rc != 0) {
        return rc;
    }
    ipc4j_sysv_set_perm(&ds.sem_perm, uid, gid, mode);
    ipc4j_semun arg;
    arg.buf = &ds;
    return ctl_zero(id, 0, IPC_SET, arg);
}

int ipc4j_sem_remove(int id)
{
    ipc4j_semun arg;
    arg.val = 0;
    return ctl_zero(id, 0, IPC_RMID, arg);
}
