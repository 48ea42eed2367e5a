/* Natives of NativePosixSem: argument conversion around the plain C core in posix_sem.c. */
#include "ipc4j_jni.h"

#include <errno.h>
#include <stdint.h>
#include "posix_sem.h"
#include "io_github_ipc4j_internal_NativePosixSem.h"

_Static_assert(io_github_ipc4j_internal_NativePosixSem_NOT_A_SEMAPHORE == IPC4J_PSEM_NOT_A_SEMAPHORE,
               "not-a-semaphore code");
_Static_assert(io_github_ipc4j_internal_NativePosixSem_LOST == IPC4J_PSEM_LOST, "lost-semaphore code");

#define NAME_BYTES 512

static sem_t *sem_of(jlong sem)
{
    return (sem_t *) (intptr_t) sem;
}

static jint sem_open_named(JNIEnv *env, jclass cls, jbyteArray name, jint open_mode, jint mode, jint initial,
                           jlongArray out)
{
    IPC4J_UNUSED(cls);
    char buf[NAME_BYTES];
    if (ipc4j_copy_name(env, name, buf, sizeof buf) != 0) {
        return -ENAMETOOLONG;
    }
    sem_t *sem;
    int created;
    struct ipc4j_psem_owner owner;
    int rc = ipc4j_psem_open(buf, (enum ipc4j_psem_open_mode) open_mode, mode, (unsigned) initial, &sem, &created,
                            &owner);
    if (rc != 0) {
        return rc;
    }
    jlong values[4] = { (jlong) (intptr_t) sem, created, owner.uid, owner.mode };
    (*env)->SetLongArrayRegion(env, out, 0, 4, values);
    return 0;
}

static jint sem_close_handle(JNIEnv *env, jclass cls, jlong sem)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_psem_close(sem_of(sem));
}

static jint sem_unlink_named(JNIEnv *env, jclass cls, jbyteArray name)
{
    IPC4J_UNUSED(cls);
    char buf[NAME_BYTES];
    if (ipc4j_copy_name(env, name, buf, sizeof buf) != 0) {
        return -ENAMETOOLONG;
    }
    return ipc4j_psem_unlink(buf);
}

static jint sem_try_wait(JNIEnv *env, jclass cls, jlong sem)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_psem_try_wait(sem_of(sem));
}

static jint sem_wait_for(JNIEnv *env, jclass cls, jlong sem, jlong blocker, jlong timeout_ns)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_psem_wait(sem_of(sem), (struct ipc4j_blocker *) (intptr_t) blocker, timeout_ns);
}

static jint sem_post_one(JNIEnv *env, jclass cls, jlong sem)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_psem_post(sem_of(sem));
}

static jlong sem_value(JNIEnv *env, jclass cls, jlong sem)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_psem_value(sem_of(sem));
}

static jlong sem_value_max(JNIEnv *env, jclass cls)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_psem_value_max();
}

static const JNINativeMethod methods[] = {
    { "open", "([BIII[J)I", (void *) sem_open_named },
    { "close", "(J)I", (void *) sem_close_handle },
    { "unlink", "([B)I", (void *) sem_unlink_named },
    { "tryWait", "(J)I", (void *) sem_try_wait },
    { "waitFor", "(JJJ)I", (void *) sem_wait_for },
    { "post", "(J)I", (void *) sem_post_one },
    { "value", "(J)J", (void *) sem_value },
    { "valueMax", "()J", (void *) sem_value_max },
};

const struct ipc4j_native_class ipc4j_native_posix_sem = { "NativePosixSem", methods, IPC4J_COUNT(methods), NULL };
