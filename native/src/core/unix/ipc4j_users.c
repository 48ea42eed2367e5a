#include "ipc4j_users.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include "ipc4j_copy.h"

/* getpwuid_r/getpwnam_r want scratch room for the whole entry, whose size no limit bounds on every system:
 * start with a page and grow on ERANGE, up to a size no real entry needs. */
#define SCRATCH_FIRST 4096
#define SCRATCH_MOST (1 << 20)

/* The entry of uid (by_name NULL) or of by_name into *entry, in *scratch (malloc'd, for the caller to free):
 * 0, -ENOENT when there is none, or -errno. */
static int lookup(uid_t uid, const char *by_name, struct passwd *entry, char **scratch)
{
    size_t size = SCRATCH_FIRST;
    for (;;) {
        char *grown = realloc(*scratch, size);
        if (grown == NULL) {
            return -ENOMEM;
        }
        *scratch = grown;
        struct passwd *found = NULL;
        int rc = by_name != NULL ? getpwnam_r(by_name, entry, *scratch, size, &found)
                                 : getpwuid_r(uid, entry, *scratch, size, &found);
        if (rc == ERANGE && size < SCRATCH_MOST) {
            size *= 2;
            continue;
        }
        if (found != NULL) {
            return 0;
        }
        /* POSIX lets "no such user" come as 0 or as one of these */
        if (rc == 0 || rc == ENOENT || rc == ESRCH || rc == EBADF || rc == EPERM) {
            return -ENOENT;
        }
        return -rc;
    }
}

int ipc4j_user_name(long uid, char *name, size_t size)
{
    if (uid < 0 || (unsigned long) uid != (unsigned long) (uid_t) uid) {
        return -ENOENT;
    }
    struct passwd entry;
    char *scratch = NULL;
    int rc = lookup((uid_t) uid, NULL, &entry, &scratch);
    if (rc == 0) {
        size_t length = strlen(entry.pw_name);
        if (length >= size) {
            rc = -ERANGE;
        } else {
            ipc4j_copy(name, entry.pw_name, length + 1);
            rc = (int) length;
        }
    }
    free(scratch);
    return rc;
}

long ipc4j_user_id(const char *name)
{
    struct passwd entry;
    char *scratch = NULL;
    int rc = lookup(0, name, &entry, &scratch);
    long uid = rc == 0 ? (long) entry.pw_uid : rc;
    free(scratch);
    return uid;
}
