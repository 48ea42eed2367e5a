/* Waiting on Windows in a way another thread can cut short: the analog of the Unix ipc4j_wait_fd.
 *
 * Every blocking call waits on three things at once (WaitForMultipleObjects): the event of its own
 * overlapped I/O, the object's "closed" event (manual-reset, set once when the object is closed and
 * never reset), and the calling thread's wake event (auto-reset, set when the thread is interrupted;
 * the wait that sees it consumes it). Either event of a cancel may be NULL (not watched). */
#ifndef IPC4J_WIN_WAIT_H
#define IPC4J_WIN_WAIT_H

#include <stdint.h>
#include "ipc4j_win.h"

struct ipc4j_cancel {
    HANDLE closed;
    HANDLE wake;
};

/* A new unsignalled event (manual-reset for an object's closed event, auto-reset for a thread's
 * wake event), not inheritable; NULL on failure (GetLastError says why). */
HANDLE ipc4j_event_create(int manual_reset);
int ipc4j_event_set(HANDLE event);
void ipc4j_event_close(HANDLE event);

/* Waits for io (may be NULL: only the cancel events and the timeout), the cancel events, or the
 * timeout (timeout_ns < 0: none). Returns 0 when io is signalled, IPC4J_WIN_ABANDONED when io is a
 * mutex whose owner ended holding it (the caller owns it now), IPC4J_WIN_TIMEOUT, IPC4J_WIN_CLOSED,
 * IPC4J_WIN_WOKEN, or -error. */
int ipc4j_win_wait(HANDLE io, const struct ipc4j_cancel *cancel, int64_t timeout_ns);

/* Whether the cancel events are set, without waiting: 0, IPC4J_WIN_CLOSED or IPC4J_WIN_WOKEN. */
int ipc4j_win_cancelled(const struct ipc4j_cancel *cancel);

/* timeout_ns as milliseconds for a Windows wait: rounded up, INFINITE when negative, and never
 * INFINITE by accident for a finite timeout. */
DWORD ipc4j_win_millis(int64_t timeout_ns);

/* For calls that cannot wait on an event and so wait in slices (WaitNamedPipeW, a synchronous
 * ReadFile): the deadline of timeout_ns on GetTickCount64's clock (0: none), and then, before each
 * slice, 0 with *slice set to at most max_ms (never 0) and what is left, or IPC4J_WIN_TIMEOUT,
 * IPC4J_WIN_CLOSED or IPC4J_WIN_WOKEN. */
ULONGLONG ipc4j_win_deadline(int64_t timeout_ns);
int ipc4j_win_next_slice(const struct ipc4j_cancel *cancel, ULONGLONG deadline, DWORD max_ms, DWORD *slice);

/* Runs overlapped I/O that the caller started (ok and GetLastError() from ReadFile, WriteFile or
 * ConnectNamedPipe) to its end: waits for it with ipc4j_win_wait, and when the wait ends otherwise,
 * cancels the I/O and waits until the kernel has let go of ov. An operation that completed in the
 * meantime counts as completed, so no data is lost. Returns the bytes transferred, or a negative
 * code; -ERROR_MORE_DATA leaves *transferred set. */
long ipc4j_win_finish_io(HANDLE file, OVERLAPPED *ov, BOOL started, const struct ipc4j_cancel *cancel,
                         int64_t timeout_ns, DWORD *transferred);

#endif
