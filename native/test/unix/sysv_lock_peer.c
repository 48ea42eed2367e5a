/* A second process for the Java tests of IpcKey.ftok and of RobustLock's public layout
 * (include/ipc4j_robust_lock.h), using only the C library and that header:
 *   sysv_lock_peer ftok <path> <id>...          prints C's ftok(path, id) for each id, in decimal, one a
 *                                               line ("error <errno name>" where it fails)
 *   sysv_lock_peer init <shmid> <offset>        attaches the System V segment, initialises a lock at
 *                                               offset with the header, prints "ready", then waits for a
 *                                               line on stdin and exits 0
 *   sysv_lock_peer hold <shmid> <offset>        attaches the lock Java initialised (exits 2 when the
 *                                               marker is missing), locks it, prints "locked", waits for a
 *                                               line on stdin, adds 1 to the int at offset + 128, unlocks,
 *                                               prints "unlocked" and exits 0
 *   sysv_lock_peer die <shmid> <offset>         as hold, but exits 0 while holding the lock after the line */
#ifdef IPC4J_HAVE_ROBUST_MUTEX
#include "ipc4j_robust_lock.h"
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#ifdef IPC4J_HAVE_ROBUST_MUTEX
static void *attach(const char *shmid, const char *offset)
{
    void *base = shmat(atoi(shmid), NULL, 0);
    if (base == (void *) -1) {
        fprintf(stderr, "sysv_lock_peer: shmat %s: %s\n", shmid, strerror(errno));
        exit(1);
    }
    return (unsigned char *) base + strtol(offset, NULL, 10);
}

static void await_line(void)
{
    char line[64];
    if (fgets(line, sizeof line, stdin) == NULL) {
        fprintf(stderr, "sysv_lock_peer: stdin closed\n");
        exit(1);
    }
}

static int hold(void *lock, int die)
{
    pthread_mutex_t *mutex = ipc4j_robust_lock_attach(lock);
    if (mutex == NULL) {
        fprintf(stderr, "sysv_lock_peer: no lock initialised (marker missing)\n");
        return 2;
    }
    int rc = pthread_mutex_lock(mutex);
    if (rc == EOWNERDEAD) {
        printf("owner died\n");
        rc = pthread_mutex_consistent(mutex);
    }
    if (rc != 0) {
        fprintf(stderr, "sysv_lock_peer: lock: %s\n", strerror(rc));
        return 1;
    }
    printf("locked\n");
    fflush(stdout);
    await_line();
    if (die) {
        return 0; /* exits holding the lock: the next locker gets EOWNERDEAD */
    }
    int *counter = (int *) ((unsigned char *) lock + IPC4J_ROBUST_LOCK_SIZE);
    __atomic_add_fetch(counter, 1, __ATOMIC_SEQ_CST);
    rc = pthread_mutex_unlock(mutex);
    if (rc != 0) {
        fprintf(stderr, "sysv_lock_peer: unlock: %s\n", strerror(rc));
        return 1;
    }
    printf("unlocked\n");
    return 0;
}

#endif

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc >= 4 && strcmp(argv[1], "ftok") == 0) {
        for (int i = 3; i < argc; i++) {
            errno = 0;
            key_t key = ftok(argv[2], (int) strtol(argv[i], NULL, 0));
            if (key == (key_t) -1 && errno != 0) {
                printf("error %d\n", errno);
            } else {
                printf("%d\n", (int) key);
            }
        }
        return 0;
    }
#ifdef IPC4J_HAVE_ROBUST_MUTEX
    if (argc == 4 && strcmp(argv[1], "init") == 0) {
        int rc = ipc4j_robust_lock_init(attach(argv[2], argv[3]));
        if (rc != 0) {
            fprintf(stderr, "sysv_lock_peer: init: %s\n", strerror(rc));
            return 1;
        }
        printf("ready\n");
        await_line();
        return 0;
    }
    if (argc == 4 && (strcmp(argv[1], "hold") == 0 || strcmp(argv[1], "die") == 0)) {
        return hold(attach(argv[2], argv[3]), strcmp(argv[1], "die") == 0);
    }
#endif
    fprintf(stderr, "usage: sysv_lock_peer ftok <path> <id>... | init|hold|die <shmid> <offset>\n");
    return 64;
}
