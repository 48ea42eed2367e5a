/* Natives of NativeUnix: the descriptor mechanics every Unix primitive shares (waiting that
 * can be cut short, wake descriptors, ownership checks). */
#include "ipc4j_jni.h"

#include <errno.h>
#include <stdint.h>
#include "ipc4j_blocker.h"
#include "ipc4j_fd.h"
#include "ipc4j_wait.h"
#include "io_github_ipc4j_internal_NativeUnix.h"

_Static_assert(io_github_ipc4j_internal_NativeUnix_WAIT_READY == IPC4J_WAIT_READY, "wait codes");
_Static_assert(io_github_ipc4j_internal_NativeUnix_WAIT_TIMEOUT == IPC4J_WAIT_TIMEOUT, "wait codes");
_Static_assert(io_github_ipc4j_internal_NativeUnix_WAIT_CLOSED == IPC4J_WAIT_CLOSED, "wait codes");
_Static_assert(io_github_ipc4j_internal_NativeUnix_WAIT_WOKEN == IPC4J_WAIT_WOKEN, "wait codes");

static jlong wake_open(JNIEnv *env, jclass cls)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    struct ipc4j_wake wake;
    int rc = ipc4j_wake_open(&wake);
    if (rc != 0) {
        return rc;
    }
    return ((jlong) wake.write_fd << 32) | (jlong) wake.read_fd;
}

static jint wake_signal(JNIEnv *env, jclass cls, jint write_fd)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_wake_signal(write_fd);
}

static void wake_close(JNIEnv *env, jclass cls, jint read_fd, jint write_fd)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    struct ipc4j_wake wake = { read_fd, write_fd };
    ipc4j_wake_close(wake);
}

static jint wait_fd(JNIEnv *env, jclass cls, jint fd, jboolean for_write, jint closed_fd, jint wake_fd,
                    jlong timeout_nanos)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_wait_fd(fd, for_write ? IPC4J_WAIT_FOR_WRITE : IPC4J_WAIT_FOR_READ, closed_fd, wake_fd,
                         timeout_nanos);
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

static void blocker_wake(JNIEnv *env, jclass cls, jlong blocker)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    ipc4j_blocker_wake((struct ipc4j_blocker *) (intptr_t) blocker);
}

static const JNINativeMethod methods[] = {
    { "wakeOpen", "()J", (void *) wake_open },
    { "wakeSignal", "(I)I", (void *) wake_signal },
    { "wakeClose", "(II)V", (void *) wake_close },
    { "waitFd", "(IZIIJ)I", (void *) wait_fd },
    { "ownerAndMode", "(I)J", (void *) owner_and_mode },
    { "setMode", "(II)I", (void *) set_mode },
    { "effectiveUid", "()J", (void *) effective_uid },
    { "blockerCreate", "()J", (void *) blocker_create },
    { "blockerFree", "(J)V", (void *) blocker_free },
    { "blockerWake", "(J)V", (void *) blocker_wake },
};

const struct ipc4j_native_class ipc4j_native_unix = { "NativeUnix", methods, IPC4J_COUNT(methods), NULL };
