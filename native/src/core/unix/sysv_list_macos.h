/* Listing macOS's System V objects, plain C (no JNI): what macOS's ipcs reads through the private sysctls
 * kern.sysv.ipcs.msg, .sem and .shm (macOS has no /proc/sysvipc). Each call of such a sysctl takes a cursor (a
 * slot of the kernel's table) and writes back the record of the first object at or after it, in the layout the
 * kernel gives a 64-bit process, and the cursor past it.
 *
 * The decoder of one record builds everywhere: the C tests check it on Linux with records laid out as macOS's
 * kernel writes them. The sysctl walk itself builds on macOS only (elsewhere it returns -ENOSYS).
 *
 * A row holds what a line of Linux's /proc/sysvipc gives, in the order the Java status records take
 * (SysvMsgQueueStatus.of, SysvSemStatus.of, SysvShmStatus.of), after the identifier:
 *   row[0]  the identifier (msqid, semid, shmid)
 *   msg:    key uid gid cuid cgid mode cbytes qnum qbytes lspid lrpid stime rtime ctime
 *   sem:    key uid gid cuid cgid mode nsems otime ctime
 *   shm:    key uid gid cuid cgid mode size nattch cpid lpid atime dtime ctime removed
 * mode is the permission bits (0..0777); times are seconds since the epoch, 0 for never; unused values are 0. */
#ifndef IPC4J_SYSV_LIST_MACOS_H
#define IPC4J_SYSV_LIST_MACOS_H

#include <stddef.h>
#include <stdint.h>

enum ipc4j_sysv_list_kind { IPC4J_SYSV_LIST_MSG = 0, IPC4J_SYSV_LIST_SEM = 1, IPC4J_SYSV_LIST_SHM = 2 };

/* The values of one row: the identifier and up to 16 values after it. */
#define IPC4J_SYSV_LIST_ROW 17

/* The size of one kernel record of kind for a 64-bit process (user64_msqid_ds, user64_semid_ds,
 * user_shmid_ds), or 0 for an unknown kind. */
size_t ipc4j_sysv_macos_record_size(int kind);

/* Decodes one record of kind, `length` bytes as macOS's kernel wrote it, found at table slot `slot` (the cursor
 * the kernel returned, minus one), into row (all IPC4J_SYSV_LIST_ROW values written). 1: an object; 0: the slot
 * holds none (the kernel's allocated mark is off); -EINVAL: unknown kind, a length other than the record's, or a
 * slot outside 0..65535. */
int ipc4j_sysv_macos_decode(int kind, const void *record, size_t length, int slot,
                            int64_t row[IPC4J_SYSV_LIST_ROW]);

/* macOS: the first object of kind in a slot at or after cursor (0 to start), into row. Returns the cursor that
 * continues the walk (> cursor), 0 when there are no more objects, or -errno (-EINVAL for an unknown kind or a
 * negative cursor; -EPERM where a sandbox refuses the sysctl). Elsewhere: -ENOSYS. */
int ipc4j_sysv_macos_next(int kind, int cursor, int64_t row[IPC4J_SYSV_LIST_ROW]);

#endif
