/* The second process of the Windows tests.
 *   win_peer pipe-client NAME COUNT      connects, sends COUNT messages, checks each echo
 *   win_peer mailslot-writer NAME COUNT  writes COUNT messages to the mailslot
 *   win_peer mutex-die NAME              takes the mutex and exits holding it
 *   win_peer count SEM MUTEX SHM ROUNDS  ROUNDS times: a permit, the mutex, the counter in SHM + 1
 *   win_peer shm-write NAME              writes test message 77 at the start of the mapping
 *   win_peer pipe-hold NAME N EVENT      creates N instances of pipe NAME, sets event EVENT-ready, and
 *                                        holds them until EVENT-done is set (60 s at most)
 *   win_peer channel-send SHM ID COUNT   moves a channel's tail in SHM to 1..COUNT, waking the receiver
 *                                        through its event (win_channel.h) when its flag says it sleeps */
#include "win_test.h"

#include <stdlib.h>
#include "win_channel.h"
#include "win_mailslot.h"
#include "win_pipe.h"
#include "win_shm.h"
#include "win_sync.h"

#define MESSAGE_MAX 1000

static int pipe_client(const char *name, unsigned count)
{
    struct ipc4j_pipe *pipe;
    CHECK_EQ(0, ipc4j_pipe_connect(name, 0, NULL, MS(20000), &pipe));
    unsigned char message[MESSAGE_MAX];
    unsigned char echo[MESSAGE_MAX];
    for (unsigned i = 0; i < count; i++) {
        size_t length = ipc4j_test_message(i, message, sizeof message);
        CHECK_EQ(length, ipc4j_pipe_write(pipe, message, (unsigned) length, NULL, MS(20000)));
        unsigned needed;
        CHECK_EQ(length, ipc4j_pipe_read_message(pipe, echo, sizeof echo, &needed, NULL, MS(20000)));
        CHECK(memcmp(message, echo, length) == 0);
    }
    ipc4j_pipe_close(pipe);
    return 0;
}

static int mailslot_writer(const char *name, unsigned count)
{
    struct ipc4j_mailslot_client *client;
    CHECK_EQ(0, ipc4j_mailslot_open(name, &client));
    unsigned char message[MESSAGE_MAX];
    for (unsigned i = 0; i < count; i++) {
        size_t length = ipc4j_test_message(i, message, sizeof message);
        CHECK_EQ(length, ipc4j_mailslot_write(client, message, (unsigned) length));
    }
    ipc4j_mailslot_client_close(client);
    return 0;
}

static const struct ipc4j_win_open EXISTING = { IPC4J_WIN_OPEN_EXISTING, NULL, 1 };

static int mutex_die(const char *name)
{
    HANDLE mutex;
    int created;
    CHECK_EQ(0, ipc4j_mutex_open(name, &EXISTING, &mutex, &created));
    CHECK_EQ(0, ipc4j_sync_wait(mutex, NULL, MS(20000)));
    ExitProcess(0); /* holding it */
}

static void *map_existing(const char *name)
{
    HANDLE mapping;
    int created;
    CHECK_EQ(0, ipc4j_shm_open(name, &EXISTING, 0, 1, &mapping, &created));
    void *address;
    uint64_t size;
    CHECK_EQ(0, ipc4j_shm_map(mapping, 1, &address, &size));
    ipc4j_win_object_close(mapping); /* the view keeps it */
    return address;
}

static int count(const char *sem_name, const char *mutex_name, const char *shm_name, int rounds)
{
    HANDLE sem;
    HANDLE mutex;
    int created;
    CHECK_EQ(0, ipc4j_semaphore_open(sem_name, &EXISTING, 0, 1, &sem, &created));
    CHECK_EQ(0, ipc4j_mutex_open(mutex_name, &EXISTING, &mutex, &created));
    volatile long *counter = map_existing(shm_name);
    for (int i = 0; i < rounds; i++) {
        CHECK_EQ(0, ipc4j_sync_wait(sem, NULL, MS(30000)));
        CHECK_EQ(0, ipc4j_sync_wait(mutex, NULL, MS(30000)));
        *counter = *counter + 1;
        CHECK_EQ(0, ipc4j_mutex_release(mutex));
        CHECK_EQ(0, ipc4j_semaphore_release(sem, 1, NULL));
    }
    ipc4j_shm_unmap((void *) counter);
    ipc4j_win_object_close(mutex);
    ipc4j_win_object_close(sem);
    return 0;
}

static int shm_write(const char *name)
{
    unsigned char *address = map_existing(name);
    ipc4j_test_message(77, address, 1000);
    ipc4j_shm_unmap(address);
    return 0;
}

static int pipe_hold(const char *name, int instances, const char *event)
{
    struct ipc4j_pipe *held[16];
    CHECK(instances > 0 && instances <= 16);
    for (int i = 0; i < instances; i++) {
        held[i] = win_test_pipe_create(name, 0, i == 0);
    }
    HANDLE ready = win_test_named_event(event, "ready");
    HANDLE done = win_test_named_event(event, "done");
    CHECK(SetEvent(ready));
    CHECK_EQ(WAIT_OBJECT_0, WaitForSingleObject(done, 60000));
    for (int i = 0; i < instances; i++) {
        ipc4j_pipe_close(held[i]);
    }
    CloseHandle(ready);
    CloseHandle(done);
    return 0;
}

static int channel_send(const char *shm, const char *id, long count)
{
    HANDLE event;
    CHECK_EQ(0, ipc4j_win_channel_event_open(strtoull(id, NULL, 16), 1, &event));
    unsigned char *ring = map_existing(shm);
    volatile LONG *tail = (volatile LONG *) (ring + 64);
    volatile LONG *sleeping = (volatile LONG *) (ring + 192);
    LONG wakes = 0;
    for (LONG i = 1; i <= count; i++) {
        InterlockedExchange(tail, i); /* the commit */
        int r = ipc4j_win_channel_wake(event, sleeping);
        CHECK(r == 0 || r == 1);
        wakes += r;
        if (i % 256 == 0) {
            Sleep(1); /* now and then the receiver catches up and sleeps */
        }
    }
    InterlockedExchange((volatile LONG *) (ring + 320), wakes);
    ipc4j_shm_unmap(ring);
    ipc4j_win_object_close(event);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "pipe-hold") == 0) {
        return pipe_hold(argv[2], atoi(argv[3]), argv[4]);
    }
    if (argc == 5 && strcmp(argv[1], "channel-send") == 0) {
        return channel_send(argv[2], argv[3], atol(argv[4]));
    }
    if (argc == 3 && strcmp(argv[1], "mutex-die") == 0) {
        return mutex_die(argv[2]);
    }
    if (argc == 6 && strcmp(argv[1], "count") == 0) {
        return count(argv[2], argv[3], argv[4], atoi(argv[5]));
    }
    if (argc == 3 && strcmp(argv[1], "shm-write") == 0) {
        return shm_write(argv[2]);
    }
    if (argc == 4 && strcmp(argv[1], "pipe-client") == 0) {
        return pipe_client(argv[2], (unsigned) atoi(argv[3]));
    }
    if (argc == 4 && strcmp(argv[1], "mailslot-writer") == 0) {
        return mailslot_writer(argv[2], (unsigned) atoi(argv[3]));
    }
    fprintf(stderr, "usage: win_peer pipe-client|mailslot-writer NAME COUNT | mutex-die NAME | "
                    "count SEM MUTEX SHM ROUNDS | shm-write NAME | pipe-hold NAME N EVENT | channel-send SHM ID COUNT\n");
    return 2;
}
