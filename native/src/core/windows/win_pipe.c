#include "win_pipe.h"

#include <stdlib.h>
#include "ipc4j_win_names.h"
#include "ipc4j_win_security.h"

/* WaitNamedPipeW cannot be cut short: wait in slices, checking the cancel events between them */
#define CONNECT_SLICE_MS 50

struct ipc4j_pipe {
    HANDLE handle;
    HANDLE read_event;  /* reads, and the server's ConnectNamedPipe */
    HANDLE write_event;
    int server;
    int message_mode;
};

void ipc4j_pipe_config_defaults(struct ipc4j_pipe_config *config)
{
    config->message_mode = 0;
    config->max_instances = PIPE_UNLIMITED_INSTANCES;
    config->out_buffer_size = 65536;
    config->in_buffer_size = 65536;
    config->first_instance = 1;
    config->reject_remote = 1;
    config->current_user_only = 1;
}

static int wrap(HANDLE handle, int server, int message_mode, struct ipc4j_pipe **out)
{
    struct ipc4j_pipe *pipe = calloc(1, sizeof *pipe);
    int rc = 0;
    if (pipe == NULL) {
        rc = -ERROR_NOT_ENOUGH_MEMORY;
    } else if ((pipe->read_event = ipc4j_event_create(1)) == NULL
               || (pipe->write_event = ipc4j_event_create(1)) == NULL) {
        rc = ipc4j_win_error();
    }
    if (rc != 0) {
        CloseHandle(handle);
        if (pipe != NULL) {
            ipc4j_event_close(pipe->read_event);
            free(pipe);
        }
        return rc;
    }
    pipe->handle = handle;
    pipe->server = server;
    pipe->message_mode = message_mode;
    *out = pipe;
    return 0;
}

int ipc4j_pipe_create(const char *name, const struct ipc4j_pipe_config *config, struct ipc4j_pipe **out)
{
    if (config->max_instances < 1 || config->max_instances > PIPE_UNLIMITED_INSTANCES) {
        return -ERROR_INVALID_PARAMETER;
    }
    wchar_t *wname;
    enum ipc4j_name_scope scope;
    int rc = ipc4j_pipe_name(name, 1, &wname, &scope);
    if (rc != 0) {
        return rc;
    }
    struct ipc4j_security security = { 0 };
    if (config->current_user_only && (rc = ipc4j_security_current_user(&security)) != 0) {
        free(wname);
        return rc;
    }
    DWORD open_mode = PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED
                      | (config->first_instance ? FILE_FLAG_FIRST_PIPE_INSTANCE : 0);
    DWORD pipe_mode = (config->message_mode ? PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE
                                            : PIPE_TYPE_BYTE | PIPE_READMODE_BYTE)
                      | PIPE_WAIT | (config->reject_remote ? PIPE_REJECT_REMOTE_CLIENTS : 0);
    HANDLE handle = CreateNamedPipeW(wname, open_mode, pipe_mode, config->max_instances, config->out_buffer_size,
                                     config->in_buffer_size, 0,
                                     config->current_user_only ? &security.attributes : NULL);
    rc = handle == INVALID_HANDLE_VALUE ? ipc4j_win_error() : 0;
    ipc4j_security_free(&security);
    free(wname);
    return rc != 0 ? rc : wrap(handle, 1, config->message_mode, out);
}

static OVERLAPPED overlapped(HANDLE event)
{
    OVERLAPPED ov = { 0 };
    ResetEvent(event);
    ov.hEvent = event;
    return ov;
}

int ipc4j_pipe_accept(struct ipc4j_pipe *pipe, const struct ipc4j_cancel *cancel, int64_t timeout_ns)
{
    if (!pipe->server) {
        return -ERROR_INVALID_FUNCTION;
    }
    OVERLAPPED ov = overlapped(pipe->read_event);
    BOOL ok = ConnectNamedPipe(pipe->handle, &ov);
    DWORD error = ok ? 0 : GetLastError();
    if (error == ERROR_PIPE_CONNECTED || error == ERROR_NO_DATA) {
        return 0; /* a client came (and, for ERROR_NO_DATA, went) between create and connect */
    }
    DWORD transferred;
    long r = ipc4j_win_finish_io(pipe->handle, &ov, ok, cancel, timeout_ns, &transferred);
    return r >= 0 ? 0 : (int) r;
}

int ipc4j_pipe_disconnect(struct ipc4j_pipe *pipe)
{
    if (!pipe->server) {
        return -ERROR_INVALID_FUNCTION;
    }
    return DisconnectNamedPipe(pipe->handle) ? 0 : ipc4j_win_error();
}

static HANDLE open_client(const wchar_t *name, int allow_impersonation)
{
    DWORD flags = FILE_FLAG_OVERLAPPED | (allow_impersonation ? 0 : SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION);
    return CreateFileW(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, flags, NULL);
}

/* Waits one slice for a free instance: 0 (look again), or why to stop. */
static int wait_instance(const wchar_t *name, const struct ipc4j_cancel *cancel, ULONGLONG deadline)
{
    DWORD slice;
    int rc = ipc4j_win_next_slice(cancel, deadline, CONNECT_SLICE_MS, &slice);
    if (rc != 0) {
        return rc;
    }
    /* slice is at least 1: 0 would mean the pipe's default wait */
    if (WaitNamedPipeW(name, slice)) {
        return 0;
    }
    DWORD error = GetLastError();
    return error == ERROR_SEM_TIMEOUT || error == ERROR_TIMEOUT ? 0 : -(int) error;
}

int ipc4j_pipe_connect(const char *name, int allow_impersonation, const struct ipc4j_cancel *cancel,
                       int64_t timeout_ns, struct ipc4j_pipe **out)
{
    wchar_t *wname;
    enum ipc4j_name_scope scope;
    int rc = ipc4j_pipe_name(name, 0, &wname, &scope);
    if (rc != 0) {
        return rc;
    }
    ULONGLONG deadline = ipc4j_win_deadline(timeout_ns);
    HANDLE handle;
    while ((handle = open_client(wname, allow_impersonation)) == INVALID_HANDLE_VALUE) {
        if (GetLastError() != ERROR_PIPE_BUSY) {
            rc = ipc4j_win_error();
            break;
        }
        if ((rc = wait_instance(wname, cancel, deadline)) != 0) {
            break;
        }
    }
    free(wname);
    if (rc != 0) {
        return rc;
    }
    DWORD flags = 0;
    DWORD mode = PIPE_READMODE_MESSAGE;
    int message_mode = GetNamedPipeInfo(handle, &flags, NULL, NULL, NULL) && (flags & PIPE_TYPE_MESSAGE) != 0;
    if (message_mode && !SetNamedPipeHandleState(handle, &mode, NULL, NULL)) {
        rc = ipc4j_win_error();
        CloseHandle(handle);
        return rc;
    }
    return wrap(handle, 0, message_mode, out);
}

long ipc4j_pipe_read(struct ipc4j_pipe *pipe, void *buf, unsigned capacity, int *more,
                     const struct ipc4j_cancel *cancel, int64_t timeout_ns)
{
    *more = 0;
    OVERLAPPED ov = overlapped(pipe->read_event);
    BOOL ok = ReadFile(pipe->handle, buf, capacity, NULL, &ov);
    DWORD transferred;
    long r = ipc4j_win_finish_io(pipe->handle, &ov, ok, cancel, timeout_ns, &transferred);
    if (r == -ERROR_MORE_DATA) {
        *more = 1;
        return (long) transferred;
    }
    return r;
}

long ipc4j_pipe_read_message(struct ipc4j_pipe *pipe, void *buf, unsigned capacity, unsigned *needed,
                             const struct ipc4j_cancel *cancel, int64_t timeout_ns)
{
    if (!pipe->message_mode) {
        return -ERROR_INVALID_FUNCTION;
    }
    for (;;) {
        struct ipc4j_pipe_peek peek;
        long r = ipc4j_pipe_peek(pipe, NULL, 0, &peek);
        if (r < 0) {
            return r;
        }
        if (peek.available > 0) {
            if (peek.message_left > capacity) {
                *needed = peek.message_left;
                return -ERROR_MORE_DATA;
            }
            int more;
            return ipc4j_pipe_read(pipe, buf, capacity, &more, cancel, timeout_ns);
        }
        /* nothing there: a read of 0 bytes waits for the next message without taking it (it ends
         * with ERROR_MORE_DATA), except an empty message, which it takes */
        int more;
        r = ipc4j_pipe_read(pipe, buf, 0, &more, cancel, timeout_ns);
        if (r != 0 || !more) {
            return r;
        }
    }
}

long ipc4j_pipe_write(struct ipc4j_pipe *pipe, const void *buf, unsigned length, const struct ipc4j_cancel *cancel,
                      int64_t timeout_ns)
{
    OVERLAPPED ov = overlapped(pipe->write_event);
    BOOL ok = WriteFile(pipe->handle, buf, length, NULL, &ov);
    DWORD transferred;
    return ipc4j_win_finish_io(pipe->handle, &ov, ok, cancel, timeout_ns, &transferred);
}

long ipc4j_pipe_peek(struct ipc4j_pipe *pipe, void *buf, unsigned capacity, struct ipc4j_pipe_peek *peek)
{
    DWORD copied = 0;
    DWORD available = 0;
    DWORD left = 0;
    if (!PeekNamedPipe(pipe->handle, buf, buf == NULL ? 0 : capacity, &copied, &available, &left)) {
        return ipc4j_win_error();
    }
    peek->available = available;
    peek->message_left = pipe->message_mode ? left : 0;
    return (long) copied;
}

int ipc4j_pipe_info(struct ipc4j_pipe *pipe, struct ipc4j_pipe_info *info)
{
    DWORD flags;
    DWORD out_size;
    DWORD in_size;
    DWORD max;
    if (!GetNamedPipeInfo(pipe->handle, &flags, &out_size, &in_size, &max)) {
        return ipc4j_win_error();
    }
    info->server = (flags & PIPE_SERVER_END) != 0;
    info->message_mode = pipe->message_mode;
    info->out_buffer_size = out_size;
    info->in_buffer_size = in_size;
    /* Wine reports "unlimited" as 0xFFFFFFFF, Windows as PIPE_UNLIMITED_INSTANCES */
    info->max_instances = max > PIPE_UNLIMITED_INSTANCES ? PIPE_UNLIMITED_INSTANCES : max;
    return 0;
}

HANDLE ipc4j_pipe_handle(struct ipc4j_pipe *pipe)
{
    return pipe->handle;
}

long ipc4j_pipe_peer_pid(struct ipc4j_pipe *pipe)
{
    ULONG pid;
    BOOL ok = pipe->server ? GetNamedPipeClientProcessId(pipe->handle, &pid)
                           : GetNamedPipeServerProcessId(pipe->handle, &pid);
    return ok ? (long) pid : ipc4j_win_error();
}

void ipc4j_pipe_close(struct ipc4j_pipe *pipe)
{
    if (pipe != NULL) {
        CloseHandle(pipe->handle);
        ipc4j_event_close(pipe->read_event);
        ipc4j_event_close(pipe->write_event);
        free(pipe);
    }
}
