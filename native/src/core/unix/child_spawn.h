/* Starting a child process that inherits one descriptor at a number of the caller's choice (what
 * Java's ProcessBuilder cannot do: it closes every descriptor above 2 in its children), plain C.
 * Calls return a non-negative result or -errno. */
#ifndef IPC4J_CHILD_SPAWN_H
#define IPC4J_CHILD_SPAWN_H

#include <stdint.h>

/* Starts argv[0] (searched in PATH) with argv and this process's environment; the child has fd at
 * number child_fd (3 or above, without close-on-exec) and, when output is not NULL, its stdout and
 * stderr appended to the file output (created 0600). Every other descriptor this process marked
 * close-on-exec stays behind. Returns the child's pid. */
int64_t ipc4j_spawn_inheriting(char *const argv[], int fd, int child_fd, const char *output);

/* The child's exit: its exit code (0..255), 256 + the signal that killed it, IPC4J_CHILD_RUNNING
 * when it has not exited yet (wait 0: do not wait), or -errno. Reaps it once it has exited. */
#define IPC4J_CHILD_RUNNING (-100013)
int ipc4j_child_exit(int64_t pid, int wait);

#endif
