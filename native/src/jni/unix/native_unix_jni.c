/* Natives of NativeUnix: the mechanics every Unix primitive shares (blockers, descriptor waits
 * that can be cut short, ownership checks, user names). */
#include "ipc4j_jni.h"

#include <errno.h>
#include <stdint.h>
#include "ipc4j_blocker.h"
#include "ipc4j_fd.h"
#include "ipc4j_users.h"
#include "ipc4j_wait.h"
#include "io_github_ipc4j_internal_NativeUnix.h"

_Static_assert(io_github_ipc4j_internal_NativeUnix_WAIT_READY == IPC4J_WAIT_READY, "wait codes");
_Static_assert(io_github_ipc4j_internal_NativeUnix_WAIT_TIMEOUT == IPC4J_WAIT_TIMEOUT, "wait codes");

#define USER_NAME_BYTES 1024

/* A descriptor wait under the calling call's blocker: interrupt and close cut it short (-EINTR). */
static jint wait_fd(JNIEnv *env, jclass cls, jint fd, jboolean for_write, jlong blocker, jlong timeout_nanos)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    struct ipc4j_blocker *b = (struct ipc4j_blocker *) (intptr_t) blocker;
    int rc = ipc4j_blocker_begin(b, -1); /* ppoll's own timeout ends it on time */
    if (rc != 0) {
        return rc;
    }
    rc = ipc4j_wait_fd(fd, for_write ? IPC4J_WAIT_FOR_WRITE : IPC4J_WAIT_FOR_READ, timeout_nanos);
    ipc4j_blocker_end(b);
    return rc;
}

static jlong owner_and_mode(JNIEnv *env, jclass cls, jint fd)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    long uid;
    int mode;
    int rc = ipc4j_fd_owner_mode(fd, &uid, &mode);
    if (rc != 0) {
        return rc;
    }
    return ((jlong) (unsigned long) uid << 16) | (jlong) (mode & 0xFFFF);
}

static jint set_mode(JNIEnv *env, jclass cls, jint fd, jint mode)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_fd_set_mode(fd, mode);
}

static jlong effective_uid(JNIEnv *env, jclass cls)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_effective_uid();
}

static jint user_name(JNIEnv *env, jclass cls, jlong uid, jbyteArray name)
{
    IPC4J_UNUSED(cls);
    char buf[USER_NAME_BYTES];
    jsize room = (*env)->GetArrayLength(env, name);
    int length = ipc4j_user_name((long) uid, buf, room < USER_NAME_BYTES ? (size_t) room : sizeof buf);
    if (length > 0) {
        (*env)->SetByteArrayRegion(env, name, 0, length, (const jbyte *) buf);
    }
    return length;
}

static jlong user_id(JNIEnv *env, jclass cls, jbyteArray name)
{
    IPC4J_UNUSED(cls);
    char buf[USER_NAME_BYTES];
    if (ipc4j_copy_name(env, name, buf, sizeof buf) != 0) {
        return -ENOENT; /* longer than any user name */
    }
    return ipc4j_user_id(buf);
}

static jint blocker_setup(JNIEnv *env, jclass cls, jint signal)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_blocker_setup(signal);
}

static jint blocker_signal(JNIEnv *env, jclass cls)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_blocker_signal();
}

static jlong blocker_create(JNIEnv *env, jclass cls)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    struct ipc4j_blocker *blocker = ipc4j_blocker_create();
    return blocker != NULL ? (jlong) (intptr_t) blocker : -(jlong) errno;
}

static void blocker_free(JNIEnv *env, jclass cls, jlong blocker)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    ipc4j_blocker_free((struct ipc4j_blocker *) (intptr_t) blocker);
}

static jint blocker_wake(JNIEnv *env, jclass cls, jlong blocker)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_blocker_wake((struct ipc4j_blocker *) (intptr_t) blocker);
}

static jboolean blocker_broken(JNIEnv *env, jclass cls)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_blocker_broken() ? JNI_TRUE : JNI_FALSE;
}

static const JNINativeMethod methods[] = {
    { "waitFd", "(IZJJ)I", (void *) wait_fd },
    { "ownerAndMode", "(I)J", (void *) owner_and_mode },
    { "setMode", "(II)I", (void *) set_mode },
    { "effectiveUid", "()J", (void *) effective_uid },
    { "userName", "(J[B)I", (void *) user_name },
    { "userId", "([B)J", (void *) user_id },
    { "blockerSetup", "(I)I", (void *) blocker_setup },
    { "blockerSignal", "()I", (void *) blocker_signal },
    { "blockerCreate", "()J", (void *) blocker_create },
    { "blockerFree", "(J)V", (void *) blocker_free },
    { "blockerWake", "(J)I", (void *) blocker_wake },
    { "blockerBroken", "()Z", (void *) blocker_broken },
};

const struct ipc4j_native_class ipc4j_native_unix = { "NativeUnix", methods, IPC4J_COUNT(methods), NULL };
