/* Issue 14's shared-memory channel in plain C: the same ring, in the same layout, as ipc4j's
 * SharedMemoryChannel (java/.../internal/ChannelLayout.java): records of int length, int check and the
 * bytes, 8-aligned, a pad record where one would cross the end. The sender commits a record by storing its
 * 8-byte header (release) into a slot it had zeroed when it committed the record before, then publishes the
 * tail for a sleeping receiver; the receiver spins on the header slot (one cache line per short message,
 * not the data's and the tail's) and releases by publishing the head. A side that must wait spins 50 us, then sets its sleeping
 * flag, re-reads the other side's counter and sleeps on its low word with FUTEX_WAIT (shared, not private);
 * the other side calls FUTEX_WAKE only when that flag is set. */
#include "mech.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define MAGIC 0x3148436a34637069ULL /* "ipc4jCH1" */
#define VERSION 2
#define CAPACITY (1u << 20)
#define DATA 512
#define SIZE (DATA + CAPACITY)
#define TAIL 64
#define HEAD 128
#define RECEIVER_SLEEPS 192
#define SENDER_SLEEPS 256
#define PAD (-1)
#define CHECK_MIX 0x1bc4c3a7
#define SPIN_NS 50000u
#define SLICE_NS 100000000L

static char names[2][64];
/* this process's positions and the last seen other counters (one link per process) */
static uint64_t send_seen;

static uint64_t *counter(char *ring, int offset)
{
    return (uint64_t *) (void *) (ring + offset);
}

static uint32_t *flag(char *ring, int offset)
{
    return (uint32_t *) (void *) (ring + offset);
}

static uint32_t *low_word(char *ring, int offset)
{
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    offset += 4;
#endif
    return (uint32_t *) (void *) (ring + offset);
}

static int32_t check_of(uint64_t position, int32_t length)
{
    return (int32_t) (((uint32_t) length ^ (uint32_t) (position >> 3) ^ CHECK_MIX) | 0x80000000u); /* never 0 */
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

static void relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

static char *map(const char *name, int create)
{
    int fd = shm_open(name, create ? O_CREAT | O_EXCL | O_RDWR : O_RDWR, 0600);
    if (fd < 0) {
        return NULL;
    }
    if (create && ftruncate(fd, SIZE) != 0) {
        close(fd);
        return NULL;
    }
    void *p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    return p == MAP_FAILED ? NULL : p;
}

static int create(struct link *l)
{
    (void) l;
    for (int i = 0; i < 2; i++) {
        snprintf(names[i], sizeof names[i], "/ipc4j-cbench-ch%d-%d", i, (int) getpid());
        char *ring = map(names[i], 1);
        if (ring == NULL) {
            return -errno;
        }
        *(int32_t *) (void *) (ring + 8) = VERSION;
        *(int32_t *) (void *) (ring + 12) = DATA;
        *(uint64_t *) (void *) (ring + 16) = CAPACITY;
        *(int32_t *) (void *) (ring + 24) = CAPACITY / 2 - 8;
        __atomic_store_n(counter(ring, 0), MAGIC, __ATOMIC_SEQ_CST);
        munmap(ring, SIZE);
    }
    return 0;
}

static int open_side(struct link *l, enum side side)
{
    link_indexes(l, side);
    l->send_obj = map(names[l->send_index], 0);
    l->recv_obj = l->recv_index == l->send_index ? l->send_obj : map(names[l->recv_index], 0);
    if (l->send_obj == NULL || l->recv_obj == NULL) {
        return -errno;
    }
    l->sent = __atomic_load_n(counter(l->send_obj, TAIL), __ATOMIC_SEQ_CST);
    send_seen = __atomic_load_n(counter(l->send_obj, HEAD), __ATOMIC_SEQ_CST);
    l->received = __atomic_load_n(counter(l->recv_obj, HEAD), __ATOMIC_SEQ_CST);
    return 0;
}

/* Waits until the counter at `other` in ring moves from *seen: spins, then sleeps flagged. */
static void await_move(char *ring, int other, int sleeps, uint64_t *seen, uint64_t spin_until)
{
    for (;;) {
        uint64_t now = __atomic_load_n(counter(ring, other), __ATOMIC_SEQ_CST);
        if (now != *seen) {
            *seen = now;
            return;
        }
        if (now_ns() < spin_until) {
            relax(); /* one pause per re-check: a pause is ~140 cycles on recent x86 */
            continue;
        }
        __atomic_store_n(flag(ring, sleeps), 1, __ATOMIC_SEQ_CST);
        now = __atomic_load_n(counter(ring, other), __ATOMIC_SEQ_CST);
        if (now == *seen) {
            struct timespec slice = { 0, SLICE_NS };
            syscall(SYS_futex, low_word(ring, other), FUTEX_WAIT, (uint32_t) now, &slice, NULL, 0);
        }
        __atomic_store_n(flag(ring, sleeps), 0, __ATOMIC_SEQ_CST);
    }
}

/* A record's header as the one 8-byte word the receiver loads: int length, int check, in that order. */
static uint64_t header_word(int32_t length, uint64_t position)
{
    int32_t header[2] = { length, check_of(position, length) };
    uint64_t word;
    memcpy(&word, header, sizeof word);
    return word;
}

static uint64_t *slot(char *ring, uint32_t at)
{
    return (uint64_t *) (void *) (ring + DATA + at);
}

/*
 * Takes the cache lines a next record as long as this one will fill, as ChannelRing.claimLinesAhead does: a
 * store of zero to each, in free space only, past the line of the slot the receiver waits on.
 */
static void claim_lines_ahead(char *ring, uint64_t end, size_t len)
{
    uint64_t to = end + 8 + len;
    if (to > send_seen + CAPACITY) {
        to = send_seen + CAPACITY;
    }
    for (uint64_t line = (end + 8 + 63) & ~(uint64_t) 63; line + 8 <= to; line += 64) {
        *slot(ring, (uint32_t) line & (CAPACITY - 1)) = 0;
    }
}

static int send_message(struct link *l, const void *buf, size_t len)
{
    char *ring = l->send_obj;
    uint32_t record = (uint32_t) ((8 + len + 7) & ~(size_t) 7);
    uint64_t tail = l->sent;
    uint32_t at = (uint32_t) tail & (CAPACITY - 1);
    uint32_t pad = at + record > CAPACITY ? CAPACITY - at : 0;
    uint64_t end = tail + pad + record;
    uint64_t spin_until = 0;
    while (end + 8 - send_seen > CAPACITY) { /* the record, and the next one's empty header slot */
        if (spin_until == 0) {
            spin_until = now_ns() + SPIN_NS;
        }
        await_move(ring, HEAD, SENDER_SLEEPS, &send_seen, spin_until);
    }
    uint32_t commit_at = at;
    uint64_t commit = header_word((int32_t) len, tail + pad);
    if (pad != 0) {
        *slot(ring, 0) = commit;
        commit = header_word(PAD, tail);
        at = 0;
    }
    memcpy(ring + DATA + at + 8, buf, len);
    *slot(ring, (uint32_t) end & (CAPACITY - 1)) = 0;
    __atomic_store_n(slot(ring, commit_at), commit, __ATOMIC_RELEASE); /* the commit */
    l->sent = end;
    __atomic_store_n(counter(ring, TAIL), end, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(flag(ring, RECEIVER_SLEEPS), __ATOMIC_SEQ_CST) != 0) {
        syscall(SYS_futex, low_word(ring, TAIL), FUTEX_WAKE, 1, NULL, NULL, 0);
    }
    claim_lines_ahead(ring, end, len);
    return 0;
}

/* Waits until the slot at `at` holds a header: spins on it, then sleeps flagged on the tail's low word. */
static uint64_t await_record(char *ring, uint32_t at)
{
    uint64_t spin_until = now_ns() + SPIN_NS;
    for (;;) {
        uint64_t word = __atomic_load_n(slot(ring, at), __ATOMIC_ACQUIRE);
        if (word != 0) {
            return word;
        }
        if (now_ns() < spin_until) {
            relax();
            continue;
        }
        __atomic_store_n(flag(ring, RECEIVER_SLEEPS), 1, __ATOMIC_SEQ_CST);
        uint64_t tail = __atomic_load_n(counter(ring, TAIL), __ATOMIC_SEQ_CST);
        if (__atomic_load_n(slot(ring, at), __ATOMIC_ACQUIRE) == 0) {
            struct timespec slice = { 0, SLICE_NS };
            syscall(SYS_futex, low_word(ring, TAIL), FUTEX_WAIT, (uint32_t) tail, &slice, NULL, 0);
        }
        __atomic_store_n(flag(ring, RECEIVER_SLEEPS), 0, __ATOMIC_SEQ_CST);
    }
}

static int recv_message(struct link *l, void *buf, size_t len)
{
    char *ring = l->recv_obj;
    uint64_t head = l->received;
    uint32_t at = (uint32_t) head & (CAPACITY - 1);
    uint64_t word = await_record(ring, at);
    int32_t header[2];
    memcpy(header, &word, sizeof header);
    if (header[0] == PAD && header[1] == check_of(head, PAD)) {
        head += CAPACITY - at;
        at = 0;
        word = __atomic_load_n(slot(ring, 0), __ATOMIC_ACQUIRE);
        memcpy(header, &word, sizeof header);
    }
    if (header[1] != check_of(head, header[0]) || header[0] < 0 || (size_t) header[0] > len) {
        return -EBADMSG;
    }
    memcpy(buf, ring + DATA + at + 8, (size_t) header[0]);
    head += (uint64_t) ((8 + header[0] + 7) & ~7);
    l->received = head;
    __atomic_store_n(counter(ring, HEAD), head, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(flag(ring, SENDER_SLEEPS), __ATOMIC_SEQ_CST) != 0) {
        syscall(SYS_futex, low_word(ring, HEAD), FUTEX_WAKE, 1, NULL, NULL, 0);
    }
    return 0;
}

static void close_side(struct link *l)
{
    if (l->recv_obj != l->send_obj) {
        munmap(l->recv_obj, SIZE);
    }
    munmap(l->send_obj, SIZE);
}

static void destroy(struct link *l)
{
    (void) l;
    shm_unlink(names[0]);
    shm_unlink(names[1]);
}

const struct mech mech_channel = {
    "channel", 1, create, open_side, send_message, recv_message, close_side, destroy
};
