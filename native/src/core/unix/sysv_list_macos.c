/* Listing macOS's System V objects through the kern.sysv.ipcs sysctls (see sysv_list_macos.h).
 *
 * The SDK has no <sys/ipcs.h> (Apple keeps the interface private), so the command and the three records are
 * declared here, as xnu declares them for a 64-bit process: struct IPCS_command / user_IPCS_command in
 * bsd/sys/ipcs.h, struct ipc_perm in bsd/sys/ipc.h, user64_msqid_ds in bsd/sys/msg.h (packed), user64_semid_ds
 * in bsd/sys/sem_internal.h and user_shmid_ds in bsd/sys/shm_internal.h (both #pragma pack(4)); the handlers are
 * IPCS_msg_sysctl, IPCS_sem_sysctl and IPCS_shm_sysctl in bsd/kern/sysv_{msg,sem,shm}.c. The sizes and offsets
 * are asserted below, and on macOS also against the SDK's own struct msqid_ds, semid_ds and shmid_ds, which
 * have the same layout for a 64-bit process. */
#include "sysv_list_macos.h"

#include <errno.h>
#include <string.h>

#if defined(__APPLE__)
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/sysctl.h>
#include <sys/types.h>
#endif

/* struct ipc_perm (xnu bsd/sys/ipc.h; the SDK's __ipc_perm_new): uid_t, gid_t are 32 bits, mode_t 16. */
struct macos_ipc_perm {
    uint32_t uid;
    uint32_t gid;
    uint32_t cuid;
    uint32_t cgid;
    uint16_t mode;
    uint16_t seq;  /* _seq: the slot's reuse count, the identifier's high 16 bits */
    int32_t key;   /* _key */
};

#pragma pack(push, 4)
/* user64_msqid_ds (packed in xnu; pack(4) gives the same layout, as every member starts at a multiple of 4 and
 * the size, 116, is one too; the SDK's msqid_ds is pack(4)). */
struct macos_msqid64 {
    struct macos_ipc_perm perm;
    int32_t first;
    int32_t last;
    uint64_t cbytes;
    uint64_t qnum;
    uint64_t qbytes;
    int32_t lspid;
    int32_t lrpid;
    int64_t stime;
    int32_t pad1;
    int64_t rtime;
    int32_t pad2;
    int64_t ctime;
    int32_t pad3;
    int32_t pad4[4];
};

/* user64_semid_ds */
struct macos_semid64 {
    struct macos_ipc_perm perm;
    int32_t base;
    uint16_t nsems;
    int64_t otime;
    int32_t pad1;
    int64_t ctime;
    int32_t pad2;
    int32_t pad3[4];
};

/* user_shmid_ds (a 64-bit process's) */
struct macos_shmid64 {
    struct macos_ipc_perm perm;
    uint64_t segsz;
    int32_t lpid;
    int32_t cpid;
    uint16_t nattch; /* short in xnu, shmatt_t (unsigned short) in the SDK */
    int64_t atime;
    int64_t dtime;
    int64_t ctime;
    uint64_t internal;
};
#pragma pack(pop)

/* struct user_IPCS_command: the command as the kernel reads it from a 64-bit process (ipcs_data a 64-bit
 * user_addr_t; a 32-bit process would pass struct user32_IPCS_command and get user32_* records, which ipc4j,
 * shipping 64-bit libraries only, never does). */
struct macos_ipcs_command {
    int32_t magic;
    int32_t op;
    int32_t cursor;
    int32_t datalen;
    uint64_t data;
};

_Static_assert(sizeof(struct macos_ipc_perm) == 24, "struct ipc_perm is 24 bytes");
_Static_assert(sizeof(struct macos_msqid64) == 116, "user64_msqid_ds is 116 bytes");
_Static_assert(offsetof(struct macos_msqid64, cbytes) == 32 && offsetof(struct macos_msqid64, lspid) == 56
                   && offsetof(struct macos_msqid64, stime) == 64 && offsetof(struct macos_msqid64, rtime) == 76
                   && offsetof(struct macos_msqid64, ctime) == 88,
               "user64_msqid_ds offsets");
_Static_assert(sizeof(struct macos_semid64) == 72, "user64_semid_ds is 72 bytes");
_Static_assert(offsetof(struct macos_semid64, nsems) == 28 && offsetof(struct macos_semid64, otime) == 32
                   && offsetof(struct macos_semid64, ctime) == 44,
               "user64_semid_ds offsets");
_Static_assert(sizeof(struct macos_shmid64) == 76, "user_shmid_ds is 76 bytes");
_Static_assert(offsetof(struct macos_shmid64, nattch) == 40 && offsetof(struct macos_shmid64, atime) == 44
                   && offsetof(struct macos_shmid64, ctime) == 60,
               "user_shmid_ds offsets");
_Static_assert(sizeof(struct macos_ipcs_command) == 24, "user_IPCS_command is 24 bytes");

#if defined(__APPLE__)
_Static_assert(sizeof(void *) == 8, "the kernel gives the 64-bit layouts declared here to 64-bit processes only");
_Static_assert(sizeof(struct ipc_perm) == sizeof(struct macos_ipc_perm)
                   && offsetof(struct ipc_perm, _key) == offsetof(struct macos_ipc_perm, key),
               "the SDK's struct ipc_perm");
_Static_assert(sizeof(struct msqid_ds) == sizeof(struct macos_msqid64)
                   && offsetof(struct msqid_ds, msg_qbytes) == offsetof(struct macos_msqid64, qbytes)
                   && offsetof(struct msqid_ds, msg_ctime) == offsetof(struct macos_msqid64, ctime),
               "the SDK's struct msqid_ds");
_Static_assert(sizeof(struct semid_ds) == sizeof(struct macos_semid64)
                   && offsetof(struct semid_ds, sem_otime) == offsetof(struct macos_semid64, otime),
               "the SDK's struct semid_ds");
_Static_assert(sizeof(struct shmid_ds) == sizeof(struct macos_shmid64)
                   && offsetof(struct shmid_ds, shm_atime) == offsetof(struct macos_shmid64, atime)
                   && offsetof(struct shmid_ds, shm_internal) == offsetof(struct macos_shmid64, internal),
               "the SDK's struct shmid_ds");
#endif

/* The kernel's marks in perm.mode (xnu: SEM_ALLOC in sem_internal.h, SHMSEG_* in sysv_shm.c); a queue is
 * allocated when its msg_qbytes is not 0 (what ipcs tests). */
#define MACOS_SEM_ALLOC 01000
#define MACOS_SHMSEG_REMOVED 0x0400
#define MACOS_SHMSEG_ALLOCATED 0x0800

/* IPCS_MAGIC and the iteration operations (bsd/sys/ipcs.h). */
#define MACOS_IPCS_MAGIC 0x00000001
#define MACOS_IPCS_SHM_ITER 0x00000002
#define MACOS_IPCS_SEM_ITER 0x00000020
#define MACOS_IPCS_MSG_ITER 0x00000200

size_t ipc4j_sysv_macos_record_size(int kind)
{
    switch (kind) {
    case IPC4J_SYSV_LIST_MSG:
        return sizeof(struct macos_msqid64);
    case IPC4J_SYSV_LIST_SEM:
        return sizeof(struct macos_semid64);
    case IPC4J_SYSV_LIST_SHM:
        return sizeof(struct macos_shmid64);
    default:
        return 0;
    }
}

/* The identifier the kernel's calls take: IXSEQ_TO_IPCID (bsd/sys/ipc.h), the slot's sequence above its index. */
static int64_t identifier(const struct macos_ipc_perm *perm, int slot)
{
    return (int32_t) (((uint32_t) perm->seq << 16) | ((uint32_t) slot & 0xffffu));
}

/* row[1..6]: key uid gid cuid cgid mode, which every kind starts with. */
static int64_t *perm_values(const struct macos_ipc_perm *perm, int slot, int64_t *row)
{
    row[0] = identifier(perm, slot);
    row[1] = perm->key;
    row[2] = perm->uid;
    row[3] = perm->gid;
    row[4] = perm->cuid;
    row[5] = perm->cgid;
    row[6] = perm->mode & 0777;
    return row + 7;
}

int ipc4j_sysv_macos_decode(int kind, const void *record, size_t length, int slot, int64_t row[IPC4J_SYSV_LIST_ROW])
{
    if (ipc4j_sysv_macos_record_size(kind) == 0 || length != ipc4j_sysv_macos_record_size(kind) || slot < 0
        || slot > 0xffff) {
        return -EINVAL;
    }
    memset(row, 0, IPC4J_SYSV_LIST_ROW * sizeof row[0]);
    int64_t *v;
    if (kind == IPC4J_SYSV_LIST_MSG) {
        struct macos_msqid64 q;
        memcpy(&q, record, sizeof q);
        if (q.qbytes == 0) {
            return 0;
        }
        v = perm_values(&q.perm, slot, row);
        v[0] = (int64_t) q.cbytes;
        v[1] = (int64_t) q.qnum;
        v[2] = (int64_t) q.qbytes;
        v[3] = q.lspid;
        v[4] = q.lrpid;
        v[5] = q.stime;
        v[6] = q.rtime;
        v[7] = q.ctime;
    } else if (kind == IPC4J_SYSV_LIST_SEM) {
        struct macos_semid64 s;
        memcpy(&s, record, sizeof s);
        if ((s.perm.mode & MACOS_SEM_ALLOC) == 0) {
            return 0;
        }
        v = perm_values(&s.perm, slot, row);
        v[0] = s.nsems;
        v[1] = s.otime;
        v[2] = s.ctime;
    } else {
        struct macos_shmid64 m;
        memcpy(&m, record, sizeof m);
        if ((m.perm.mode & MACOS_SHMSEG_ALLOCATED) == 0) {
            return 0;
        }
        v = perm_values(&m.perm, slot, row);
        v[0] = (int64_t) m.segsz;
        v[1] = m.nattch;
        v[2] = m.cpid;
        v[3] = m.lpid;
        v[4] = m.atime;
        v[5] = m.dtime;
        v[6] = m.ctime;
        v[7] = (m.perm.mode & MACOS_SHMSEG_REMOVED) != 0;
    }
    return 1;
}

#if defined(__APPLE__)

int ipc4j_sysv_macos_next(int kind, int cursor, int64_t row[IPC4J_SYSV_LIST_ROW])
{
    static const char *const names[] = { "kern.sysv.ipcs.msg", "kern.sysv.ipcs.sem", "kern.sysv.ipcs.shm" };
    static const int32_t ops[] = { MACOS_IPCS_MSG_ITER, MACOS_IPCS_SEM_ITER, MACOS_IPCS_SHM_ITER };
    size_t size = ipc4j_sysv_macos_record_size(kind);
    if (size == 0 || cursor < 0) {
        return -EINVAL;
    }
    union {
        struct macos_msqid64 msg;
        struct macos_semid64 sem;
        struct macos_shmid64 shm;
    } record;
    for (;;) {
        struct macos_ipcs_command command = { MACOS_IPCS_MAGIC, ops[kind], cursor, (int32_t) size,
                                              (uint64_t) (uintptr_t) &record };
        size_t command_size = sizeof command;
        memset(&record, 0, sizeof record);
        /* the command goes in and comes back, its cursor moved past the object written to record */
        if (sysctlbyname(names[kind], &command, &command_size, &command, sizeof command) != 0) {
            /* ENOENT: no object after cursor; ERANGE: cursor reached the end of the table */
            return errno == ENOENT || errno == ERANGE ? 0 : -errno;
        }
        if (command.cursor <= cursor) {
            return -EIO; /* a kernel that does not move the cursor: stop rather than loop */
        }
        int rc = ipc4j_sysv_macos_decode(kind, &record, size, command.cursor - 1, row);
        if (rc != 0) {
            return rc < 0 ? rc : command.cursor;
        }
        cursor = command.cursor; /* freed between the kernel's check and its copy: on to the next slot */
    }
}

#else

int ipc4j_sysv_macos_next(int kind, int cursor, int64_t row[IPC4J_SYSV_LIST_ROW])
{
    (void) kind;
    (void) cursor;
    (void) row;
    return -ENOSYS;
}

#endif
