/* Copying bytes without making the macOS library export compiler-rt.
 *
 * Zig 0.11 (how the macOS libraries are cross-built here) resolves memcpy and its kin from its own
 * compiler-rt instead of libSystem and then exports all ~400 compiler-rt symbols from the dylib. So
 * the library's explicit copies go through ipc4j_copy, which on macOS calls libSystem's memcpy found
 * with dlsym, and elsewhere is memcpy itself. */
#ifndef IPC4J_COPY_H
#define IPC4J_COPY_H

#include <stddef.h>
#include <string.h>

#ifdef __APPLE__
void ipc4j_copy(void *to, const void *from, size_t length);
#else
static inline void ipc4j_copy(void *to, const void *from, size_t length)
{
    memcpy(to, from, length);
}
#endif

#endif
