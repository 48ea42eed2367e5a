/* The decoder of macOS's kern.sysv.ipcs records, with records laid out byte by byte as xnu writes them for a
 * 64-bit process (offsets from bsd/sys/msg.h, sem_internal.h, shm_internal.h: written here independently of the
 * structs the decoder declares, so a wrong offset there fails here). On macOS also the walk itself, against the
 * real kernel: a queue, a set and a segment this test makes are found with their identifiers and values. */
#include "ipc4j_test.h"
#include "sysv_list_macos.h"

#include <errno.h>
#include <string.h>

#if defined(__APPLE__)
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>
#endif

/* Little-endian, as on both of macOS's processors (x86_64, arm64). */
static void put(unsigned char *record, size_t offset, uint64_t value, size_t bytes)
{
    for (size_t i = 0; i < bytes; i++) {
        record[offset + i] = (unsigned char) (value >> (8 * i));
    }
}

/* struct ipc_perm at offset 0: uid gid cuid cgid (4 bytes each), mode and _seq (2 each), _key (4). */
static void put_perm(unsigned char *record, uint32_t uid, uint32_t gid, uint32_t cuid, uint32_t cgid, uint16_t mode,
                     uint16_t seq, int32_t key)
{
    put(record, 0, uid, 4);
    put(record, 4, gid, 4);
    put(record, 8, cuid, 4);
    put(record, 12, cgid, 4);
    put(record, 16, mode, 2);
    put(record, 18, seq, 2);
    put(record, 20, (uint32_t) key, 4);
}

static void test_sizes(void)
{
    CHECK_EQ(116, ipc4j_sysv_macos_record_size(IPC4J_SYSV_LIST_MSG));
    CHECK_EQ(72, ipc4j_sysv_macos_record_size(IPC4J_SYSV_LIST_SEM));
    CHECK_EQ(76, ipc4j_sysv_macos_record_size(IPC4J_SYSV_LIST_SHM));
    CHECK_EQ(0, ipc4j_sysv_macos_record_size(3));
}

static void test_message_queue(void)
{
    unsigned char r[116];
    memset(r, 0xEE, sizeof r); /* the reserved fields hold anything */
    /* mode: 0640 and the kernel's own bits above 0777 (IPC_M-style marks), which a row never shows */
    put_perm(r, 501, 20, 502, 12, 010640, 3, 0x4950);
    put(r, 32, 10, 8);                  /* msg_cbytes */
    put(r, 40, 2, 8);                   /* msg_qnum */
    put(r, 48, 2048, 8);                /* msg_qbytes */
    put(r, 56, 1234, 4);                /* msg_lspid */
    put(r, 60, 4321, 4);                /* msg_lrpid */
    put(r, 64, 1700000000, 8);          /* msg_stime */
    put(r, 76, 1700000005, 8);          /* msg_rtime */
    put(r, 88, 1690000000, 8);          /* msg_ctime */
    int64_t row[IPC4J_SYSV_LIST_ROW];
    CHECK_EQ(1, ipc4j_sysv_macos_decode(IPC4J_SYSV_LIST_MSG, r, sizeof r, 7, row));
    int64_t expected[] = { (3 << 16) | 7, 0x4950, 501, 20, 502, 12, 0640, 10, 2, 2048, 1234, 4321, 1700000000,
                           1700000005, 1690000000, 0, 0 };
    for (int i = 0; i < IPC4J_SYSV_LIST_ROW; i++) {
        CHECK_EQ(expected[i], row[i]);
    }
    /* a free slot: msg_qbytes 0 */
    put(r, 48, 0, 8);
    CHECK_EQ(0, ipc4j_sysv_macos_decode(IPC4J_SYSV_LIST_MSG, r, sizeof r, 7, row));
}

static void test_semaphore_set(void)
{
    unsigned char r[72];
    memset(r, 0xEE, sizeof r);
    put_perm(r, 0, 0, 501, 20, 01000 | 0600, 0, -2); /* SEM_ALLOC; key 0xfffffffe */
    put(r, 28, 3, 2);                   /* sem_nsems */
    put(r, 32, 1700000100, 8);          /* sem_otime */
    put(r, 44, 1700000000, 8);          /* sem_ctime */
    int64_t row[IPC4J_SYSV_LIST_ROW];
    CHECK_EQ(1, ipc4j_sysv_macos_decode(IPC4J_SYSV_LIST_SEM, r, sizeof r, 65535, row));
    int64_t expected[] = { 65535, -2, 0, 0, 501, 20, 0600, 3, 1700000100, 1700000000 };
    for (int i = 0; i < (int) (sizeof expected / sizeof expected[0]); i++) {
        CHECK_EQ(expected[i], row[i]);
    }
    for (int i = (int) (sizeof expected / sizeof expected[0]); i < IPC4J_SYSV_LIST_ROW; i++) {
        CHECK_EQ(0, row[i]);
    }
    put(r, 16, 0600, 2); /* SEM_ALLOC off: a free slot */
    CHECK_EQ(0, ipc4j_sysv_macos_decode(IPC4J_SYSV_LIST_SEM, r, sizeof r, 1, row));
}

static void test_shared_memory_segment(void)
{
    unsigned char r[76];
    memset(r, 0xEE, sizeof r);
    /* SHMSEG_ALLOCATED | SHMSEG_REMOVED: removed while attached, key made IPC_PRIVATE by IPC_RMID */
    put_perm(r, 501, 20, 501, 20, 0x0800 | 0x0400 | 0644, 0x7fff, 0);
    put(r, 24, (UINT64_C(1) << 32) + 4096, 8);  /* shm_segsz: more than 4 GiB */
    put(r, 32, 777, 4);                         /* shm_lpid */
    put(r, 36, 555, 4);                         /* shm_cpid */
    put(r, 40, 2, 2);                           /* shm_nattch */
    put(r, 44, 1700000200, 8);                  /* shm_atime */
    put(r, 52, 0, 8);                           /* shm_dtime: never */
    put(r, 60, 1700000000, 8);                  /* shm_ctime */
    put(r, 68, 0, 8);                           /* shm_internal, cleared by the kernel */
    int64_t row[IPC4J_SYSV_LIST_ROW];
    CHECK_EQ(1, ipc4j_sysv_macos_decode(IPC4J_SYSV_LIST_SHM, r, sizeof r, 2, row));
    int64_t expected[] = { (0x7fff << 16) | 2, 0, 501, 20, 501, 20, 0644, (INT64_C(1) << 32) + 4096, 2, 555, 777,
                           1700000200, 0, 1700000000, 1, 0, 0 };
    for (int i = 0; i < IPC4J_SYSV_LIST_ROW; i++) {
        CHECK_EQ(expected[i], row[i]);
    }
    put(r, 16, 0x0800 | 0644, 2); /* not removed */
    CHECK_EQ(1, ipc4j_sysv_macos_decode(IPC4J_SYSV_LIST_SHM, r, sizeof r, 2, row));
    CHECK_EQ(0, row[14]);
    put(r, 16, 0x0200 | 0644, 2); /* SHMSEG_FREE */
    CHECK_EQ(0, ipc4j_sysv_macos_decode(IPC4J_SYSV_LIST_SHM, r, sizeof r, 2, row));
}

static void test_bad_arguments(void)
{
    unsigned char r[116] = { 0 };
    int64_t row[IPC4J_SYSV_LIST_ROW];
    CHECK_EQ(-EINVAL, ipc4j_sysv_macos_decode(IPC4J_SYSV_LIST_MSG, r, 115, 0, row));
    CHECK_EQ(-EINVAL, ipc4j_sysv_macos_decode(IPC4J_SYSV_LIST_SEM, r, 116, 0, row));
    CHECK_EQ(-EINVAL, ipc4j_sysv_macos_decode(7, r, 116, 0, row));
    CHECK_EQ(-EINVAL, ipc4j_sysv_macos_decode(IPC4J_SYSV_LIST_MSG, r, 116, -1, row));
    CHECK_EQ(-EINVAL, ipc4j_sysv_macos_decode(IPC4J_SYSV_LIST_MSG, r, 116, 65536, row));
}

#if defined(__APPLE__)
/* Walks kind's objects; 1 when the one with id was found (its row in row). */
static int find(int kind, int id, int64_t row[IPC4J_SYSV_LIST_ROW])
{
    int cursor = 0;
    int found = 0;
    for (;;) {
        int64_t r[IPC4J_SYSV_LIST_ROW];
        int next = ipc4j_sysv_macos_next(kind, cursor, r);
        CHECK(next >= 0);
        if (next == 0) {
            return found;
        }
        CHECK(next > cursor);
        if (r[0] == id) {
            memcpy(row, r, sizeof r);
            found++;
        }
        cursor = next;
    }
}

static void test_walk_finds_what_this_process_made(void)
{
    key_t key = (key_t) (0x4C000000 | (getpid() & 0xFFFFF));
    int q = msgget(key, IPC_CREAT | IPC_EXCL | 0640);
    int s = semget(key, 3, IPC_CREAT | IPC_EXCL | 0600);
    int m = shmget(key, 8192, IPC_CREAT | IPC_EXCL | 0604);
    CHECK(q >= 0 && s >= 0 && m >= 0);
    int64_t row[IPC4J_SYSV_LIST_ROW];
    CHECK_EQ(1, find(IPC4J_SYSV_LIST_MSG, q, row));
    CHECK_EQ(key, row[1]);
    CHECK_EQ(getuid(), row[2]);
    CHECK_EQ(0640, row[6]);
    CHECK(row[9] > 0); /* msg_qbytes */
    CHECK_EQ(1, find(IPC4J_SYSV_LIST_SEM, s, row));
    CHECK_EQ(key, row[1]);
    CHECK_EQ(0600, row[6]);
    CHECK_EQ(3, row[7]);
    CHECK_EQ(1, find(IPC4J_SYSV_LIST_SHM, m, row));
    CHECK_EQ(key, row[1]);
    CHECK_EQ(0604, row[6]);
    CHECK_EQ(8192, row[7]);
    CHECK_EQ(getpid(), row[9]); /* shm_cpid */
    CHECK_EQ(0, msgctl(q, IPC_RMID, NULL));
    CHECK_EQ(0, semctl(s, 0, IPC_RMID));
    CHECK_EQ(0, shmctl(m, IPC_RMID, NULL));
    CHECK_EQ(0, find(IPC4J_SYSV_LIST_MSG, q, row));
    CHECK_EQ(0, find(IPC4J_SYSV_LIST_SHM, m, row));
    CHECK_EQ(-EINVAL, ipc4j_sysv_macos_next(IPC4J_SYSV_LIST_MSG, -1, row));
}
#endif

int main(void)
{
    test_sizes();
    test_message_queue();
    test_semaphore_set();
    test_shared_memory_segment();
    test_bad_arguments();
#if defined(__APPLE__)
    test_walk_finds_what_this_process_made();
#else
    int64_t row[IPC4J_SYSV_LIST_ROW];
    CHECK_EQ(-ENOSYS, ipc4j_sysv_macos_next(IPC4J_SYSV_LIST_MSG, 0, row));
#endif
    return 0;
}
