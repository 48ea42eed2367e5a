/* System V shared memory segments, plain C (no JNI): what the JNI glue and the C tests call.
 * Mapping views and atomics are the same as for POSIX objects (MappedMemory on the Java side); only
 * attach and detach differ. Every call returns a non-negative result or -errno. */
#ifndef IPC4J_SYSV_SHM_H
#define IPC4J_SYSV_SHM_H

#include <stdint.h>

#include "sysv_ipc.h"

/* What IPC_STAT tells; times in seconds since the epoch (0: never). */
struct ipc4j_shmseg_status {
    int64_t key;
    int64_t uid;
    int64_t gid;
    int64_t cuid;
    int64_t cgid;
    int64_t mode;      /* permission bits */
    int64_t size;
    int64_t attaches;  /* shm_nattch */
    int64_t cpid;
    int64_t lpid;
    int64_t atime;
    int64_t dtime;
    int64_t ctime;
    int64_t removed;   /* 1 when IPC_RMID was asked while attached (Linux's SHM_DEST) */
};

/* Opens the segment with key (IPC_PRIVATE: always a new one), as ipc4j_sysv_open does; a created
 * segment gets size bytes (zero-filled). writable: ask for read-write access to an existing one. */
int ipc4j_shmseg_open(int32_t key, enum ipc4j_sysv_open_mode open_mode, int64_t size, int mode, int writable,
                      int *created);

/* Attaches the segment: its address, or -errno, or IPC4J_MAP_BUDGET_SPENT (ipc4j_map_budget.h). */
int64_t ipc4j_shmseg_attach(int id, int writable);
int ipc4j_shmseg_detach(int64_t address);

int ipc4j_shmseg_status(int id, struct ipc4j_shmseg_status *status);
/* IPC_SET: uid/gid < 0 or mode < 0 keep the current value. */
int ipc4j_shmseg_set_owner_mode(int id, int64_t uid, int64_t gid, int mode);
/* IPC_RMID: the segment goes when the last process detaches. */
int ipc4j_shmseg_remove(int id);

#endif
