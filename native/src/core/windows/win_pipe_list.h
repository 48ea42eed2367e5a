/* The named pipes of this computer: the entries of \\.\pipe\ (FindFirstFileW / FindNextFileW on
 * "\\.\pipe\*"), plain C (no JNI). The pipe file system answers a directory query with one entry per
 * pipe name and reports, in the entry's size, how many instances of it exist now (the maximum is not
 * in a find entry). Whoever created a pipe, every user may list its name.
 *
 * Wine (8.0) does not enumerate the pipe device: the query fails with -ERROR_BAD_DEV_TYPE there. */
#ifndef IPC4J_WIN_PIPE_LIST_H
#define IPC4J_WIN_PIPE_LIST_H

#include "ipc4j_win.h"

/* A name as listed is at most 256 UTF-16 units: at most this many UTF-8 bytes with its NUL. */
#define IPC4J_PIPE_LIST_NAME_BYTES (3 * 256 + 1)

struct ipc4j_pipe_entry {
    const char *name; /* UTF-8, without the \\.\pipe\ prefix (it may hold '\': Windows' own pipes do) */
    long instances;   /* instances of the pipe now, or -1 when the entry does not say */
};

/* Called once per pipe; a nonzero result stops the listing, and ipc4j_pipe_list returns it. */
typedef int (*ipc4j_pipe_visitor)(const struct ipc4j_pipe_entry *entry, void *context);

/* Lists every pipe: 0 when all were visited (none is not an error), the visitor's nonzero result, or
 * -error of the directory query. Entries whose name cannot be converted are skipped. */
int ipc4j_pipe_list(ipc4j_pipe_visitor visitor, void *context);

/* One find entry as a pipe entry, its name converted into name[size]: 0, or -ERROR_INSUFFICIENT_BUFFER. */
int ipc4j_pipe_entry_of(const WIN32_FIND_DATAW *data, char *name, int size, struct ipc4j_pipe_entry *entry);

#endif
