/* The layout of the shared memory mechanisms, the same as the Java side's (ShmLayout.java): four
 * counters on cache lines of their own (sequence and acknowledgement per direction, used by the spin
 * handshake), then one message area per direction. */
#ifndef IPC4J_CBENCH_SHM_LAYOUT_H
#define IPC4J_CBENCH_SHM_LAYOUT_H

#include "mech.h"

#define SHM_SEQ(i) ((i) * 128)
#define SHM_ACK(i) ((i) * 128 + 64)
#define SHM_DATA(i) (256 + (i) * CBENCH_MAX_SIZE)
#define SHM_SIZE (256 + 2 * CBENCH_MAX_SIZE)

/* POSIX shared memory of SHM_SIZE bytes called name: created (or only opened) and mapped */
char *shm_map_posix(const char *name, int create);

#endif
