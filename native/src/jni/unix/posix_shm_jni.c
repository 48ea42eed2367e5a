/* Natives of NativePosixShm: argument conversion around the plain C core in posix_shm.c. */
#include "ipc4j_jni.h"

#include <errno.h>
#include "posix_shm.h"

#define NAME_BYTES 512

static jlong shm_open_named(JNIEnv *env, jclass cls, jbyteArray name, jint open_mode, jboolean writable, jint mode,
                            jlong size)
{
    IPC4J_UNUSED(cls);
    char buf[NAME_BYTES];
    if (ipc4j_copy_name(env, name, buf, sizeof buf) != 0) {
        return -ENAMETOOLONG;
    }
    int created;
    int fd = ipc4j_shm_open(buf, (enum ipc4j_shm_open_mode) open_mode, writable, mode, size, &created);
    return fd < 0 ? fd : ((jlong) created << 32) | (jlong) fd;
}

static jint shm_close_fd(JNIEnv *env, jclass cls, jint fd)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_shm_close(fd);
}

static jint shm_unlink_named(JNIEnv *env, jclass cls, jbyteArray name)
{
    IPC4J_UNUSED(cls);
    char buf[NAME_BYTES];
    if (ipc4j_copy_name(env, name, buf, sizeof buf) != 0) {
        return -ENAMETOOLONG;
    }
    return ipc4j_shm_unlink(buf);
}

static jlong shm_size(JNIEnv *env, jclass cls, jint fd)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_shm_size(fd);
}

static jint shm_grow(JNIEnv *env, jclass cls, jint fd, jlong size)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_shm_grow(fd, size);
}

static jlong shm_map(JNIEnv *env, jclass cls, jint fd, jlong size, jboolean writable)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_shm_map(fd, size, writable);
}

static jint shm_unmap(JNIEnv *env, jclass cls, jlong address, jlong size)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_shm_unmap(address, size);
}

static const JNINativeMethod methods[] = {
    { "open", "([BIZIJ)J", (void *) shm_open_named },
    { "close", "(I)I", (void *) shm_close_fd },
    { "unlink", "([B)I", (void *) shm_unlink_named },
    { "size", "(I)J", (void *) shm_size },
    { "grow", "(IJ)I", (void *) shm_grow },
    { "map", "(IJZ)J", (void *) shm_map },
    { "unmap", "(JJ)I", (void *) shm_unmap },
};

const struct ipc4j_native_class ipc4j_native_posix_shm = { "NativePosixShm", methods, IPC4J_COUNT(methods), NULL };
