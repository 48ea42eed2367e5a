/* Natives of NativeFutex: argument conversion around the plain C core in ipc4j_futex.c. */
#include "ipc4j_jni.h"

#include <stdint.h>
#include "ipc4j_futex.h"

static const uint32_t *word_of(jlong address)
{
    return (const uint32_t *) (intptr_t) address;
}

static jint futex_supported(JNIEnv *env, jclass cls)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_futex_supported();
}

static jint futex_wait_for(JNIEnv *env, jclass cls, jlong address, jint expected, jlong blocker, jlong timeout_ns)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_futex_wait_blocking((struct ipc4j_blocker *) (intptr_t) blocker, word_of(address),
                                     (uint32_t) expected, timeout_ns);
}

static jint futex_wake(JNIEnv *env, jclass cls, jlong address, jint count)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_futex_wake((uint32_t *) (intptr_t) address, count);
}

static const JNINativeMethod methods[] = {
    { "supported", "()I", (void *) futex_supported },
    { "waitFor", "(JIJJ)I", (void *) futex_wait_for },
    { "wake", "(JI)I", (void *) futex_wake },
};

const struct ipc4j_native_class ipc4j_native_futex = { "NativeFutex", methods, IPC4J_COUNT(methods), NULL };
