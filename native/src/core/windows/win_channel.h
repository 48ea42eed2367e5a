/* The shared-memory channel's kernel wait on Windows, plain C (no JNI). WaitOnAddress works within one
 * process only, so each side of a channel sleeps on an auto-reset named event of its own,
 * "Local\ipc4jchwake.<id>.r" (the receiver's) and ".s" (the sender's), <id> the 16 hex digits of the
 * random id the creator wrote into the ring's header (io.github.ipc4j.internal.ChannelLayout): Java's
 * NamedWakeWaiter opens the same events through the Windows event natives.
 *
 * The protocol (what the ring keeps, in Java or C): a side about to sleep sets its sleeping flag,
 * re-reads the other side's counter, and sleeps only while it has not moved; a side that moved its
 * counter wakes the other one only when that flag is set, so nothing costs a system call while nobody
 * sleeps. An auto-reset event keeps a set that came before the wait: no wake-up is lost. */
#ifndef IPC4J_WIN_CHANNEL_H
#define IPC4J_WIN_CHANNEL_H

#include <stddef.h>
#include <stdint.h>
#include "ipc4j_win_wait.h"

/* Room for an event name with its terminating NUL. */
#define IPC4J_WIN_CHANNEL_NAME_MAX 40

/* One side's event name (receiver_side 1: ".r", 0: ".s") into buf. */
void ipc4j_win_channel_event_name(uint64_t id, int receiver_side, char *buf, size_t size);

/* Opens one side's auto-reset event, creating it (current user only) when missing: 0 or -error. */
int ipc4j_win_channel_event_open(uint64_t id, int receiver_side, HANDLE *out);

/* One sleep: sets *sleeping (a full barrier), and unless the 32-bit word *counter no longer holds
 * expected, waits for event (and cancel, may be NULL) at most timeout_ns (< 0: no limit); clears
 * *sleeping. Returns 0 (woken, or the counter had moved), IPC4J_WIN_TIMEOUT, IPC4J_WIN_CLOSED,
 * IPC4J_WIN_WOKEN or -error. */
int ipc4j_win_channel_sleep(HANDLE event, volatile LONG *sleeping, const volatile LONG *counter, LONG expected,
                            const struct ipc4j_cancel *cancel, int64_t timeout_ns);

/* After moving its counter, a side wakes the other: 1 when the other's flag said it sleeps and the event
 * was set, 0 when it did not sleep (no system call), -error. */
int ipc4j_win_channel_wake(HANDLE event, const volatile LONG *sleeping);

#endif
