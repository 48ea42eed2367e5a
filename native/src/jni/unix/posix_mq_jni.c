/* Natives of NativePosixMq: argument conversion around the plain C core in posix_mq.c. */
#include "ipc4j_jni.h"

#ifdef IPC4J_HAVE_POSIX_MQ
#include <errno.h>
#include <stdint.h>
#include "posix_mq.h"
#include "io_github_ipc4j_internal_NativePosixMq.h"

_Static_assert(io_github_ipc4j_internal_NativePosixMq_WOULD_BLOCK == IPC4J_MQ_WOULD_BLOCK, "would-block code");

#define NAME_BYTES 512

static jclass mq_class;
static jmethodID arrived_method;

static jlong mq_open_queue(JNIEnv *env, jclass cls, jbyteArray name, jint open_mode, jint access, jint mode,
                           jlong max_messages, jlong message_size)
{
    IPC4J_UNUSED(cls);
    char buf[NAME_BYTES];
    if (ipc4j_copy_name(env, name, buf, sizeof buf) != 0) {
        return -ENAMETOOLONG;
    }
    int created;
    int fd = ipc4j_mq_open(buf, (enum ipc4j_mq_open_mode) open_mode, (enum ipc4j_mq_access) access, mode,
                           (long) max_messages, (long) message_size, &created);
    if (fd < 0) {
        return fd;
    }
    return ((jlong) created << 32) | (jlong) fd;
}

static jint mq_close_queue(JNIEnv *env, jclass cls, jint fd)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_mq_close(fd);
}

static jint mq_unlink_queue(JNIEnv *env, jclass cls, jbyteArray name)
{
    IPC4J_UNUSED(cls);
    char buf[NAME_BYTES];
    if (ipc4j_copy_name(env, name, buf, sizeof buf) != 0) {
        return -ENAMETOOLONG;
    }
    return ipc4j_mq_unlink(buf);
}

static jint send_direct(JNIEnv *env, jclass cls, jint fd, jobject buffer, jint position, jint length,
                        jint priority)
{
    IPC4J_UNUSED(cls);
    char *data = ipc4j_direct_range(env, buffer, position, length);
    if (data == NULL) {
        return -EFAULT;
    }
    return ipc4j_mq_try_send(fd, data, (size_t) length, (unsigned) priority);
}

/* The waiting form, for direct buffers only: a heap array cannot stay pinned through a wait. */
static jint send_direct_waiting(JNIEnv *env, jclass cls, jint fd, jobject buffer, jint position, jint length,
                                jint priority, jlong blocker, jlong timeout_ns)
{
    IPC4J_UNUSED(cls);
    char *data = ipc4j_direct_range(env, buffer, position, length);
    if (data == NULL) {
        return -EFAULT;
    }
    return ipc4j_mq_send_waiting(fd, data, (size_t) length, (unsigned) priority,
                                 (struct ipc4j_blocker *) (intptr_t) blocker, (int64_t) timeout_ns);
}

/* Heap arrays are pinned only around one try, which never sleeps. */
static jint send_array(JNIEnv *env, jclass cls, jint fd, jbyteArray array, jint offset, jint length,
                       jint priority)
{
    IPC4J_UNUSED(cls);
    if (!ipc4j_array_range(env, array, offset, length)) {
        return -EFAULT;
    }
    char *base = (*env)->GetPrimitiveArrayCritical(env, array, NULL);
    if (base == NULL) {
        return -ENOMEM;
    }
    int rc = ipc4j_mq_try_send(fd, base + offset, (size_t) length, (unsigned) priority);
    (*env)->ReleasePrimitiveArrayCritical(env, array, base, JNI_ABORT);
    return rc;
}

static jlong pack_received(long length, unsigned priority)
{
    return length < 0 ? (jlong) length : ((jlong) priority << 32) | (jlong) length;
}

static jlong receive_direct(JNIEnv *env, jclass cls, jint fd, jobject buffer, jint position, jint capacity)
{
    IPC4J_UNUSED(cls);
    char *data = ipc4j_direct_range(env, buffer, position, capacity);
    if (data == NULL) {
        return -EFAULT;
    }
    unsigned priority = 0;
    long n = ipc4j_mq_try_receive(fd, data, (size_t) capacity, &priority);
    return pack_received(n, priority);
}

/* The waiting form, for direct buffers only: a heap array cannot stay pinned through a wait. */
static jlong receive_direct_waiting(JNIEnv *env, jclass cls, jint fd, jobject buffer, jint position, jint capacity,
                                    jlong blocker, jlong timeout_ns)
{
    IPC4J_UNUSED(cls);
    char *data = ipc4j_direct_range(env, buffer, position, capacity);
    if (data == NULL) {
        return -EFAULT;
    }
    unsigned priority = 0;
    long n = ipc4j_mq_receive_waiting(fd, data, (size_t) capacity, &priority,
                                      (struct ipc4j_blocker *) (intptr_t) blocker, (int64_t) timeout_ns);
    return pack_received(n, priority);
}

static jlong receive_array(JNIEnv *env, jclass cls, jint fd, jbyteArray array, jint offset, jint capacity)
{
    IPC4J_UNUSED(cls);
    if (!ipc4j_array_range(env, array, offset, capacity)) {
        return -EFAULT;
    }
    char *base = (*env)->GetPrimitiveArrayCritical(env, array, NULL);
    if (base == NULL) {
        return -ENOMEM;
    }
    unsigned priority = 0;
    long n = ipc4j_mq_try_receive(fd, base + offset, (size_t) capacity, &priority);
    (*env)->ReleasePrimitiveArrayCritical(env, array, base, n >= 0 ? 0 : JNI_ABORT);
    return pack_received(n, priority);
}

static jint get_attributes(JNIEnv *env, jclass cls, jint fd, jlongArray out)
{
    IPC4J_UNUSED(cls);
    struct ipc4j_mq_attr attr;
    int rc = ipc4j_mq_get_attr(fd, &attr);
    if (rc != 0) {
        return rc;
    }
    jlong values[4] = { attr.flags != 0, attr.max_messages, attr.message_size, attr.current_messages };
    (*env)->SetLongArrayRegion(env, out, 0, 4, values);
    return 0;
}

static jint set_nonblocking(JNIEnv *env, jclass cls, jint fd, jboolean nonblocking)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_mq_set_nonblocking(fd, nonblocking);
}

static jlong priority_limit(JNIEnv *env, jclass cls)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_mq_priority_limit();
}

/* Runs on a thread the C library starts for the notification: it calls Java as a daemon. */
static void on_arrival(union sigval value)
{
    JNIEnv *env;
    int attached = 0;
    if ((*ipc4j_vm)->GetEnv(ipc4j_vm, (void **) &env, JNI_VERSION_1_8) == JNI_EDETACHED) {
        JavaVMAttachArgs args = { JNI_VERSION_1_8, "ipc4j-mq-notify", NULL };
        if ((*ipc4j_vm)->AttachCurrentThreadAsDaemon(ipc4j_vm, (void **) &env, &args) != JNI_OK) {
            return; /* the VM is shutting down: nobody is left to tell */
        }
        attached = 1;
    }
    jclass cls = (*env)->NewLocalRef(env, mq_class);
    if (cls != NULL) { /* NULL: the class loader that loaded ipc4j is gone, and the callback with it */
        (*env)->CallStaticVoidMethod(env, cls, arrived_method, (jlong) (intptr_t) value.sival_ptr);
        if ((*env)->ExceptionCheck(env)) {
            (*env)->ExceptionDescribe(env);
            (*env)->ExceptionClear(env);
        }
        (*env)->DeleteLocalRef(env, cls);
    }
    if (attached) {
        (*ipc4j_vm)->DetachCurrentThread(ipc4j_vm);
    }
}

static jint notify_register(JNIEnv *env, jclass cls, jint fd, jlong token)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_mq_notify(fd, on_arrival, (void *) (intptr_t) token);
}

static jint notify_cancel(JNIEnv *env, jclass cls, jint fd)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_mq_notify_cancel(fd);
}

static jlong identity(JNIEnv *env, jclass cls, jint fd)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_mq_identity(fd);
}

static int cache_callback(JNIEnv *env, jclass cls)
{
    /* weak: a strong reference would keep ipc4j's class loader from ever being collected */
    mq_class = (*env)->NewWeakGlobalRef(env, cls);
    arrived_method = (*env)->GetStaticMethodID(env, cls, "arrived", "(J)V");
    return mq_class != NULL && arrived_method != NULL ? 0 : -1;
}

static const JNINativeMethod methods[] = {
    { "open", "([BIIIJJ)J", (void *) mq_open_queue },
    { "close", "(I)I", (void *) mq_close_queue },
    { "unlink", "([B)I", (void *) mq_unlink_queue },
    { "sendDirect", "(ILjava/nio/ByteBuffer;III)I", (void *) send_direct },
    { "sendDirectWaiting", "(ILjava/nio/ByteBuffer;IIIJJ)I", (void *) send_direct_waiting },
    { "sendArray", "(I[BIII)I", (void *) send_array },
    { "receiveDirect", "(ILjava/nio/ByteBuffer;II)J", (void *) receive_direct },
    { "receiveDirectWaiting", "(ILjava/nio/ByteBuffer;IIJJ)J", (void *) receive_direct_waiting },
    { "receiveArray", "(I[BII)J", (void *) receive_array },
    { "getAttributes", "(I[J)I", (void *) get_attributes },
    { "setNonBlocking", "(IZ)I", (void *) set_nonblocking },
    { "priorityLimit", "()J", (void *) priority_limit },
    { "notifyRegister", "(IJ)I", (void *) notify_register },
    { "notifyCancel", "(I)I", (void *) notify_cancel },
    { "identity", "(I)J", (void *) identity },
};

const struct ipc4j_native_class ipc4j_native_posix_mq = { "NativePosixMq", methods, IPC4J_COUNT(methods),
                                                          cache_callback };
#endif /* IPC4J_HAVE_POSIX_MQ */
