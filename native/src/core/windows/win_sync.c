#include "win_sync.h"

struct semaphore_args {
    long initial;
    long max;
};

static HANDLE semaphore_create(SECURITY_ATTRIBUTES *security, const wchar_t *name, void *arg)
{
    struct semaphore_args *a = arg;
    return CreateSemaphoreW(security, a->initial, a->max, name);
}

static HANDLE semaphore_existing(const wchar_t *name, void *arg)
{
    (void) arg;
    return OpenSemaphoreW(SYNCHRONIZE | SEMAPHORE_MODIFY_STATE | READ_CONTROL, FALSE, name);
}

int ipc4j_semaphore_open(const char *name, const struct ipc4j_win_open *how, long initial, long max, HANDLE *out,
                         int *created)
{
    if (max < 1 || max > IPC4J_SEMAPHORE_MAX || initial < 0 || initial > max) {
        return -ERROR_INVALID_PARAMETER;
    }
    struct semaphore_args args = { initial, max };
    return ipc4j_win_object_open(name, how, semaphore_create, semaphore_existing, &args, out, created);
}

int ipc4j_semaphore_release(HANDLE semaphore, long count, long *previous)
{
    LONG before;
    if (count < 1) {
        return -ERROR_INVALID_PARAMETER;
    }
    if (!ReleaseSemaphore(semaphore, count, &before)) {
        return ipc4j_win_error();
    }
    if (previous != NULL) {
        *previous = before;
    }
    return 0;
}

static HANDLE mutex_create(SECURITY_ATTRIBUTES *security, const wchar_t *name, void *arg)
{
    (void) arg;
    return CreateMutexW(security, FALSE, name);
}

static HANDLE mutex_existing(const wchar_t *name, void *arg)
{
    (void) arg;
    return OpenMutexW(SYNCHRONIZE | MUTEX_MODIFY_STATE | READ_CONTROL, FALSE, name);
}

int ipc4j_mutex_open(const char *name, const struct ipc4j_win_open *how, HANDLE *out, int *created)
{
    return ipc4j_win_object_open(name, how, mutex_create, mutex_existing, NULL, out, created);
}

int ipc4j_mutex_release(HANDLE mutex)
{
    return ReleaseMutex(mutex) ? 0 : ipc4j_win_error();
}

struct event_args {
    int manual_reset;
    int initially_set;
};

static HANDLE event_create(SECURITY_ATTRIBUTES *security, const wchar_t *name, void *arg)
{
    struct event_args *a = arg;
    return CreateEventW(security, a->manual_reset ? TRUE : FALSE, a->initially_set ? TRUE : FALSE, name);
}

static HANDLE event_existing(const wchar_t *name, void *arg)
{
    (void) arg;
    return OpenEventW(SYNCHRONIZE | EVENT_MODIFY_STATE | READ_CONTROL, FALSE, name);
}

int ipc4j_event_open(const char *name, const struct ipc4j_win_open *how, int manual_reset, int initially_set,
                     HANDLE *out, int *created)
{
    struct event_args args = { manual_reset, initially_set };
    return ipc4j_win_object_open(name, how, event_create, event_existing, &args, out, created);
}

int ipc4j_event_reset(HANDLE event)
{
    return ResetEvent(event) ? 0 : ipc4j_win_error();
}

int ipc4j_sync_wait(HANDLE object, const struct ipc4j_cancel *cancel, int64_t timeout_ns)
{
    /* the object is waited on alone first: a permit or mutex that is free now is taken even when a
     * cancel event is set too (the cancel wins in the combined wait below) */
    DWORD r = WaitForSingleObject(object, 0);
    if (r == WAIT_OBJECT_0) {
        return 0;
    }
    if (r == WAIT_ABANDONED) {
        return IPC4J_WIN_ABANDONED;
    }
    if (r != WAIT_TIMEOUT) {
        return ipc4j_win_error();
    }
    if (timeout_ns == 0) {
        return IPC4J_WIN_TIMEOUT;
    }
    return ipc4j_win_wait(object, cancel, timeout_ns);
}
