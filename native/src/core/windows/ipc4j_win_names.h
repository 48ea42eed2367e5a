/* Names of pipes and mailslots, checked before any call so that a bad name fails with
 * -ERROR_INVALID_NAME (or -ERROR_FILENAME_EXCED_RANGE when too long) whatever the OS would do
 * with it. Prefixes are matched without regard to case, as Windows does.
 *
 *   pipe, server:     \\.\pipe\NAME            NAME: 1 or more characters, no '\'
 *   pipe, client:     \\.\pipe\NAME or \\HOST\pipe\NAME
 *   mailslot, server: \\.\mailslot\PATH        PATH: segments separated by '\', none empty
 *   mailslot, client: \\.\mailslot\PATH, \\*\mailslot\PATH (broadcast to the primary domain),
 *                     \\HOST-OR-DOMAIN\mailslot\PATH
 * No name may hold a control character (below U+0020); mailslot paths also exclude < > : " | ? *
 * (they follow file naming rules). A whole pipe name is at most 256 UTF-16 units, a mailslot name
 * at most MAX_PATH - 1.
 *
 *   kernel objects (file mappings, semaphores, mutexes, events): NAME, Local\NAME or Global\NAME
 *                     NAME: 1 or more characters, no '\' and no control character; an unprefixed
 *                     NAME is Local\NAME (this session). At most MAX_PATH UTF-16 units in all. */
#ifndef IPC4J_WIN_NAMES_H
#define IPC4J_WIN_NAMES_H

#include "ipc4j_win.h"

#define IPC4J_PIPE_NAME_MAX 256
#define IPC4J_MAILSLOT_NAME_MAX (MAX_PATH - 1)
#define IPC4J_KERNEL_NAME_MAX MAX_PATH

enum ipc4j_name_scope {
    IPC4J_NAME_LOCAL = 0,     /* \\.\ */
    IPC4J_NAME_BROADCAST = 1, /* \\*\ (mailslot clients only) */
    IPC4J_NAME_REMOTE = 2     /* \\HOST\ (clients only) */
};

/* Checks a pipe name (server: local only) and converts it: 0 with *out a new UTF-16 string (free()
 * it) and *scope set, or -ERROR_INVALID_NAME / -ERROR_FILENAME_EXCED_RANGE / -ERROR_NOT_ENOUGH_MEMORY. */
int ipc4j_pipe_name(const char *utf8, int server, wchar_t **out, enum ipc4j_name_scope *scope);

/* The same for a mailslot name. */
int ipc4j_mailslot_name(const char *utf8, int server, wchar_t **out, enum ipc4j_name_scope *scope);

/* The same for the name of a kernel object (no scope: always this computer). */
int ipc4j_kernel_object_name(const char *utf8, wchar_t **out);

#endif
