#include "win_buffer.h"

#include <stdlib.h>

long win_buffer_call(JNIEnv *env, win_buffer_op op, void *target, jobject direct, jbyteArray array, jint offset,
                     jint length, int for_write, jlong closed, jlong wake, jlong timeout_ns, unsigned *extra)
{
    struct ipc4j_cancel cancel = { (HANDLE) (intptr_t) closed, (HANDLE) (intptr_t) wake };
    *extra = 0;
    if (direct != NULL) {
        char *at = ipc4j_direct_range(env, direct, offset, length);
        if (at == NULL) {
            return -ERROR_INVALID_USER_BUFFER;
        }
        return op(target, at, (unsigned) length, &cancel, timeout_ns, extra);
    }
    if (!ipc4j_array_range(env, array, offset, length)) {
        return -ERROR_INVALID_USER_BUFFER;
    }
    char *copy = malloc(length > 0 ? (size_t) length : 1);
    if (copy == NULL) {
        return -ERROR_NOT_ENOUGH_MEMORY;
    }
    if (for_write && length > 0) {
        (*env)->GetByteArrayRegion(env, array, offset, length, (jbyte *) copy);
    }
    long n = op(target, copy, (unsigned) length, &cancel, timeout_ns, extra);
    if (!for_write && n > 0) {
        (*env)->SetByteArrayRegion(env, array, offset, (jsize) n, (jbyte *) copy);
    }
    free(copy);
    return n;
}
