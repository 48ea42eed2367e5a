/* ipc4j-cbench: the plain-C side of the benchmark suite.
 *
 *   ipc4j-cbench MECHANISM rtt|tput|single SIZE WARMUP_MS MEASURE_MS
 *
 * rtt:    round trips between this process and a forked peer that echoes; each timed on the monotonic
 *         clock (as JMH's SampleTime times each call); prints the median, p99 and p99.9.
 * tput:   this process sends SIZE-byte messages for MEASURE_MS while the peer receives them.
 * single: send then receive on one object in one process: the uncontended cost of one pair.
 * Prints one JSON object on one line; exits non-zero with a message on stderr when something fails. */
#include "mech.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_SAMPLES (8u * 1024u * 1024u)

static const struct mech *const MECHS[] = {
    &mech_posix_mq, &mech_fifo, &mech_sysv_msg, &mech_posix_sem, &mech_sysv_sem,
    &mech_posix_shm, &mech_sysv_shm, &mech_shm_spin, &mech_channel,
};

void link_indexes(struct link *l, enum side side)
{
    l->send_index = side == SIDE_B ? 1 : 0;
    l->recv_index = side == SIDE_A ? 1 : 0;
}

static const struct mech *mech;
static struct link link_;
static pid_t peer = -1;
static _Alignas(64) char buffer[CBENCH_MAX_SIZE];

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

static void cleanup(void)
{
    if (peer > 0) {
        kill(peer, SIGKILL);
        waitpid(peer, NULL, 0);
        peer = -1;
    }
    mech->destroy(&link_);
}

static void check(int rc, const char *what)
{
    if (rc != 0) {
        fprintf(stderr, "ipc4j-cbench %s: %s failed: %s\n", mech->id, what, strerror(-rc));
        cleanup();
        exit(1);
    }
}

/* Where the two processes run, as the Java side's Placement: CBENCH_CPUS=same (default: both on CPU 0),
 * spread (CPUs 0 and 1) or none. */
static void pin(enum side side)
{
    const char *how = getenv("CBENCH_CPUS");
    if (how != NULL && strcmp(how, "none") == 0) {
        return;
    }
    int cpu = (side == SIDE_B && how != NULL && strcmp(how, "spread") == 0) ? 1 : 0;
    if (cpu >= sysconf(_SC_NPROCESSORS_ONLN)) {
        return;
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) {
        check(-errno, "sched_setaffinity");
    }
}

/* The peer: echoes (rtt) or drains (tput) until killed; dies with its parent. */
static void run_peer(int echo, size_t size)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() == 1) {
        _exit(0);
    }
    pin(SIDE_B);
    if (mech->open(&link_, SIDE_B) != 0) {
        _exit(2);
    }
    for (;;) {
        if (mech->recv(&link_, buffer, size) != 0 || (echo && mech->send(&link_, buffer, size) != 0)) {
            _exit(3);
        }
    }
}

static void start_peer(int echo, size_t size)
{
    fflush(stdout);
    peer = fork();
    if (peer < 0) {
        check(-errno, "fork");
    }
    if (peer == 0) {
        run_peer(echo, size);
    }
    pin(SIDE_A);
    check(mech->open(&link_, SIDE_A), "open");
}

static int compare(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *) a;
    uint32_t y = *(const uint32_t *) b;
    return x < y ? -1 : x > y;
}

static void round_trips(size_t size, uint64_t warmup_ns, uint64_t measure_ns)
{
    uint32_t *samples = malloc(MAX_SAMPLES * sizeof *samples);
    if (samples == NULL) {
        check(-ENOMEM, "malloc");
    }
    start_peer(1, size);
    uint64_t end = now_ns() + warmup_ns;
    while (now_ns() < end) {
        check(mech->send(&link_, buffer, size), "send");
        check(mech->recv(&link_, buffer, size), "receive");
    }
    size_t n = 0;
    uint64_t start = now_ns();
    end = start + measure_ns;
    uint64_t t = start;
    while (t < end && n < MAX_SAMPLES) {
        check(mech->send(&link_, buffer, size), "send");
        check(mech->recv(&link_, buffer, size), "receive");
        uint64_t t2 = now_ns();
        samples[n++] = (uint32_t) (t2 - t);
        t = t2;
    }
    qsort(samples, n, sizeof *samples, compare);
    printf("{\"mechanism\":\"%s\",\"kind\":\"rtt\",\"size\":%zu,\"samples\":%zu,\"median_ns\":%u,"
           "\"p99_ns\":%u,\"p999_ns\":%u,\"mean_ns\":%.1f}\n", mech->id, size, n, samples[n / 2],
           samples[(size_t) ((double) n * 0.99)], samples[(size_t) ((double) n * 0.999)],
           (double) (t - start) / (double) n);
    free(samples);
}

static void one_way(size_t size, uint64_t warmup_ns, uint64_t measure_ns)
{
    start_peer(0, size);
    uint64_t end = now_ns() + warmup_ns;
    while (now_ns() < end) {
        check(mech->send(&link_, buffer, size), "send");
    }
    uint64_t count = 0;
    uint64_t start = now_ns();
    end = start + measure_ns;
    uint64_t t = start;
    while (t < end) {
        for (int i = 0; i < 64; i++) {
            check(mech->send(&link_, buffer, size), "send");
        }
        count += 64;
        t = now_ns();
    }
    double seconds = (double) (t - start) / 1e9;
    printf("{\"mechanism\":\"%s\",\"kind\":\"tput\",\"size\":%zu,\"messages\":%llu,\"msgs_per_s\":%.1f,"
           "\"mb_per_s\":%.3f}\n", mech->id, size, (unsigned long long) count, (double) count / seconds,
           (double) count * (double) size / seconds / 1e6);
}

static void single(size_t size, uint64_t warmup_ns, uint64_t measure_ns)
{
    pin(SIDE_A);
    check(mech->open(&link_, SIDE_LOOPBACK), "open");
    uint64_t end = now_ns() + warmup_ns;
    while (now_ns() < end) {
        check(mech->send(&link_, buffer, size), "send");
        check(mech->recv(&link_, buffer, size), "receive");
    }
    uint64_t count = 0;
    uint64_t start = now_ns();
    end = start + measure_ns;
    uint64_t t = start;
    while (t < end) {
        for (int i = 0; i < 256; i++) {
            check(mech->send(&link_, buffer, size), "send");
            check(mech->recv(&link_, buffer, size), "receive");
        }
        count += 256;
        t = now_ns();
    }
    printf("{\"mechanism\":\"%s\",\"kind\":\"single\",\"size\":%zu,\"ops\":%llu,\"ns_per_op\":%.2f}\n",
           mech->id, size, (unsigned long long) count, (double) (t - start) / (double) count);
}

static void usage(void)
{
    fprintf(stderr, "usage: ipc4j-cbench MECHANISM rtt|tput|single SIZE WARMUP_MS MEASURE_MS\nmechanisms:");
    for (size_t i = 0; i < sizeof MECHS / sizeof MECHS[0]; i++) {
        fprintf(stderr, " %s", MECHS[i]->id);
    }
    fprintf(stderr, "\n");
    exit(2);
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (size_t i = 0; i < sizeof MECHS / sizeof MECHS[0]; i++) {
            printf("%s\n", MECHS[i]->id);
        }
        return 0;
    }
    if (argc != 6) {
        usage();
    }
    for (size_t i = 0; i < sizeof MECHS / sizeof MECHS[0]; i++) {
        if (strcmp(argv[1], MECHS[i]->id) == 0) {
            mech = MECHS[i];
        }
    }
    long size = strtol(argv[3], NULL, 10);
    uint64_t warmup_ns = (uint64_t) strtoull(argv[4], NULL, 10) * 1000000u;
    uint64_t measure_ns = (uint64_t) strtoull(argv[5], NULL, 10) * 1000000u;
    if (mech == NULL || size < 0 || size > CBENCH_MAX_SIZE) {
        usage();
    }
    memset(buffer, 'x', sizeof buffer);
    /* whatever goes wrong (a peer that died while this side waits in an open), never hang; the margin is
       generous because a busy machine can starve either process for seconds */
    alarm((unsigned) ((warmup_ns + measure_ns) / 1000000000u) + 120u);
    check(mech->create(&link_), "create");
    if (strcmp(argv[2], "rtt") == 0) {
        round_trips((size_t) size, warmup_ns, measure_ns);
    } else if (strcmp(argv[2], "tput") == 0) {
        one_way((size_t) size, warmup_ns, measure_ns);
    } else if (strcmp(argv[2], "single") == 0) {
        single((size_t) size, warmup_ns, measure_ns);
    } else {
        cleanup();
        usage();
    }
    mech->close(&link_);
    cleanup();
    return 0;
}
