/* Natives of NativeMemory: buffers over mapped shared memory and the robust mutex placed in it.
 * Addresses come from the Java side, which checked them against a live mapping. */
#include "ipc4j_jni.h"

#include <stdint.h>
#include "ipc4j_guarded_atomic.h"
#include "ipc4j_mapping.h"
#include "robust_mutex.h"
#include "io_github_ipc4j_internal_NativeMemory.h"

_Static_assert(io_github_ipc4j_internal_NativeMemory_LOST == IPC4J_MEMORY_LOST, "lost-memory code");

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

/* After a guarded atomic: when it lost its page, the Java side maps it again and says why (MemoryLostException). */
static void throw_if_lost(JNIEnv *env, int guarded)
{
    if (guarded == 0) {
        return;
    }
    jclass lost = (*env)->FindClass(env, "io/github/ipc4j/internal/MemoryLostException");
    if (lost != NULL) {
        (*env)->ThrowNew(env, lost, "a page of shared memory was lost under an atomic");
    }
}

static jboolean compare_and_set_int(JNIEnv *env, jclass cls, jlong address, jint expected, jint value)
{
    IPC4J_UNUSED(cls);
    int set = 0;
    throw_if_lost(env, ipc4j_guarded_cas32(at(address), (uint32_t) expected, (uint32_t) value, &set));
    return set ? JNI_TRUE : JNI_FALSE;
}

static jboolean compare_and_set_long(JNIEnv *env, jclass cls, jlong address, jlong expected, jlong value)
{
    IPC4J_UNUSED(cls);
    int set = 0;
    throw_if_lost(env, ipc4j_guarded_cas64(at(address), (uint64_t) expected, (uint64_t) value, &set));
    return set ? JNI_TRUE : JNI_FALSE;
}

static jint get_and_add_int(JNIEnv *env, jclass cls, jlong address, jint delta)
{
    IPC4J_UNUSED(cls);
    uint32_t old = 0;
    throw_if_lost(env, ipc4j_guarded_fetch_add32(at(address), (uint32_t) delta, &old));
    return (jint) old;
}

static jlong get_and_add_long(JNIEnv *env, jclass cls, jlong address, jlong delta)
{
    IPC4J_UNUSED(cls);
    uint64_t old = 0;
    throw_if_lost(env, ipc4j_guarded_fetch_add64(at(address), (uint64_t) delta, &old));
    return (jlong) old;
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
    { "compareAndSetInt", "(JII)Z", (void *) compare_and_set_int },
    { "compareAndSetLong", "(JJJ)Z", (void *) compare_and_set_long },
    { "getAndAddInt", "(JI)I", (void *) get_and_add_int },
    { "getAndAddLong", "(JJ)J", (void *) get_and_add_long },
    { "replaceWithReserved", "(JJ)I", (void *) replace_with_reserved },
    { "unmapReserved", "(JJ)I", (void *) unmap_reserved },
    { "restoreShared", "(JJIJZ)I", (void *) restore_shared },
};

const struct ipc4j_native_class ipc4j_native_memory = { "NativeMemory", methods, IPC4J_COUNT(methods), NULL };
