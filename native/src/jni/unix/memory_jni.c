/* Natives of NativeMemory: buffers over mapped shared memory and the robust mutex placed in it.
 * Addresses come from the Java side, which checked them against a live mapping. */
#include "ipc4j_jni.h"

#include <stdint.h>
#include "ipc4j_mapping.h"
#include "robust_mutex.h"
#include "io_github_ipc4j_internal_NativeMemory.h"

_Static_assert(io_github_ipc4j_internal_NativeMemory_MUTEX_LOST == IPC4J_ROBUST_MUTEX_LOST, "lost-mutex code");

static void *at(jlong address)
{
    return (void *) (intptr_t) address;
}

static jobject memory_buffer(JNIEnv *env, jclass cls, jlong address, jint length)
{
    IPC4J_UNUSED(cls);
    return (*env)->NewDirectByteBuffer(env, at(address), length);
}

static jlong mutex_size(JNIEnv *env, jclass cls)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return (jlong) ipc4j_robust_mutex_size();
}

static jint mutex_init(JNIEnv *env, jclass cls, jlong address)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_robust_mutex_init(at(address));
}

static jint mutex_lock(JNIEnv *env, jclass cls, jlong address, jlong timeout_ns)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_robust_mutex_lock(at(address), timeout_ns);
}

static jint mutex_unlock(JNIEnv *env, jclass cls, jlong address)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_robust_mutex_unlock(at(address));
}

static jint mutex_consistent(JNIEnv *env, jclass cls, jlong address)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_robust_mutex_consistent(at(address));
}

static jint replace_with_reserved(JNIEnv *env, jclass cls, jlong address, jlong size)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_mapping_replace_with_reserved(at(address), (uint64_t) size);
}

static jint restore_shared(JNIEnv *env, jclass cls, jlong address, jlong length, jint fd, jlong offset,
                           jboolean writable)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_mapping_restore_shared(at(address), (uint64_t) length, fd, (uint64_t) offset, writable);
}

static jint unmap_reserved(JNIEnv *env, jclass cls, jlong address, jlong size)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_mapping_unmap_reserved(at(address), (uint64_t) size);
}

static const JNINativeMethod methods[] = {
    { "buffer", "(JI)Ljava/nio/ByteBuffer;", (void *) memory_buffer },
    { "mutexSize", "()J", (void *) mutex_size },
    { "mutexInit", "(J)I", (void *) mutex_init },
    { "mutexLock", "(JJ)I", (void *) mutex_lock },
    { "mutexUnlock", "(J)I", (void *) mutex_unlock },
    { "mutexConsistent", "(J)I", (void *) mutex_consistent },
    { "replaceWithReserved", "(JJ)I", (void *) replace_with_reserved },
    { "unmapReserved", "(JJ)I", (void *) unmap_reserved },
    { "restoreShared", "(JJIJZ)I", (void *) restore_shared },
};

const struct ipc4j_native_class ipc4j_native_memory = { "NativeMemory", methods, IPC4J_COUNT(methods), NULL };
