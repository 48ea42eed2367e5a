#include "win_channel.h"

#include <stdio.h>
#include "ipc4j_win_object.h"
#include "win_sync.h"

static const struct ipc4j_win_open OPEN_OR_CREATE = { IPC4J_WIN_OPEN_OR_CREATE, NULL, 1 };

void ipc4j_win_channel_event_name(uint64_t id, int receiver_side, char *buf, size_t size)
{
    snprintf(buf, size, "Local\\ipc4jchwake.%016llx.%s", (unsigned long long) id, receiver_side ? "r" : "s");
}

int ipc4j_win_channel_event_open(uint64_t id, int receiver_side, HANDLE *out)
{
    char name[IPC4J_WIN_CHANNEL_NAME_MAX];
    int created;
    ipc4j_win_channel_event_name(id, receiver_side, name, sizeof name);
    return ipc4j_event_open(name, &OPEN_OR_CREATE, 0, 0, out, &created);
}

int ipc4j_win_channel_sleep(HANDLE event, volatile LONG *sleeping, const volatile LONG *counter, LONG expected,
                            const struct ipc4j_cancel *cancel, int64_t timeout_ns)
{
    InterlockedExchange(sleeping, 1); /* a full barrier: the flag is seen before the counter is read */
    int r = 0;
    if (InterlockedCompareExchange((volatile LONG *) counter, expected, expected) == expected) {
        r = ipc4j_sync_wait(event, cancel, timeout_ns);
    }
    InterlockedExchange(sleeping, 0);
    return r;
}

int ipc4j_win_channel_wake(HANDLE event, const volatile LONG *sleeping)
{
    MemoryBarrier(); /* the counter's store is seen before the flag is read */
    if (*sleeping == 0) {
        return 0;
    }
    int r = ipc4j_event_set(event);
    return r == 0 ? 1 : r;
}
