#include "posix_sem.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ipc4j_fault_guard.h"
#include "ipc4j_fd.h"
#include "ipc4j_map_budget.h"
#include "psem_own_wait.h"

#ifdef __linux__
/* glibc and musl keep a named semaphore in /dev/shm/sem.NAME and map it without checking its
 * size: an empty file there would make the first sem_wait fault. Check the file first. */
static int check_backing_file(const char *name, struct ipc4j_psem_owner *owner)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "/dev/shm/sem.%s", name + 1) >= (int) sizeof path) {
        return -ENAMETOOLONG;
    }
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        return errno == ENOENT ? 1 : -errno;
    }
    struct stat st;
    int rc = fstat(fd, &st) != 0 ? -errno : 0;
    close(fd);
    if (rc != 0) {
        return rc;
    }
    if (!S_ISREG(st.st_mode) || st.st_size < (off_t) sizeof(sem_t)) {
        return IPC4J_PSEM_NOT_A_SEMAPHORE;
    }
    owner->uid = (long) st.st_uid;
    owner->mode = (int) (st.st_mode & 07777);
    return 0;
}
#else
static int check_backing_file(const char *name, struct ipc4j_psem_owner *owner)
{
    (void) name;
    owner->uid = -1;
    owner->mode = -1;
    return 0;
}
#endif

static int create_new(const char *name, int mode, unsigned initial, sem_t **sem)
{
    /* created with at most 0600 under any umask, then given the exact mode */
    sem_t *s = sem_open(name, O_CREAT | O_EXCL, (mode_t) (mode & 0600), initial);
    if (s == SEM_FAILED) {
        return -errno;
    }
    if ((mode & 0777) != (mode & 0600)) {
#ifdef __linux__
        char path[PATH_MAX];
        snprintf(path, sizeof path, "/dev/shm/sem.%s", name + 1);
        int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        int rc = fd < 0 ? -errno : ipc4j_fd_set_mode(fd, mode);
        if (fd >= 0) {
            close(fd);
        }
        if (rc != 0) {
            sem_close(s);
            sem_unlink(name);
            return rc;
        }
#else
        /* macOS keeps no file: the mode is applied at creation only, under the umask */
        sem_close(s);
        sem_unlink(name);
        s = sem_open(name, O_CREAT | O_EXCL, (mode_t) mode, initial);
        if (s == SEM_FAILED) {
            return -errno;
        }
#endif
    }
    *sem = s;
    return 0;
}

static int open_mapped(const char *name, enum ipc4j_psem_open_mode open_mode, int mode, unsigned initial,
                       sem_t **sem, int *created, struct ipc4j_psem_owner *owner)
{
    int guard = ipc4j_fault_guard_setup(); /* before there is a semaphore that a fault could strike */
    if (guard != 0) {
        return guard;
    }
    for (;;) {
        if (open_mode != IPC4J_PSEM_OPEN_EXISTING) {
            int rc = create_new(name, mode, initial, sem);
            if (rc == 0) {
                *created = 1;
                return 0;
            }
            if (rc != -EEXIST || open_mode == IPC4J_PSEM_CREATE_NEW) {
                return rc;
            }
        }
        int check = check_backing_file(name, owner);
        if (check < 0) {
            return check;
        }
        if (check == 0) {
            sem_t *s = sem_open(name, 0);
            if (s != SEM_FAILED) {
                *sem = s;
                return 0;
            }
            if (errno != ENOENT) {
                return -errno;
            }
        }
        /* gone before we opened it: open-or-create tries again */
        if (open_mode == IPC4J_PSEM_OPEN_EXISTING) {
            return -ENOENT;
        }
    }
}

int ipc4j_psem_open(const char *name, enum ipc4j_psem_open_mode open_mode, int mode, unsigned initial,
                   sem_t **sem, int *created, struct ipc4j_psem_owner *owner)
{
    *created = 0;
    owner->uid = -1;
    owner->mode = -1;
    int budget = ipc4j_map_budget_take(); /* the C library maps each semaphore it opens */
    if (budget != 0) {
        return budget;
    }
    int rc = open_mapped(name, open_mode, mode, initial, sem, created, owner);
    if (rc != 0) {
        ipc4j_map_budget_give();
    }
    return rc;
}

int ipc4j_psem_close(sem_t *sem)
{
    if (sem_close(sem) != 0) {
        return -errno;
    }
    ipc4j_map_budget_give();
    return 0;
}

int ipc4j_psem_unlink(const char *name)
{
    return sem_unlink(name) == 0 ? 0 : -errno;
}

static int try_wait_unguarded(sem_t *sem)
{
    while (sem_trywait(sem) != 0) {
        if (errno != EINTR) {
            return -errno;
        }
    }
    return 0;
}

/* expression, evaluated under the fault guard of sem's page (a peer may truncate the semaphore's file):
 * IPC4J_PSEM_LOST instead when that page is lost, before the call or during it */
#define GUARDED(sem, expression) \
    (ipc4j_fault_guard_begin(sem) ? ipc4j_fault_guard_result(IPC4J_PSEM_LOST) \
                                  : ipc4j_fault_guard_result(expression))

int ipc4j_psem_try_wait(sem_t *sem)
{
    return (int) GUARDED(sem, try_wait_unguarded(sem));
}

static long wait_call(void *sem, int nowait)
{
    if (!nowait && ipc4j_psem_own_wait_available()) {
        return ipc4j_psem_own_wait(sem); /* not sem_wait: glibc's wait ends the process on EFAULT */
    }
    return (nowait ? sem_trywait(sem) : sem_wait(sem)) == 0 ? 0 : -errno;
}

int ipc4j_psem_wait(sem_t *sem, struct ipc4j_blocker *blocker, int64_t timeout_ns)
{
    return (int) GUARDED(sem, ipc4j_blocker_call(blocker, timeout_ns, wait_call, sem, -EAGAIN));
}

int ipc4j_psem_post(sem_t *sem)
{
    return (int) GUARDED(sem, sem_post(sem) == 0 ? 0 : -errno);
}

#ifndef __APPLE__
static long value_unguarded(sem_t *sem)
{
    int value;
    /* some systems count waiters as negative */
    return sem_getvalue(sem, &value) != 0 ? -errno : value < 0 ? 0 : value;
}
#endif

long ipc4j_psem_value(sem_t *sem)
{
#ifdef __APPLE__
    (void) sem;
    return -ENOSYS; /* macOS declares sem_getvalue deprecated and it always fails */
#else
    return GUARDED(sem, value_unguarded(sem));
#endif
}

long ipc4j_psem_value_max(void)
{
#ifdef SEM_VALUE_MAX
    return SEM_VALUE_MAX;
#else
    return sysconf(_SC_SEM_VALUE_MAX);
#endif
}
