/* The system's user database (NSS on Linux, Directory Services on macOS): names for the uids that IPC
 * objects carry, and back. */
#ifndef IPC4J_USERS_H
#define IPC4J_USERS_H

#include <stddef.h>

/* The name of the user with that uid, NUL-terminated into name (size bytes). Returns its length in bytes,
 * -ENOENT when no user has the uid, -ERANGE when the name needs more than size bytes, or -errno. */
int ipc4j_user_name(long uid, char *name, size_t size);

/* The uid of the user called name: at least 0, -ENOENT when there is no such user, or -errno. */
long ipc4j_user_id(const char *name);

#endif
