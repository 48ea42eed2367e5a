/* Opening a named kernel object (file mapping, semaphore, mutex, event) the one way all of them
 * share: create-new / open-existing / open-or-create, the default security (the current user only)
 * or an SDDL string, and an opener's demand that an existing object belong to the current user. */
#ifndef IPC4J_WIN_OBJECT_H
#define IPC4J_WIN_OBJECT_H

#include "ipc4j_win.h"

/* The order of Java's io.github.ipc4j.OpenMode. */
enum ipc4j_win_open_mode { IPC4J_WIN_CREATE_NEW = 0, IPC4J_WIN_OPEN_EXISTING = 1, IPC4J_WIN_OPEN_OR_CREATE = 2 };

struct ipc4j_win_open {
    int mode;          /* enum ipc4j_win_open_mode */
    const char *sddl;  /* the security of a created object; NULL: full access for the current user only */
    int require_owner; /* refuse (IPC4J_WIN_FOREIGN_OWNER) an existing object another user owns */
};

/* Creates or opens the object called name (UTF-16, checked): NULL on failure, GetLastError saying why;
 * a create that found the object returns it with GetLastError() == ERROR_ALREADY_EXISTS. */
typedef HANDLE (*ipc4j_win_create_fn)(SECURITY_ATTRIBUTES *security, const wchar_t *name, void *arg);
typedef HANDLE (*ipc4j_win_open_fn)(const wchar_t *name, void *arg);

/* Checks the name (ipc4j_kernel_object_name), then creates or opens as how says: 0 with *out and
 * *created set, -ERROR_INVALID_NAME / -ERROR_FILENAME_EXCED_RANGE, -ERROR_ALREADY_EXISTS (create-new),
 * -ERROR_FILE_NOT_FOUND (open-existing), -ERROR_INVALID_HANDLE (the name is an object of another
 * kind), IPC4J_WIN_FOREIGN_OWNER, or -error. */
int ipc4j_win_object_open(const char *name, const struct ipc4j_win_open *how, ipc4j_win_create_fn create,
                          ipc4j_win_open_fn open, void *arg, HANDLE *out, int *created);

void ipc4j_win_object_close(HANDLE handle);

#endif
