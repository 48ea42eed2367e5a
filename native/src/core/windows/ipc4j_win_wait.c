#include "ipc4j_win_wait.h"

HANDLE ipc4j_event_create(int manual_reset)
{
    return CreateEventW(NULL, manual_reset ? TRUE : FALSE, FALSE, NULL);
}

int ipc4j_event_set(HANDLE event)
{
    return SetEvent(event) ? 0 : ipc4j_win_error();
}

void ipc4j_event_close(HANDLE event)
{
    if (event != NULL) {
        CloseHandle(event);
    }
}

DWORD ipc4j_win_millis(int64_t timeout_ns)
{
    if (timeout_ns < 0) {
        return INFINITE;
    }
    int64_t ms = timeout_ns / 1000000 + (timeout_ns % 1000000 != 0);
    return ms >= (int64_t) INFINITE ? INFINITE - 1 : (DWORD) ms;
}

int ipc4j_win_wait(HANDLE io, const struct ipc4j_cancel *cancel, int64_t timeout_ns)
{
    HANDLE handles[3];
    int results[3];
    DWORD count = 0;
    /* closed first: when both are set, a closed object wins over a wake-up */
    if (cancel != NULL && cancel->closed != NULL) {
        handles[count] = cancel->closed;
        results[count++] = IPC4J_WIN_CLOSED;
    }
    if (io != NULL) {
        handles[count] = io;
        results[count++] = 0;
    }
    if (cancel != NULL && cancel->wake != NULL) {
        handles[count] = cancel->wake;
        results[count++] = IPC4J_WIN_WOKEN;
    }
    DWORD millis = ipc4j_win_millis(timeout_ns);
    if (count == 0) {
        Sleep(millis);
        return IPC4J_WIN_TIMEOUT;
    }
    DWORD r = WaitForMultipleObjects(count, handles, FALSE, millis);
    if (r == WAIT_TIMEOUT) {
        return IPC4J_WIN_TIMEOUT;
    }
    if (r - WAIT_OBJECT_0 < count) {
        return results[r - WAIT_OBJECT_0];
    }
    if (r - WAIT_ABANDONED_0 < count) {
        return IPC4J_WIN_ABANDONED; /* only io can be a mutex: the caller owns it now */
    }
    return ipc4j_win_error();
}

int ipc4j_win_cancelled(const struct ipc4j_cancel *cancel)
{
    int r = ipc4j_win_wait(NULL, cancel, 0);
    return r == IPC4J_WIN_TIMEOUT ? 0 : r;
}

ULONGLONG ipc4j_win_deadline(int64_t timeout_ns)
{
    return timeout_ns < 0 ? 0 : GetTickCount64() + ipc4j_win_millis(timeout_ns);
}

int ipc4j_win_next_slice(const struct ipc4j_cancel *cancel, ULONGLONG deadline, DWORD max_ms, DWORD *slice)
{
    int rc = ipc4j_win_cancelled(cancel);
    if (rc != 0) {
        return rc;
    }
    *slice = max_ms;
    if (deadline != 0) {
        ULONGLONG now = GetTickCount64();
        if (now >= deadline) {
            return IPC4J_WIN_TIMEOUT;
        }
        if (deadline - now < max_ms) {
            *slice = (DWORD) (deadline - now);
        }
    }
    return 0;
}

long ipc4j_win_finish_io(HANDLE file, OVERLAPPED *ov, BOOL started, const struct ipc4j_cancel *cancel,
                         int64_t timeout_ns, DWORD *transferred)
{
    *transferred = 0;
    DWORD error = started ? 0 : GetLastError();
    if (!started && error != ERROR_IO_PENDING && error != ERROR_MORE_DATA) {
        return error == 0 ? -ERROR_GEN_FAILURE : -(long) error;
    }
    if (error == ERROR_IO_PENDING) {
        int r = ipc4j_win_wait(ov->hEvent, cancel, timeout_ns);
        if (r != 0) {
            CancelIoEx(file, ov);
            /* the kernel owns ov until the operation ends, cancelled or not */
            if (GetOverlappedResult(file, ov, transferred, TRUE)) {
                return (long) *transferred;
            }
            error = GetLastError();
            return error == ERROR_OPERATION_ABORTED ? r : -(long) error;
        }
    }
    if (!GetOverlappedResult(file, ov, transferred, TRUE)) {
        return ipc4j_win_error();
    }
    return (long) *transferred;
}
