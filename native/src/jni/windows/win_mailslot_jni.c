/* Natives of NativeMailslot: argument conversion around the plain C core in win_mailslot.c. */
#include "ipc4j_jni.h"

#include <stdint.h>
#include "win_buffer.h"
#include "win_mailslot.h"
#include "io_github_ipc4j_internal_NativeMailslot.h"
#include "io_github_ipc4j_internal_NativeWindows.h"

#define NAME_BYTES 1024
#define SLOT(p) ((struct ipc4j_mailslot *) (intptr_t) (p))
#define CLIENT(p) ((struct ipc4j_mailslot_client *) (intptr_t) (p))

_Static_assert(io_github_ipc4j_internal_NativeMailslot_BROADCAST_MAX == IPC4J_MAILSLOT_BROADCAST_MAX, "424");
_Static_assert(io_github_ipc4j_internal_NativeMailslot_FOREVER == IPC4J_MAILSLOT_FOREVER, "forever");

static jlong slot_create(JNIEnv *env, jclass cls, jbyteArray name, jint max_message_size, jlong read_timeout_ms,
                         jboolean current_user_only)
{
    IPC4J_UNUSED(cls);
    char buf[NAME_BYTES];
    if (ipc4j_copy_name(env, name, buf, sizeof buf) != 0) {
        return -ERROR_FILENAME_EXCED_RANGE;
    }
    struct ipc4j_mailslot *slot;
    int rc = ipc4j_mailslot_create(buf, (unsigned) max_message_size, (long) read_timeout_ms, current_user_only, &slot);
    return rc != 0 ? rc : (jlong) (intptr_t) slot;
}

static long read_op(void *slot, char *data, unsigned length, const struct ipc4j_cancel *cancel, int64_t timeout,
                    unsigned *needed)
{
    return ipc4j_mailslot_read(slot, data, length, needed, cancel, timeout);
}

static long write_op(void *client, char *data, unsigned length, const struct ipc4j_cancel *cancel, int64_t timeout,
                     unsigned *unused)
{
    IPC4J_UNUSED(cancel);
    IPC4J_UNUSED(timeout);
    IPC4J_UNUSED(unused);
    return ipc4j_mailslot_write(client, data, length);
}

static jlong slot_read(JNIEnv *env, jclass cls, jlong slot, jobject direct, jbyteArray array, jint offset,
                       jint length, jlong closed, jlong wake, jlong timeout)
{
    IPC4J_UNUSED(cls);
    unsigned needed;
    long n = win_buffer_call(env, read_op, SLOT(slot), direct, array, offset, length, 0, closed, wake, timeout,
                             &needed);
    return n == -ERROR_INSUFFICIENT_BUFFER ? io_github_ipc4j_internal_NativeWindows_TOO_SMALL_BASE - (jlong) needed
                                            : n;
}

/* out: max message size, next size (-1: none), message count, read timeout (ms, FOREVER) */
static jint slot_info(JNIEnv *env, jclass cls, jlong slot, jlongArray out)
{
    IPC4J_UNUSED(cls);
    struct ipc4j_mailslot_info info;
    int rc = ipc4j_mailslot_info(SLOT(slot), &info);
    if (rc == 0) {
        jlong values[4] = { info.max_message_size, info.next_size, info.message_count, info.read_timeout_ms };
        (*env)->SetLongArrayRegion(env, out, 0, 4, values);
    }
    return rc;
}

static jint slot_set_read_timeout(JNIEnv *env, jclass cls, jlong slot, jlong read_timeout_ms)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_mailslot_set_read_timeout(SLOT(slot), (long) read_timeout_ms);
}

static void slot_close(JNIEnv *env, jclass cls, jlong slot)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    ipc4j_mailslot_close(SLOT(slot));
}

static jlong client_open(JNIEnv *env, jclass cls, jbyteArray name)
{
    IPC4J_UNUSED(cls);
    char buf[NAME_BYTES];
    if (ipc4j_copy_name(env, name, buf, sizeof buf) != 0) {
        return -ERROR_FILENAME_EXCED_RANGE;
    }
    struct ipc4j_mailslot_client *client;
    int rc = ipc4j_mailslot_open(buf, &client);
    return rc != 0 ? rc : (jlong) (intptr_t) client;
}

static jlong client_write(JNIEnv *env, jclass cls, jlong client, jobject direct, jbyteArray array, jint offset,
                          jint length)
{
    IPC4J_UNUSED(cls);
    unsigned unused;
    return win_buffer_call(env, write_op, CLIENT(client), direct, array, offset, length, 1, 0, 0, 0, &unused);
}

static void client_close(JNIEnv *env, jclass cls, jlong client)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    ipc4j_mailslot_client_close(CLIENT(client));
}

#define BUFFER_ARGS "Ljava/nio/ByteBuffer;[BII"

static const JNINativeMethod methods[] = {
    { "create", "([BIJZ)J", (void *) slot_create },
    { "read", "(J" BUFFER_ARGS "JJJ)J", (void *) slot_read },
    { "info", "(J[J)I", (void *) slot_info },
    { "setReadTimeout", "(JJ)I", (void *) slot_set_read_timeout },
    { "close", "(J)V", (void *) slot_close },
    { "open", "([B)J", (void *) client_open },
    { "write", "(J" BUFFER_ARGS ")J", (void *) client_write },
    { "clientClose", "(J)V", (void *) client_close },
};

const struct ipc4j_native_class ipc4j_native_mailslot = { "NativeMailslot", methods, IPC4J_COUNT(methods), NULL };
