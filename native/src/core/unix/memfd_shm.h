/* Sealed shared memory (Linux memfd), plain C (no JNI).
 *
 * An anonymous shared memory file (memfd_create with MFD_ALLOW_SEALING) is sized, then sealed: with
 * F_SEAL_SHRINK the kernel refuses, in every process, any ftruncate that would make it smaller, so no
 * peer can pull pages out from under a mapping. Such an object has no name: its descriptor is handed
 * to other processes (unix_socket.h, or inheritance), and a receiver checks the seals before it maps.
 * Calls return a non-negative result or -errno; -ENOSYS where the OS has no memfd (macOS). */
#ifndef IPC4J_MEMFD_SHM_H
#define IPC4J_MEMFD_SHM_H

#include <stdint.h>

/* The descriptor is not a memfd (or its file cannot be sealed). */
#define IPC4J_MEMFD_NOT_MEMFD (-100011)

/* Seal bits as Java sees them (the kernel's own values, which are ABI). */
enum {
    IPC4J_SEAL_SEAL = 0x1,   /* F_SEAL_SEAL: no more seals can be added */
    IPC4J_SEAL_SHRINK = 0x2, /* F_SEAL_SHRINK */
    IPC4J_SEAL_GROW = 0x4,   /* F_SEAL_GROW */
    IPC4J_SEAL_WRITE = 0x8   /* F_SEAL_WRITE */
};

/* Creates a memfd called debug_name (shown in /proc/<pid>/fd, need not be unique), close-on-exec,
 * size bytes (reserved), sealed with F_SEAL_SHRINK plus extra_seals (GROW, SEAL). Returns the descriptor. */
int ipc4j_memfd_create(const char *debug_name, int64_t size, int extra_seals);

/* Checks a descriptor someone handed over before it is mapped: it must be a memfd ("/memfd:" in
 * /proc/self/fd, and sealable: IPC4J_MEMFD_NOT_MEMFD otherwise), sealed with at least
 * required_seals (-EPERM otherwise; *seals says which it has). Then *size is its size, which the seals
 * keep from shrinking, and *writable whether the descriptor was opened read-write. */
int ipc4j_memfd_verify(int fd, int required_seals, int *seals, int64_t *size, int *writable);

/* The seals on fd, or -errno. */
int ipc4j_memfd_seals(int fd);

/* Takes over an inherited descriptor: sets close-on-exec (so it goes no further). 0 or -errno. */
int ipc4j_memfd_adopt(int fd);

/* A duplicate of fd (3 or above) without close-on-exec, for a child to inherit; or -errno. */
int ipc4j_memfd_inheritable(int fd);

#endif
