#include "win_mailslot.h"

#include <stdlib.h>
#include <string.h>
#include "ipc4j_win_names.h"
#include "ipc4j_win_security.h"

#define READ_SLICE_MS 50

struct ipc4j_mailslot {
    HANDLE handle;
    unsigned max_message_size;
    long read_timeout_ms;
    unsigned char *held;   /* a message read for a caller whose buffer was too small */
    unsigned held_capacity;
    long held_length;      /* -1: none */
};

struct ipc4j_mailslot_client {
    HANDLE handle;
    int broadcast;
};

int ipc4j_mailslot_create(const char *name, unsigned max_message_size, long read_timeout_ms,
                          int current_user_only, struct ipc4j_mailslot **out)
{
    if (read_timeout_ms < IPC4J_MAILSLOT_FOREVER) {
        return -ERROR_INVALID_PARAMETER;
    }
    wchar_t *wname;
    enum ipc4j_name_scope scope;
    int rc = ipc4j_mailslot_name(name, 1, &wname, &scope);
    if (rc != 0) {
        return rc;
    }
    struct ipc4j_mailslot *slot = calloc(1, sizeof *slot);
    struct ipc4j_security security = { 0 };
    if (slot == NULL) {
        rc = -ERROR_NOT_ENOUGH_MEMORY;
    } else if (current_user_only) {
        rc = ipc4j_security_current_user(&security);
    }
    if (rc == 0) {
        slot->handle = CreateMailslotW(wname, max_message_size, 0, current_user_only ? &security.attributes : NULL);
        rc = slot->handle == INVALID_HANDLE_VALUE ? ipc4j_win_error() : 0;
    }
    ipc4j_security_free(&security);
    free(wname);
    if (rc != 0) {
        free(slot);
        return rc;
    }
    slot->max_message_size = max_message_size;
    slot->read_timeout_ms = read_timeout_ms;
    slot->held_length = -1;
    *out = slot;
    return 0;
}

/* Hands the held message over when it fits. */
static long take_held(struct ipc4j_mailslot *slot, void *buf, unsigned capacity, unsigned *needed)
{
    long length = slot->held_length;
    if ((unsigned long) length > capacity) {
        *needed = (unsigned) length;
        return -ERROR_INSUFFICIENT_BUFFER;
    }
    memcpy(buf, slot->held, (size_t) length);
    slot->held_length = -1;
    return length;
}

/* One ReadFile that waits at most millis. The length read, IPC4J_WIN_TIMEOUT, or -error. */
static long read_once(struct ipc4j_mailslot *slot, void *buf, unsigned capacity, DWORD millis)
{
    if (!SetMailslotInfo(slot->handle, millis)) {
        return ipc4j_win_error();
    }
    DWORD n;
    if (ReadFile(slot->handle, buf, capacity, &n, NULL)) {
        return (long) n;
    }
    DWORD error = GetLastError();
    return error == ERROR_SEM_TIMEOUT || error == ERROR_TIMEOUT ? IPC4J_WIN_TIMEOUT : -(long) error;
}

/* Waits for a message in one slice, reading it into a buffer that holds any message the slot
 * takes: the caller's when it is that large, else ours (kept when too long for the caller). */
static long read_slice(struct ipc4j_mailslot *slot, void *buf, unsigned capacity, unsigned *needed, DWORD millis)
{
    unsigned largest = slot->max_message_size != 0 ? slot->max_message_size : IPC4J_MAILSLOT_UNBOUNDED_HOLD;
    if (capacity >= largest) {
        return read_once(slot, buf, capacity, millis);
    }
    if (slot->held == NULL) {
        if ((slot->held = malloc(largest)) == NULL) {
            return -ERROR_NOT_ENOUGH_MEMORY;
        }
        slot->held_capacity = largest;
    }
    long r = read_once(slot, slot->held, slot->held_capacity, millis);
    if (r < 0) {
        return r;
    }
    slot->held_length = r;
    return take_held(slot, buf, capacity, needed);
}

long ipc4j_mailslot_read(struct ipc4j_mailslot *slot, void *buf, unsigned capacity, unsigned *needed,
                         const struct ipc4j_cancel *cancel, int64_t timeout_ns)
{
    if (slot->held_length >= 0) {
        return take_held(slot, buf, capacity, needed);
    }
    if (timeout_ns < 0 && slot->read_timeout_ms != IPC4J_MAILSLOT_FOREVER) {
        timeout_ns = (int64_t) slot->read_timeout_ms * 1000000;
    }
    ULONGLONG deadline = ipc4j_win_deadline(timeout_ns);
    for (;;) {
        DWORD next;
        if (!GetMailslotInfo(slot->handle, NULL, &next, NULL, NULL)) {
            return ipc4j_win_error();
        }
        if (next != MAILSLOT_NO_MESSAGE) {
            if (next > capacity) {
                *needed = next;
                return -ERROR_INSUFFICIENT_BUFFER;
            }
            long r = read_once(slot, buf, capacity, 0);
            if (r != IPC4J_WIN_TIMEOUT) {
                return r;
            }
        }
        DWORD slice;
        int rc = ipc4j_win_next_slice(cancel, deadline, READ_SLICE_MS, &slice);
        if (rc != 0) {
            return rc;
        }
        long r = read_slice(slot, buf, capacity, needed, slice);
        if (r != IPC4J_WIN_TIMEOUT && r != -ERROR_INSUFFICIENT_BUFFER) {
            return r;
        }
        if (r == -ERROR_INSUFFICIENT_BUFFER && slot->held_length >= 0) {
            return r; /* held here; else the OS kept it and the next turn reports its size */
        }
    }
}

int ipc4j_mailslot_info(struct ipc4j_mailslot *slot, struct ipc4j_mailslot_info *info)
{
    DWORD max;
    DWORD next;
    DWORD count;
    if (!GetMailslotInfo(slot->handle, &max, &next, &count, NULL)) {
        return ipc4j_win_error();
    }
    info->max_message_size = max;
    info->next_size = next == MAILSLOT_NO_MESSAGE ? -1 : (long) next;
    info->message_count = count;
    if (slot->held_length >= 0) {
        info->next_size = slot->held_length;
        info->message_count++;
    }
    info->read_timeout_ms = slot->read_timeout_ms;
    return 0;
}

int ipc4j_mailslot_set_read_timeout(struct ipc4j_mailslot *slot, long read_timeout_ms)
{
    if (read_timeout_ms < IPC4J_MAILSLOT_FOREVER) {
        return -ERROR_INVALID_PARAMETER;
    }
    slot->read_timeout_ms = read_timeout_ms;
    return 0;
}

HANDLE ipc4j_mailslot_handle(struct ipc4j_mailslot *slot)
{
    return slot->handle;
}

void ipc4j_mailslot_close(struct ipc4j_mailslot *slot)
{
    if (slot != NULL) {
        CloseHandle(slot->handle);
        free(slot->held);
        free(slot);
    }
}

int ipc4j_mailslot_open(const char *name, struct ipc4j_mailslot_client **out)
{
    wchar_t *wname;
    enum ipc4j_name_scope scope;
    int rc = ipc4j_mailslot_name(name, 0, &wname, &scope);
    if (rc != 0) {
        return rc;
    }
    struct ipc4j_mailslot_client *client = calloc(1, sizeof *client);
    if (client == NULL) {
        rc = -ERROR_NOT_ENOUGH_MEMORY;
    } else {
        client->handle = CreateFileW(wname, GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                                     FILE_ATTRIBUTE_NORMAL, NULL);
        rc = client->handle == INVALID_HANDLE_VALUE ? ipc4j_win_error() : 0;
    }
    free(wname);
    if (rc != 0) {
        free(client);
        return rc;
    }
    client->broadcast = scope == IPC4J_NAME_BROADCAST;
    *out = client;
    return 0;
}

long ipc4j_mailslot_write(struct ipc4j_mailslot_client *client, const void *buf, unsigned length)
{
    if (client->broadcast && length > IPC4J_MAILSLOT_BROADCAST_MAX) {
        return -ERROR_INVALID_PARAMETER;
    }
    DWORD n;
    return WriteFile(client->handle, buf, length, &n, NULL) ? (long) n : ipc4j_win_error();
}

int ipc4j_mailslot_client_broadcast(struct ipc4j_mailslot_client *client)
{
    return client->broadcast;
}

void ipc4j_mailslot_client_close(struct ipc4j_mailslot_client *client)
{
    if (client != NULL) {
        CloseHandle(client->handle);
        free(client);
    }
}
