/* Releasing a shared mapping early, plain C (no JNI): the shared pages are replaced in place by private
 * anonymous ones, which detaches the shared object (munmap of its pages; a System V segment's nattch
 * drops, a removed one is destroyed) while the addresses stay reserved, so that a stray access by a
 * thread racing with the release reads or writes harmless private memory instead of faulting. */
#ifndef IPC4J_MAPPING_H
#define IPC4J_MAPPING_H

#include <stdint.h>

/* Replaces [address, address + size) by private anonymous read-write pages (MAP_FIXED, no swap
 * reserved): 0 or -errno. */
int ipc4j_mapping_replace_with_reserved(void *address, uint64_t size);

/* Maps [address, address + length), widened to whole pages, from fd again, where the mapping began at
 * the file's start (address - offset is the mapping's page-aligned base): what a fault guard made
 * private (ipc4j_fault_guard.h) shares the object's pages again. 0 or -errno. */
int ipc4j_mapping_restore_shared(void *address, uint64_t length, int fd, uint64_t offset, int writable);

/* Unmaps the reservation left by ipc4j_mapping_replace_with_reserved: 0 or -errno. */
int ipc4j_mapping_unmap_reserved(void *address, uint64_t size);

#endif
