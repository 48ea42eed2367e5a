/* Natives of NativeFifo: argument conversion around the plain C core in fifo.c. */
#include "ipc4j_jni.h"

#include <errno.h>
#include <stdint.h>
#include "fifo.h"
#include "io_github_ipc4j_internal_NativeFifo.h"

_Static_assert(io_github_ipc4j_internal_NativeFifo_WOULD_BLOCK == IPC4J_FIFO_WOULD_BLOCK, "would-block code");
_Static_assert(io_github_ipc4j_internal_NativeFifo_NOT_A_FIFO == IPC4J_FIFO_NOT_A_FIFO, "not-a-FIFO code");

#define PATH_BYTES 4097

static jint fifo_create(JNIEnv *env, jclass cls, jbyteArray path, jint mode)
{
    IPC4J_UNUSED(cls);
    char buf[PATH_BYTES];
    if (ipc4j_copy_name(env, path, buf, sizeof buf) != 0) {
        return -ENAMETOOLONG;
    }
    return ipc4j_fifo_create(buf, mode);
}

static jint fifo_delete(JNIEnv *env, jclass cls, jbyteArray path)
{
    IPC4J_UNUSED(cls);
    char buf[PATH_BYTES];
    if (ipc4j_copy_name(env, path, buf, sizeof buf) != 0) {
        return -ENAMETOOLONG;
    }
    return ipc4j_fifo_delete(buf);
}

static jint fifo_open(JNIEnv *env, jclass cls, jbyteArray path, jboolean for_write)
{
    IPC4J_UNUSED(cls);
    char buf[PATH_BYTES];
    if (ipc4j_copy_name(env, path, buf, sizeof buf) != 0) {
        return -ENAMETOOLONG;
    }
    return ipc4j_fifo_open(buf, for_write);
}

static jint read_direct(JNIEnv *env, jclass cls, jint fd, jobject buffer, jint position, jint length)
{
    IPC4J_UNUSED(cls);
    char *data = ipc4j_direct_range(env, buffer, position, length);
    return data == NULL ? -EFAULT : (jint) ipc4j_fifo_read(fd, data, (size_t) length);
}

static jint read_direct_waiting(JNIEnv *env, jclass cls, jint fd, jobject buffer, jint position, jint length,
                               jlong blocker)
{
    IPC4J_UNUSED(cls);
    char *data = ipc4j_direct_range(env, buffer, position, length);
    return data == NULL ? -EFAULT
                        : (jint) ipc4j_fifo_read_waiting(fd, data, (size_t) length,
                                                         (struct ipc4j_blocker *) (intptr_t) blocker);
}

static jint open_twin(JNIEnv *env, jclass cls, jint fd, jbyteArray path)
{
    IPC4J_UNUSED(cls);
    char buf[PATH_BYTES];
    if (ipc4j_copy_name(env, path, buf, sizeof buf) != 0) {
        return -ENAMETOOLONG;
    }
    return ipc4j_fifo_open_twin(fd, buf);
}

/* Heap arrays are pinned only around one try, which never sleeps. */
static jint read_array(JNIEnv *env, jclass cls, jint fd, jbyteArray array, jint offset, jint length)
{
    IPC4J_UNUSED(cls);
    if (!ipc4j_array_range(env, array, offset, length)) {
        return -EFAULT;
    }
    char *base = (*env)->GetPrimitiveArrayCritical(env, array, NULL);
    if (base == NULL) {
        return -ENOMEM;
    }
    long n = ipc4j_fifo_read(fd, base + offset, (size_t) length);
    (*env)->ReleasePrimitiveArrayCritical(env, array, base, n > 0 ? 0 : JNI_ABORT);
    return (jint) n;
}

static jint write_direct(JNIEnv *env, jclass cls, jint fd, jobject buffer, jint position, jint length,
                         jboolean guard_sigpipe)
{
    IPC4J_UNUSED(cls);
    char *data = ipc4j_direct_range(env, buffer, position, length);
    return data == NULL ? -EFAULT : (jint) ipc4j_fifo_write(fd, data, (size_t) length, guard_sigpipe);
}

static jint write_direct_waiting(JNIEnv *env, jclass cls, jint fd, jobject buffer, jint position, jint length,
                                 jboolean guard_sigpipe, jlong blocker)
{
    IPC4J_UNUSED(cls);
    char *data = ipc4j_direct_range(env, buffer, position, length);
    return data == NULL ? -EFAULT
                        : (jint) ipc4j_fifo_write_waiting(fd, data, (size_t) length, guard_sigpipe,
                                                          (struct ipc4j_blocker *) (intptr_t) blocker);
}

static jint write_array(JNIEnv *env, jclass cls, jint fd, jbyteArray array, jint offset, jint length,
                        jboolean guard_sigpipe)
{
    IPC4J_UNUSED(cls);
    if (!ipc4j_array_range(env, array, offset, length)) {
        return -EFAULT;
    }
    char *base = (*env)->GetPrimitiveArrayCritical(env, array, NULL);
    if (base == NULL) {
        return -ENOMEM;
    }
    long n = ipc4j_fifo_write(fd, base + offset, (size_t) length, guard_sigpipe);
    (*env)->ReleasePrimitiveArrayCritical(env, array, base, JNI_ABORT);
    return (jint) n;
}

static jboolean hung_up(JNIEnv *env, jclass cls, jint fd)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return (jboolean) ipc4j_fifo_hung_up(fd);
}

static jboolean sigpipe_kills(JNIEnv *env, jclass cls)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return (jboolean) ipc4j_sigpipe_kills();
}

static jint pipe_buf(JNIEnv *env, jclass cls)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return (jint) ipc4j_fifo_pipe_buf();
}

static jint fifo_close(JNIEnv *env, jclass cls, jint fd)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_fifo_close(fd);
}

static const JNINativeMethod methods[] = {
    { "create", "([BI)I", (void *) fifo_create },
    { "delete", "([B)I", (void *) fifo_delete },
    { "open", "([BZ)I", (void *) fifo_open },
    { "readDirect", "(ILjava/nio/ByteBuffer;II)I", (void *) read_direct },
    { "readArray", "(I[BII)I", (void *) read_array },
    { "readDirectWaiting", "(ILjava/nio/ByteBuffer;IIJ)I", (void *) read_direct_waiting },
    { "openTwin", "(I[B)I", (void *) open_twin },
    { "writeDirect", "(ILjava/nio/ByteBuffer;IIZ)I", (void *) write_direct },
    { "writeDirectWaiting", "(ILjava/nio/ByteBuffer;IIZJ)I", (void *) write_direct_waiting },
    { "writeArray", "(I[BIIZ)I", (void *) write_array },
    { "hungUp", "(I)Z", (void *) hung_up },
    { "sigpipeKills", "()Z", (void *) sigpipe_kills },
    { "pipeBuf", "()I", (void *) pipe_buf },
    { "close", "(I)I", (void *) fifo_close },
};

const struct ipc4j_native_class ipc4j_native_fifo = { "NativeFifo", methods, IPC4J_COUNT(methods), NULL };
