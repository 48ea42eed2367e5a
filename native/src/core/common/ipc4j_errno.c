#include "ipc4j_errno.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define ENTRY(e) { #e, e }

static const struct {
    const char *name;
    int value;
} errno_table[] = {
    ENTRY(EPERM), ENTRY(ENOENT), ENTRY(ESRCH), ENTRY(EINTR), ENTRY(EIO), ENTRY(ENXIO),
    ENTRY(E2BIG), ENTRY(EBADF), ENTRY(ECHILD), ENTRY(EAGAIN), ENTRY(ENOMEM), ENTRY(EACCES),
    ENTRY(EFAULT), ENTRY(EBUSY), ENTRY(EEXIST), ENTRY(ENODEV), ENTRY(ENOTDIR), ENTRY(EISDIR),
    ENTRY(EINVAL), ENTRY(ENFILE), ENTRY(EMFILE), ENTRY(EFBIG), ENTRY(ENOSPC), ENTRY(ESPIPE),
    ENTRY(EROFS), ENTRY(EPIPE), ENTRY(ERANGE), ENTRY(EDEADLK), ENTRY(ENAMETOOLONG),
    ENTRY(ENOSYS), ENTRY(ENOTEMPTY), ENTRY(ELOOP), ENTRY(ENOMSG), ENTRY(EIDRM),
    ENTRY(EOVERFLOW), ENTRY(EMSGSIZE), ENTRY(ENOTSUP), ENTRY(ETIMEDOUT), ENTRY(ECANCELED),
    ENTRY(EOWNERDEAD), ENTRY(ENOTRECOVERABLE), ENTRY(ENOTTY), ENTRY(ETXTBSY),
#ifdef EWOULDBLOCK
#if EWOULDBLOCK != EAGAIN
    ENTRY(EWOULDBLOCK),
#endif
#endif
#ifdef ENODATA
    ENTRY(ENODATA),
#endif
};

#define TABLE_SIZE (sizeof errno_table / sizeof errno_table[0])

int ipc4j_errno_value(const char *name)
{
    for (unsigned i = 0; i < TABLE_SIZE; i++) {
        if (strcmp(errno_table[i].name, name) == 0) {
            return errno_table[i].value;
        }
    }
    return -1;
}

const char *ipc4j_errno_name(int value)
{
    for (unsigned i = 0; i < TABLE_SIZE; i++) {
        if (errno_table[i].value == value) {
            return errno_table[i].name;
        }
    }
    return NULL;
}

void ipc4j_errno_text(int value, char *buf, unsigned size)
{
    if (size == 0) {
        return;
    }
#if defined(__GLIBC__) && defined(_GNU_SOURCE)
    /* GNU strerror_r may return a static string instead of filling buf */
    const char *text = strerror_r(value, buf, size);
    if (text != buf) {
        snprintf(buf, size, "%s", text);
    }
#elif defined(_WIN32)
    /* the C runtime's text for its errno values; Windows' own error codes have ipc4j_win_error_text */
    if (strerror_s(buf, size, value) != 0) {
        snprintf(buf, size, "errno %d", value);
    }
#else
    if (strerror_r(value, buf, size) != 0) {
        snprintf(buf, size, "errno %d", value);
    }
#endif
}
