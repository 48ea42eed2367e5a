/* Windows named shared memory, plain C (no JNI): a file mapping backed by the paging file
 * (CreateFileMappingW with INVALID_HANDLE_VALUE / OpenFileMappingW) and views of it (MapViewOfFile).
 * The pages are committed when the mapping is created, so a size the system cannot back fails then
 * (-ERROR_COMMITMENT_LIMIT, -ERROR_NOT_ENOUGH_MEMORY), never at a later store. A mapping cannot
 * shrink or grow; it goes away when its last handle and view are gone. */
#ifndef IPC4J_WIN_SHM_H
#define IPC4J_WIN_SHM_H

#include <stdint.h>
#include "ipc4j_win_object.h"

/* Creates or opens the mapping called name (see ipc4j_win_object_open). size: the bytes of a created
 * mapping (at least 1; -ERROR_INVALID_PARAMETER otherwise, before any call); ignored when it exists.
 * writable: the access an opener asks for. */
int ipc4j_shm_open(const char *name, const struct ipc4j_win_open *how, uint64_t size, int writable, HANDLE *out,
                   int *created);

/* Maps the whole mapping: 0 with *address and *size (the view's size, whole pages: an existing
 * mapping's exact size is not known to Windows' documented calls) set, or -error. */
int ipc4j_shm_map(HANDLE mapping, int writable, void **address, uint64_t *size);

/* Gives back a view made by ipc4j_shm_map: 0 or -error. */
int ipc4j_shm_unmap(void *address);

#endif
