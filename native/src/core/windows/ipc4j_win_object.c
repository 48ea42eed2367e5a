#include "ipc4j_win_object.h"

#include <stdlib.h>
#include "ipc4j_win_names.h"
#include "ipc4j_win_security.h"

static int create_object(const wchar_t *name, const struct ipc4j_win_open *how, ipc4j_win_create_fn create,
                         void *arg, HANDLE *out, int *created)
{
    struct ipc4j_security security;
    int rc = how->sddl != NULL ? ipc4j_security_from_sddl(how->sddl, &security)
                               : ipc4j_security_current_user(&security);
    if (rc != 0) {
        return rc;
    }
    SetLastError(0);
    HANDLE handle = create(&security.attributes, name, arg);
    DWORD error = GetLastError();
    ipc4j_security_free(&security);
    if (handle == NULL) {
        return error == 0 ? -ERROR_GEN_FAILURE : -(int) error;
    }
    *created = error != ERROR_ALREADY_EXISTS;
    if (!*created && how->mode == IPC4J_WIN_CREATE_NEW) {
        CloseHandle(handle);
        return -ERROR_ALREADY_EXISTS;
    }
    *out = handle;
    return 0;
}

int ipc4j_win_object_open(const char *name, const struct ipc4j_win_open *how, ipc4j_win_create_fn create,
                          ipc4j_win_open_fn open, void *arg, HANDLE *out, int *created)
{
    if (how->mode < IPC4J_WIN_CREATE_NEW || how->mode > IPC4J_WIN_OPEN_OR_CREATE) {
        return -ERROR_INVALID_PARAMETER;
    }
    wchar_t *wname;
    int rc = ipc4j_kernel_object_name(name, &wname);
    if (rc != 0) {
        return rc;
    }
    HANDLE handle = NULL;
    *created = 0;
    if (how->mode == IPC4J_WIN_OPEN_EXISTING) {
        handle = open(wname, arg);
        rc = handle == NULL ? ipc4j_win_error() : 0;
    } else {
        rc = create_object(wname, how, create, arg, &handle, created);
    }
    free(wname);
    if (rc == 0 && !*created && how->require_owner) {
        int mine = ipc4j_security_owned_by_current_user(handle);
        rc = mine == 1 ? 0 : mine == 0 ? IPC4J_WIN_FOREIGN_OWNER : mine;
        if (rc != 0) {
            CloseHandle(handle);
        }
    }
    if (rc == 0) {
        *out = handle;
    }
    return rc;
}

void ipc4j_win_object_close(HANDLE handle)
{
    if (handle != NULL) {
        CloseHandle(handle);
    }
}
