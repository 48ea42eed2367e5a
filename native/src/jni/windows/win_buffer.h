/* Java memory for the Windows natives that block. A blocking call cannot hold a heap array pinned
 * (GetPrimitiveArrayCritical stops the GC), so a heap array goes through a native copy; a direct
 * buffer is used in place. Exactly one of direct and array is non-NULL. */
#ifndef IPC4J_WIN_BUFFER_H
#define IPC4J_WIN_BUFFER_H

#include <stdint.h>
#include "ipc4j_jni.h"
#include "ipc4j_win_wait.h"

/* A core call on bytes: the object, the bytes, the cancel events and timeout; *extra gets what the
 * call reports beside its result (a more-data flag, the size a message needs). */
typedef long (*win_buffer_op)(void *target, char *data, unsigned length, const struct ipc4j_cancel *cancel,
                              int64_t timeout_ns, unsigned *extra);

/* Runs op on length bytes at offset of the Java buffer: for_write copies an array's bytes in first,
 * else the bytes op filled (its non-negative result) are copied back out. closed and wake are the
 * cancel events (0: none). Returns op's result, or -ERROR_NOT_ENOUGH_MEMORY /
 * -ERROR_INVALID_USER_BUFFER (a range outside the buffer or array: ipc4j_direct_range, ipc4j_array_range)
 * before the call. */
long win_buffer_call(JNIEnv *env, win_buffer_op op, void *target, jobject direct, jbyteArray array, jint offset,
                     jint length, int for_write, jlong closed, jlong wake, jlong timeout_ns, unsigned *extra);

#endif
