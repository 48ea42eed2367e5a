/* What every Windows core file shares: the result codes and UTF-8/UTF-16 conversion.
 *
 * Results: a call returns a non-negative value, or a negative code. -code is either a Windows
 * error code (GetLastError(): -ERROR_FILE_NOT_FOUND, -ERROR_PIPE_BUSY, ...), taken in one place,
 * ipc4j_win_error(), or one of the three outcomes of a wait below, which lie outside the range of
 * Windows' error codes (those stay below 16000). */
#ifndef IPC4J_WIN_H
#define IPC4J_WIN_H

#include <windows.h>

#define IPC4J_WIN_TIMEOUT (-100001) /* the timeout passed */
#define IPC4J_WIN_CLOSED (-100002)  /* the object's closed event is set: another thread closed it */
#define IPC4J_WIN_WOKEN (-100003)   /* the calling thread's wake event was set (an interrupt) */
/* Outcomes of opening and waiting on named kernel objects (win_sync.h, win_shm.h). */
#define IPC4J_WIN_ABANDONED (-100004)     /* a mutex was taken, but its owner ended without releasing it */
#define IPC4J_WIN_FOREIGN_OWNER (-100005) /* an existing object's owner is not the current user (refused) */

/* -GetLastError(), never 0 (a call that failed without saying why gives -ERROR_GEN_FAILURE). */
int ipc4j_win_error(void);

/* The symbolic name of a Windows error code ("ERROR_PIPE_BUSY"), or NULL when not in the table. */
const char *ipc4j_win_error_name(int code);

/* The system's text for a Windows error code, as UTF-8 without the trailing line break. */
void ipc4j_win_error_text(int code, char *buf, unsigned size);

/* UTF-8 to a new UTF-16 string (free() it); NULL when not valid UTF-8 or out of memory. */
wchar_t *ipc4j_win_utf16(const char *utf8);

/* UTF-16 into buf as UTF-8 (always NUL-terminated); 0, or -ERROR_INSUFFICIENT_BUFFER. */
int ipc4j_win_utf8(const wchar_t *utf16, char *buf, int size);

#endif
