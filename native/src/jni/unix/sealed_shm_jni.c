/* Natives of NativeSealedShm: sealed memfd objects (memfd_shm.c) and the Unix-domain sockets that
 * hand them over (unix_socket.c), argument conversion only. */
#include "ipc4j_jni.h"

#include <errno.h>
#include <stdlib.h>
#include "child_spawn.h"
#include "memfd_shm.h"
#include "unix_socket.h"
#include "io_github_ipc4j_internal_NativeSealedShm.h"

#define NAME_BYTES 4096

_Static_assert(io_github_ipc4j_internal_NativeSealedShm_WOULD_BLOCK == IPC4J_SOCKET_WOULD_BLOCK, "codes");
_Static_assert(io_github_ipc4j_internal_NativeSealedShm_NO_DESCRIPTOR == IPC4J_SOCKET_NO_DESCRIPTOR, "codes");
_Static_assert(io_github_ipc4j_internal_NativeSealedShm_NOT_MEMFD == IPC4J_MEMFD_NOT_MEMFD, "codes");
_Static_assert(io_github_ipc4j_internal_NativeSealedShm_CHILD_RUNNING == IPC4J_CHILD_RUNNING, "codes");
_Static_assert(io_github_ipc4j_internal_NativeSealedShm_SEAL_SHRINK == IPC4J_SEAL_SHRINK, "seal bits");
_Static_assert(io_github_ipc4j_internal_NativeSealedShm_SEAL_GROW == IPC4J_SEAL_GROW, "seal bits");
_Static_assert(io_github_ipc4j_internal_NativeSealedShm_SEAL_SEAL == IPC4J_SEAL_SEAL, "seal bits");
_Static_assert(io_github_ipc4j_internal_NativeSealedShm_SEAL_WRITE == IPC4J_SEAL_WRITE, "seal bits");

static jint memfd_create_sealed(JNIEnv *env, jclass cls, jbyteArray name, jlong size, jint extra_seals)
{
    IPC4J_UNUSED(cls);
    char buf[NAME_BYTES];
    if (ipc4j_copy_name(env, name, buf, sizeof buf) != 0) {
        return -ENAMETOOLONG;
    }
    return ipc4j_memfd_create(buf, size, extra_seals);
}

static jlong memfd_verify(JNIEnv *env, jclass cls, jint fd, jint required_seals)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    int seals;
    int64_t size;
    int writable;
    int rc = ipc4j_memfd_verify(fd, required_seals, &seals, &size, &writable);
    if (rc != 0) {
        return rc;
    }
    return ((jlong) size << 5) | ((jlong) writable << 4) | (jlong) seals;
}

static jint memfd_seals(JNIEnv *env, jclass cls, jint fd)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_memfd_seals(fd);
}

static jint memfd_adopt(JNIEnv *env, jclass cls, jint fd)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_memfd_adopt(fd);
}

static jint memfd_inheritable(JNIEnv *env, jclass cls, jint fd)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_memfd_inheritable(fd);
}

static jint socket_listen(JNIEnv *env, jclass cls, jbyteArray path, jint mode, jint backlog)
{
    IPC4J_UNUSED(cls);
    char buf[NAME_BYTES];
    if (ipc4j_copy_name(env, path, buf, sizeof buf) != 0) {
        return -ENAMETOOLONG;
    }
    return ipc4j_socket_listen(buf, mode, backlog);
}

static jint socket_accept(JNIEnv *env, jclass cls, jint listener)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_socket_accept(listener);
}

static jint socket_connect(JNIEnv *env, jclass cls, jbyteArray path)
{
    IPC4J_UNUSED(cls);
    char buf[NAME_BYTES];
    if (ipc4j_copy_name(env, path, buf, sizeof buf) != 0) {
        return -ENAMETOOLONG;
    }
    return ipc4j_socket_connect(buf);
}

static jint socket_peer(JNIEnv *env, jclass cls, jint fd, jlongArray out)
{
    IPC4J_UNUSED(cls);
    int64_t pid, uid, gid;
    int rc = ipc4j_socket_peer(fd, &pid, &uid, &gid);
    if (rc == 0) {
        jlong values[3] = { pid, uid, gid };
        (*env)->SetLongArrayRegion(env, out, 0, 3, values);
    }
    return rc;
}

static jint socket_send_fd(JNIEnv *env, jclass cls, jint fd, jint passed, jint tag)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_socket_send_fd(fd, passed, (unsigned char) tag);
}

static jlong socket_receive_fd(JNIEnv *env, jclass cls, jint fd)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    unsigned char tag = 0;
    int passed = ipc4j_socket_receive_fd(fd, &tag);
    return passed < 0 ? passed : ((jlong) tag << 32) | (jlong) passed;
}

/* args: count NUL-terminated strings one after the other */
static jlong spawn_inheriting(JNIEnv *env, jclass cls, jbyteArray args, jint count, jint fd, jint child_fd,
                              jbyteArray output)
{
    IPC4J_UNUSED(cls);
    jsize length = (*env)->GetArrayLength(env, args);
    char out[NAME_BYTES];
    if (count <= 0 || length <= 0 || (output != NULL && ipc4j_copy_name(env, output, out, sizeof out) != 0)) {
        return -EINVAL;
    }
    char *bytes = malloc((size_t) length);
    char **argv = calloc((size_t) count + 1, sizeof(char *));
    jlong rc = -ENOMEM;
    if (bytes != NULL && argv != NULL) {
        (*env)->GetByteArrayRegion(env, args, 0, length, (jbyte *) bytes);
        rc = bytes[length - 1] == '\0' ? 0 : -EINVAL;
        char *p = bytes;
        for (jint i = 0; rc == 0 && i < count; i++) {
            if (p >= bytes + length) {
                rc = -EINVAL;
                break;
            }
            argv[i] = p;
            while (*p != '\0') {
                p++;
            }
            p++;
        }
        if (rc == 0) {
            rc = ipc4j_spawn_inheriting(argv, fd, child_fd, output != NULL ? out : NULL);
        }
    }
    free(argv);
    free(bytes);
    return rc;
}

static jint child_exit(JNIEnv *env, jclass cls, jlong pid)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_child_exit(pid, 0);
}

static const JNINativeMethod methods[] = {
    { "create", "([BJI)I", (void *) memfd_create_sealed },
    { "verify", "(II)J", (void *) memfd_verify },
    { "seals", "(I)I", (void *) memfd_seals },
    { "keep", "(I)I", (void *) memfd_adopt },
    { "inheritable", "(I)I", (void *) memfd_inheritable },
    { "spawn", "([BIII[B)J", (void *) spawn_inheriting },
    { "childExit", "(J)I", (void *) child_exit },
    { "listen", "([BII)I", (void *) socket_listen },
    { "accept", "(I)I", (void *) socket_accept },
    { "connect", "([B)I", (void *) socket_connect },
    { "peer", "(I[J)I", (void *) socket_peer },
    { "sendFd", "(III)I", (void *) socket_send_fd },
    { "receiveFd", "(I)J", (void *) socket_receive_fd },
};

const struct ipc4j_native_class ipc4j_native_sealed_shm = { "NativeSealedShm", methods, IPC4J_COUNT(methods), NULL };
