/* What every System V IPC primitive (message queues, semaphore sets, shared memory segments)
 * shares, plain C (no JNI): keys, and the open modes over msgget/semget/shmget.
 *
 * Every call returns a non-negative result or -errno. */
#ifndef IPC4J_SYSV_IPC_H
#define IPC4J_SYSV_IPC_H

#include <stdint.h>

/* The key field of a struct ipc_perm, which the C libraries name differently. */
#if defined(__APPLE__)
#define IPC4J_PERM_KEY(perm) ((perm)._key)
#elif defined(__GLIBC__)
#define IPC4J_PERM_KEY(perm) ((perm).__key)
#else
#define IPC4J_PERM_KEY(perm) 0
#endif

struct ipc_perm;

/* Applies an IPC_SET request to perm: uid/gid < 0 or mode < 0 keep the current value; mode replaces
 * only the permission bits. */
void ipc4j_sysv_set_perm(struct ipc_perm *perm, int64_t uid, int64_t gid, int mode);

enum ipc4j_sysv_open_mode { IPC4J_SYSV_CREATE_NEW = 0, IPC4J_SYSV_OPEN_EXISTING = 1, IPC4J_SYSV_OPEN_OR_CREATE = 2 };

/* The key ftok(path, project_id) makes (any project_id, as C's ftok takes it), in *key; 0 or -errno
 * (-ENOENT: no such path). ftok builds the key from the low 8 bits of project_id, the low 8 bits of the file's device
 * number and the low 16 bits of its inode number: different files can give the same key. */
int ipc4j_sysv_ftok(const char *path, int project_id, int *key);

/* One xxxget call: returns the identifier or -errno. flags holds IPC_CREAT/IPC_EXCL and mode bits. */
typedef int (*ipc4j_sysv_get_fn)(int key, int flags, void *arg);

/* Opens or creates the object with key (IPC_PRIVATE: always a new one) through get.
 * A created object gets exactly `mode` (System V objects ignore the umask); opening an existing
 * one asks the kernel for `access` (0400 read, 0200 write, 0600 both), so a refusal comes now
 * (-EACCES), not at first use. On success returns the identifier and sets *created. */
int ipc4j_sysv_open(int key, enum ipc4j_sysv_open_mode open_mode, int mode, int access, ipc4j_sysv_get_fn get,
                    void *arg, int *created);

#endif
