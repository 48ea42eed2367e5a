#include "child_spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef __APPLE__
#include <crt_externs.h> /* a macOS shared library has no `environ` to link against */
#define environ (*_NSGetEnviron())
#else
extern char **environ;
#endif

int64_t ipc4j_spawn_inheriting(char *const argv[], int fd, int child_fd, const char *output)
{
    if (child_fd < 3 || fd < 0) {
        return -EINVAL;
    }
    /* dup2 onto the same number would keep close-on-exec: go through a number of its own */
    int source = fcntl(fd, F_DUPFD_CLOEXEC, child_fd + 1);
    if (source < 0) {
        return -errno;
    }
    posix_spawn_file_actions_t actions;
    int rc = posix_spawn_file_actions_init(&actions);
    if (rc != 0) {
        close(source);
        return -rc;
    }
    rc = posix_spawn_file_actions_adddup2(&actions, source, child_fd);
    if (rc == 0 && output != NULL) {
        rc = posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0600);
        if (rc == 0) {
            rc = posix_spawn_file_actions_adddup2(&actions, 1, 2);
        }
    }
    pid_t pid = -1;
    if (rc == 0) {
        rc = posix_spawnp(&pid, argv[0], &actions, NULL, argv, environ);
    }
    posix_spawn_file_actions_destroy(&actions);
    close(source);
    return rc == 0 ? (int64_t) pid : -rc;
}

int ipc4j_child_exit(int64_t pid, int wait)
{
    int status;
    pid_t r;
    do {
        r = waitpid((pid_t) pid, &status, wait ? 0 : WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r < 0) {
        return -errno;
    }
    if (r == 0) {
        return IPC4J_CHILD_RUNNING;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 256 + WTERMSIG(status);
}
