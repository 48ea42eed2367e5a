/* A guard for native code that touches memory another process can take away: a POSIX named
 * semaphore is a file in /dev/shm that the C library maps, and any process allowed to write that
 * file can truncate it; the next access to the mapping then raises SIGBUS, which in a JVM ends the
 * process. Inside a guard, a SIGBUS on the guarded page puts a private page there instead and the
 * access runs again on it; a page that holds nothing else is also marked as lost, so that every
 * later guard of it says so before the code touches it. A SIGBUS anywhere else goes on to the
 * handler that was there before (the JVM's: it turns a fault in its own access of mapped memory
 * into an InternalError).
 *
 * Linux only, where semaphores are files; elsewhere the guard does nothing and nothing is lost. */
#ifndef IPC4J_FAULT_GUARD_H
#define IPC4J_FAULT_GUARD_H

#include <stddef.h>

/* What a guarded call returns when memory it touched was lost (made private by the guard). */
#define IPC4J_MEMORY_LOST (-100003)

/* Installs the handler, once per copy of the library, in front of the one already there:
 * 0 or -errno. */
int ipc4j_fault_guard_setup(void);

/* Guards the calling thread's accesses to the page that holds address until
 * ipc4j_fault_guard_end(): returns 1 when that page was lost already (the caller must not use it),
 * 0 otherwise. Guards do not nest. */
int ipc4j_fault_guard_begin(const void *address);

/* Guards the calling thread's accesses to [start, start + length) until ipc4j_fault_guard_end(), in
 * memory that holds other data too (a robust mutex in shared memory): a lost page there is made
 * private but not marked, and ipc4j_fault_guard_end() says so; the caller must then map that memory
 * from its object again before anything else reads it (ipc4j_mapping_restore_shared). */
void ipc4j_fault_guard_begin_range(const void *start, size_t length);

/* Ends the thread's guard: 1 when a page of it was lost during it, 0 otherwise. */
int ipc4j_fault_guard_end(void);

/* The usual pair around one call on memory that holds other data: sets the handler up if need be, then
 * ipc4j_fault_guard_begin_range ... */
void ipc4j_fault_guard_range(const void *start, size_t length);
/* ... and ends the guard: result, or IPC4J_MEMORY_LOST when memory the call touched was lost. */
long ipc4j_fault_guard_result(long result);

#endif
