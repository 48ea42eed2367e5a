/* The shared-memory channel's wait on Windows (win_channel.c), under Windows or Wine: the event names Java
 * uses, no system call while nobody sleeps, and a sender in another process (win_peer channel-send) whose
 * every message reaches a receiver that sleeps on its event whenever it has caught up, no wake-up lost. */
#include "win_test.h"

#include "ipc4j_win_security.h"
#include "win_channel.h"
#include "win_shm.h"
#include "win_sync.h"

/* The offsets of io.github.ipc4j.internal.ChannelLayout */
#define TAIL 64
#define RECEIVER_SLEEPS 192
#define WAKES_MADE 320 /* this test's own: the peer's count of wake-ups it made */

static const struct ipc4j_win_open MAKE_NEW = { IPC4J_WIN_CREATE_NEW, NULL, 0 };

static void test_names(void)
{
    char name[IPC4J_WIN_CHANNEL_NAME_MAX];
    ipc4j_win_channel_event_name(0xff, 1, name, sizeof name);
    CHECK(strcmp(name, "Local\\ipc4jchwake.00000000000000ff.r") == 0); /* NamedWakeWaiter.eventName's */
    ipc4j_win_channel_event_name(0x8000000000000001ULL, 0, name, sizeof name);
    CHECK(strcmp(name, "Local\\ipc4jchwake.8000000000000001.s") == 0);
}

static void test_no_call_while_nobody_sleeps(void)
{
    uint64_t id = ((uint64_t) GetCurrentProcessId() << 32) | 1;
    HANDLE event;
    CHECK_EQ(0, ipc4j_win_channel_event_open(id, 1, &event));
    CHECK_EQ(1, ipc4j_security_only_current_user(event));
    volatile LONG sleeping = 0;
    volatile LONG counter = 5;
    CHECK_EQ(0, ipc4j_win_channel_wake(event, &sleeping));
    CHECK_EQ(IPC4J_WIN_TIMEOUT, ipc4j_sync_wait(event, NULL, 0)); /* nothing was set */
    /* the counter moved: the sleep returns at once, flag cleared */
    CHECK_EQ(0, ipc4j_win_channel_sleep(event, &sleeping, &counter, 4, NULL, -1));
    CHECK_EQ(0, sleeping);
    /* a wake that came before the wait is kept by the event */
    sleeping = 1;
    CHECK_EQ(1, ipc4j_win_channel_wake(event, &sleeping));
    sleeping = 0;
    CHECK_EQ(0, ipc4j_win_channel_sleep(event, &sleeping, &counter, 5, NULL, MS(10000)));
    /* and only once (auto-reset) */
    CHECK_EQ(IPC4J_WIN_TIMEOUT, ipc4j_win_channel_sleep(event, &sleeping, &counter, 5, NULL, MS(20)));
    /* a cancel ends a sleep */
    struct ipc4j_cancel cancel = { ipc4j_event_create(1), NULL };
    CHECK(cancel.closed != NULL);
    CHECK_EQ(0, ipc4j_event_set(cancel.closed));
    CHECK_EQ(IPC4J_WIN_CLOSED, ipc4j_win_channel_sleep(event, &sleeping, &counter, 5, &cancel, -1));
    CHECK_EQ(0, sleeping);
    ipc4j_event_close(cancel.closed);
    ipc4j_win_object_close(event);
}

static void test_across_processes(void)
{
    const char *shm_name = win_test_object_name();
    char shm[160];
    strcpy(shm, shm_name);
    uint64_t id = ((uint64_t) GetCurrentProcessId() << 32) | 2;
    HANDLE mapping;
    int created;
    CHECK_EQ(0, ipc4j_shm_open(shm, &MAKE_NEW, 4096, 1, &mapping, &created));
    unsigned char *ring;
    uint64_t size;
    CHECK_EQ(0, ipc4j_shm_map(mapping, 1, (void **) &ring, &size));
    HANDLE event;
    CHECK_EQ(0, ipc4j_win_channel_event_open(id, 1, &event));
    volatile LONG *tail = (volatile LONG *) (ring + TAIL);
    volatile LONG *sleeping = (volatile LONG *) (ring + RECEIVER_SLEEPS);
    const LONG count = 20000;
    char arguments[300];
    snprintf(arguments, sizeof arguments, "channel-send %s %llx %ld", shm, (unsigned long long) id, (long) count);
    HANDLE peer = win_test_start_peer(arguments);
    LONG seen = 0;
    long sleeps = 0;
    while (seen < count) {
        LONG now = InterlockedCompareExchange(tail, 0, 0);
        if (now != seen) {
            CHECK(now > seen && now <= count); /* it only moves forward */
            seen = now;
            continue;
        }
        /* caught up: sleep (no spin), at most 20 s; a timeout with the tail moved would be a lost wake-up */
        int r = ipc4j_win_channel_sleep(event, sleeping, tail, seen, NULL, MS(20000));
        CHECK(r == 0 || r == IPC4J_WIN_TIMEOUT);
        if (r == IPC4J_WIN_TIMEOUT && InterlockedCompareExchange(tail, 0, 0) != seen) {
            fprintf(stderr, "win_channel_test: slept 20 s with the tail moved from %ld: a wake-up was lost\n",
                    (long) seen);
            CHECK(0);
        }
        sleeps++;
    }
    CHECK_EQ(0, win_test_join_peer(peer));
    LONG wakes = *(volatile LONG *) (ring + WAKES_MADE);
    printf("win_channel_test: %ld messages, %ld sleeps, %ld wake-ups made by the sender\n", (long) count, sleeps,
           (long) wakes);
    CHECK(sleeps >= 1);          /* the peer took far longer to start than nothing */
    CHECK(wakes >= 1 && wakes <= count);
    ipc4j_win_object_close(event);
    ipc4j_shm_unmap(ring);
    ipc4j_win_object_close(mapping);
}

int main(void)
{
    test_names();
    test_no_call_while_nobody_sleeps();
    test_across_processes();
    printf("win_channel_test: all passed\n");
    return 0;
}
