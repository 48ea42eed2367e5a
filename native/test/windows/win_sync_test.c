/* The plain C core of Windows named semaphores, mutexes and events, under Windows or Wine, across
 * two processes where it matters (peer: win_peer.exe). */
#include "win_test.h"

#include "ipc4j_win_security.h"
#include "win_shm.h"
#include "win_sync.h"

static const struct ipc4j_win_open MAKE_NEW = { IPC4J_WIN_CREATE_NEW, NULL, 0 };
static const struct ipc4j_win_open EXISTING_ONLY = { IPC4J_WIN_OPEN_EXISTING, NULL, 1 };
static const struct ipc4j_win_open OPEN_OR_MAKE = { IPC4J_WIN_OPEN_OR_CREATE, NULL, 1 };

static void test_names_and_open_modes(void)
{
    HANDLE h;
    int created;
    const char *bad[] = { "", "Local\\", "Global\\", "a\\b", "Local\\a\\b", "ctl\x01", "Session\\1\\x" };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (ipc4j_semaphore_open(bad[i], &MAKE_NEW, 0, 1, &h, &created) != -ERROR_INVALID_NAME) {
            fprintf(stderr, "name %s was not refused\n", bad[i]);
            CHECK(0);
        }
    }
    char long_name[400];
    memset(long_name, 'x', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    CHECK_EQ(-ERROR_FILENAME_EXCED_RANGE, ipc4j_mutex_open(long_name, &MAKE_NEW, &h, &created));
    const char *name = win_test_object_name();
    CHECK_EQ(-ERROR_INVALID_PARAMETER, ipc4j_semaphore_open(name, &MAKE_NEW, 2, 1, &h, &created));
    CHECK_EQ(-ERROR_INVALID_PARAMETER, ipc4j_semaphore_open(name, &MAKE_NEW, 0, 0, &h, &created));
    CHECK_EQ(-ERROR_FILE_NOT_FOUND, ipc4j_semaphore_open(name, &EXISTING_ONLY, 0, 1, &h, &created));

    HANDLE sem;
    CHECK_EQ(0, ipc4j_semaphore_open(name, &MAKE_NEW, 1, 5, &sem, &created));
    CHECK_EQ(1, created);
    CHECK_EQ(1, ipc4j_security_only_current_user(sem));
    CHECK_EQ(1, ipc4j_security_owned_by_current_user(sem));
    CHECK_EQ(-ERROR_ALREADY_EXISTS, ipc4j_semaphore_open(name, &MAKE_NEW, 0, 1, &h, &created));
    CHECK_EQ(0, ipc4j_semaphore_open(name, &OPEN_OR_MAKE, 0, 1, &h, &created));
    CHECK_EQ(0, created);
    ipc4j_win_object_close(h);
    CHECK_EQ(0, ipc4j_semaphore_open(name, &EXISTING_ONLY, 0, 1, &h, &created));
    CHECK_EQ(0, created);
    /* the same name as another kind of object */
    HANDLE m;
    CHECK_EQ(-ERROR_INVALID_HANDLE, ipc4j_mutex_open(name, &OPEN_OR_MAKE, &m, &created));
    ipc4j_win_object_close(h);
    ipc4j_win_object_close(sem);
    /* the name goes with the last handle */
    CHECK_EQ(-ERROR_FILE_NOT_FOUND, ipc4j_semaphore_open(name, &EXISTING_ONLY, 0, 1, &h, &created));
}

static void test_sddl(void)
{
    HANDLE h;
    int created;
    struct ipc4j_win_open bad = { IPC4J_WIN_CREATE_NEW, "not SDDL at all", 0 };
    CHECK(ipc4j_event_open(win_test_object_name(), &bad, 1, 0, &h, &created) < 0);
    /* owner full access plus everyone read: the DACL is no longer the current user's only */
    struct ipc4j_win_open wide = { IPC4J_WIN_CREATE_NEW, "D:P(A;;GA;;;OW)(A;;GR;;;WD)", 0 };
    CHECK_EQ(0, ipc4j_event_open(win_test_object_name(), &wide, 1, 0, &h, &created));
    CHECK_EQ(1, created);
    CHECK_EQ(0, ipc4j_security_only_current_user(h));
    ipc4j_win_object_close(h);
}

static void test_semaphore(void)
{
    HANDLE sem;
    int created;
    CHECK_EQ(0, ipc4j_semaphore_open(win_test_object_name(), &MAKE_NEW, 2, 3, &sem, &created));
    CHECK_EQ(0, ipc4j_sync_wait(sem, NULL, 0));
    CHECK_EQ(0, ipc4j_sync_wait(sem, NULL, -1));
    CHECK_EQ(IPC4J_WIN_TIMEOUT, ipc4j_sync_wait(sem, NULL, 0));
    CHECK_EQ(IPC4J_WIN_TIMEOUT, ipc4j_sync_wait(sem, NULL, MS(20)));
    long previous = -1;
    CHECK_EQ(0, ipc4j_semaphore_release(sem, 3, &previous));
    CHECK_EQ(0, previous);
    CHECK_EQ(-ERROR_TOO_MANY_POSTS, ipc4j_semaphore_release(sem, 1, NULL));
    CHECK_EQ(-ERROR_INVALID_PARAMETER, ipc4j_semaphore_release(sem, 0, NULL));
    for (int i = 0; i < 3; i++) {
        CHECK_EQ(0, ipc4j_sync_wait(sem, NULL, 0));
    }
    /* a blocked wait is cut short by close and by a wake-up, and takes nothing */
    struct win_test_canceller c;
    win_test_canceller_init(&c);
    CHECK_EQ(IPC4J_WIN_WOKEN, ipc4j_sync_wait(sem, win_test_cancel_after(&c, 0, 50), -1));
    win_test_canceller_join(&c);
    CHECK_EQ(IPC4J_WIN_CLOSED, ipc4j_sync_wait(sem, win_test_cancel_after(&c, 1, 50), -1));
    win_test_canceller_join(&c);
    CHECK_EQ(0, ipc4j_semaphore_release(sem, 1, &previous));
    CHECK_EQ(0, previous);
    win_test_canceller_free(&c);
    ipc4j_win_object_close(sem);
}

static void test_event(void)
{
    HANDLE manual;
    HANDLE automatic;
    int created;
    CHECK_EQ(0, ipc4j_event_open(win_test_object_name(), &MAKE_NEW, 1, 0, &manual, &created));
    CHECK_EQ(0, ipc4j_event_open(win_test_object_name(), &MAKE_NEW, 0, 1, &automatic, &created));
    CHECK_EQ(IPC4J_WIN_TIMEOUT, ipc4j_sync_wait(manual, NULL, MS(10)));
    CHECK_EQ(0, ipc4j_event_set(manual));
    CHECK_EQ(0, ipc4j_sync_wait(manual, NULL, 0));
    CHECK_EQ(0, ipc4j_sync_wait(manual, NULL, -1)); /* stays set */
    CHECK_EQ(0, ipc4j_event_reset(manual));
    CHECK_EQ(IPC4J_WIN_TIMEOUT, ipc4j_sync_wait(manual, NULL, 0));
    CHECK_EQ(0, ipc4j_sync_wait(automatic, NULL, 0)); /* created set */
    CHECK_EQ(IPC4J_WIN_TIMEOUT, ipc4j_sync_wait(automatic, NULL, 0)); /* one waiter per set */
    ipc4j_win_object_close(manual);
    ipc4j_win_object_close(automatic);
}

struct holder {
    HANDLE mutex;
    HANDLE taken;
};

static DWORD WINAPI take_and_end(void *arg)
{
    struct holder *h = arg;
    CHECK_EQ(0, ipc4j_sync_wait(h->mutex, NULL, -1));
    SetEvent(h->taken);
    return 0; /* ends holding it */
}

static void test_mutex_owner_and_abandonment_by_a_thread(void)
{
    HANDLE mutex;
    int created;
    CHECK_EQ(0, ipc4j_mutex_open(win_test_object_name(), &MAKE_NEW, &mutex, &created));
    CHECK_EQ(-ERROR_NOT_OWNER, ipc4j_mutex_release(mutex));
    CHECK_EQ(0, ipc4j_sync_wait(mutex, NULL, 0));
    CHECK_EQ(0, ipc4j_mutex_release(mutex));
    struct holder h = { mutex, CreateEventW(NULL, TRUE, FALSE, NULL) };
    HANDLE thread = CreateThread(NULL, 0, take_and_end, &h, 0, NULL);
    CHECK(thread != NULL);
    win_test_join(thread);
    CHECK_EQ(IPC4J_WIN_ABANDONED, ipc4j_sync_wait(mutex, NULL, MS(5000)));
    CHECK_EQ(0, ipc4j_mutex_release(mutex));
    CHECK_EQ(0, ipc4j_sync_wait(mutex, NULL, 0)); /* usable again, no longer abandoned */
    CHECK_EQ(0, ipc4j_mutex_release(mutex));
    CloseHandle(h.taken);
    ipc4j_win_object_close(mutex);
}

static void test_mutex_abandoned_by_a_process(void)
{
    const char *name = win_test_object_name();
    HANDLE mutex;
    int created;
    CHECK_EQ(0, ipc4j_mutex_open(name, &MAKE_NEW, &mutex, &created));
    char arguments[200];
    snprintf(arguments, sizeof arguments, "mutex-die %s", name);
    HANDLE peer = win_test_start_peer(arguments);
    CHECK_EQ(0, win_test_join_peer(peer));
    /* the peer took the mutex and exited without releasing it */
    CHECK_EQ(IPC4J_WIN_ABANDONED, ipc4j_sync_wait(mutex, NULL, MS(5000)));
    CHECK_EQ(0, ipc4j_mutex_release(mutex));
    ipc4j_win_object_close(mutex);
}

/* Two processes each take a permit of a 3-permit semaphore, and the mutex, and add to a counter in
 * shared memory, ROUNDS times: the counter counts every round and the permits are all back. */
static void test_counts_conserved_across_processes(void)
{
    enum { ROUNDS = 2000 };
    char names[3][80];
    for (int i = 0; i < 3; i++) {
        snprintf(names[i], sizeof names[i], "%s", win_test_object_name());
    }
    HANDLE sem;
    HANDLE mutex;
    HANDLE mapping;
    int created;
    CHECK_EQ(0, ipc4j_semaphore_open(names[0], &MAKE_NEW, 3, 3, &sem, &created));
    CHECK_EQ(0, ipc4j_mutex_open(names[1], &MAKE_NEW, &mutex, &created));
    CHECK_EQ(0, ipc4j_shm_open(names[2], &MAKE_NEW, 4096, 1, &mapping, &created));
    void *address;
    uint64_t size;
    CHECK_EQ(0, ipc4j_shm_map(mapping, 1, &address, &size));
    volatile long *counter = address;
    char arguments[400];
    snprintf(arguments, sizeof arguments, "count %s %s %s %d", names[0], names[1], names[2], ROUNDS);
    HANDLE peer = win_test_start_peer(arguments);
    for (int i = 0; i < ROUNDS; i++) {
        CHECK_EQ(0, ipc4j_sync_wait(sem, NULL, MS(30000)));
        CHECK_EQ(0, ipc4j_sync_wait(mutex, NULL, MS(30000)));
        *counter = *counter + 1;
        CHECK_EQ(0, ipc4j_mutex_release(mutex));
        CHECK_EQ(0, ipc4j_semaphore_release(sem, 1, NULL));
    }
    CHECK_EQ(0, win_test_join_peer(peer));
    CHECK_EQ(2 * ROUNDS, *counter);
    for (int i = 0; i < 3; i++) {
        CHECK_EQ(0, ipc4j_sync_wait(sem, NULL, 0));
    }
    CHECK_EQ(IPC4J_WIN_TIMEOUT, ipc4j_sync_wait(sem, NULL, 0));
    CHECK_EQ(0, ipc4j_shm_unmap(address));
    ipc4j_win_object_close(mapping);
    ipc4j_win_object_close(mutex);
    ipc4j_win_object_close(sem);
}

int main(void)
{
    test_names_and_open_modes();
    test_sddl();
    test_semaphore();
    test_event();
    test_mutex_owner_and_abandonment_by_a_thread();
    test_mutex_abandoned_by_a_process();
    test_counts_conserved_across_processes();
    printf("win_sync_test: all passed\n");
    return 0;
}
