/* Read-modify-write atomics on shared memory that another process can shrink (a POSIX object's file), inside
 * the fault guard (ipc4j_fault_guard.h): the JVM turns a fault in its plain accesses of mapped memory into an
 * exception, but one in its own compare-and-set ends the process. Each returns 0, or IPC4J_MEMORY_LOST when the
 * page was gone: it is private memory now, and the caller maps it from the object again
 * (ipc4j_mapping_restore_shared) before anything reads it. at is aligned to its width. */
#ifndef IPC4J_GUARDED_ATOMIC_H
#define IPC4J_GUARDED_ATOMIC_H

#include <stdint.h>

/* *set: 1 when the value was set, 0 when the memory held another. */
int ipc4j_guarded_cas32(uint32_t *at, uint32_t expected, uint32_t value, int *set);
int ipc4j_guarded_cas64(uint64_t *at, uint64_t expected, uint64_t value, int *set);

/* *old: the value before the addition. */
int ipc4j_guarded_fetch_add32(uint32_t *at, uint32_t delta, uint32_t *old);
int ipc4j_guarded_fetch_add64(uint64_t *at, uint64_t delta, uint64_t *old);

#endif
