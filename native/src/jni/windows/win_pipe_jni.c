/* Natives of NativeWinPipe: argument conversion around the plain C core in win_pipe.c. */
#include "ipc4j_jni.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "win_buffer.h"
#include "win_pipe.h"
#include "win_pipe_list.h"
#include "io_github_ipc4j_internal_NativeWinPipe.h"
#include "io_github_ipc4j_internal_NativeWindows.h"

#define NAME_BYTES 1024
#define PIPE(p) ((struct ipc4j_pipe *) (intptr_t) (p))

_Static_assert(io_github_ipc4j_internal_NativeWinPipe_MORE_DATA == (jlong) 1 << 32, "more-data flag");

static jlong pipe_create(JNIEnv *env, jclass cls, jbyteArray name, jboolean message_mode, jint max_instances,
                         jint out_buffer, jint in_buffer, jboolean first_instance, jboolean reject_remote,
                         jboolean current_user_only)
{
    IPC4J_UNUSED(cls);
    char buf[NAME_BYTES];
    if (ipc4j_copy_name(env, name, buf, sizeof buf) != 0) {
        return -ERROR_FILENAME_EXCED_RANGE;
    }
    struct ipc4j_pipe_config config = {
        message_mode, (unsigned) max_instances, (unsigned) out_buffer, (unsigned) in_buffer, first_instance,
        reject_remote, current_user_only,
    };
    struct ipc4j_pipe *pipe;
    int rc = ipc4j_pipe_create(buf, &config, &pipe);
    return rc != 0 ? rc : (jlong) (intptr_t) pipe;
}

static jint pipe_accept(JNIEnv *env, jclass cls, jlong pipe, jlong closed, jlong wake, jlong timeout)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    struct ipc4j_cancel cancel = { (HANDLE) (intptr_t) closed, (HANDLE) (intptr_t) wake };
    return ipc4j_pipe_accept(PIPE(pipe), &cancel, timeout);
}

static jint pipe_disconnect(JNIEnv *env, jclass cls, jlong pipe)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_pipe_disconnect(PIPE(pipe));
}

static jlong pipe_connect(JNIEnv *env, jclass cls, jbyteArray name, jboolean allow_impersonation, jlong closed,
                          jlong wake, jlong timeout)
{
    IPC4J_UNUSED(cls);
    char buf[NAME_BYTES];
    if (ipc4j_copy_name(env, name, buf, sizeof buf) != 0) {
        return -ERROR_FILENAME_EXCED_RANGE;
    }
    struct ipc4j_cancel cancel = { (HANDLE) (intptr_t) closed, (HANDLE) (intptr_t) wake };
    struct ipc4j_pipe *pipe;
    int rc = ipc4j_pipe_connect(buf, allow_impersonation, &cancel, timeout, &pipe);
    return rc != 0 ? rc : (jlong) (intptr_t) pipe;
}

static long read_op(void *pipe, char *data, unsigned length, const struct ipc4j_cancel *cancel, int64_t timeout,
                    unsigned *more)
{
    int flag;
    long n = ipc4j_pipe_read(pipe, data, length, &flag, cancel, timeout);
    *more = (unsigned) flag;
    return n;
}

static long read_message_op(void *pipe, char *data, unsigned length, const struct ipc4j_cancel *cancel,
                            int64_t timeout, unsigned *needed)
{
    return ipc4j_pipe_read_message(pipe, data, length, needed, cancel, timeout);
}

static long write_op(void *pipe, char *data, unsigned length, const struct ipc4j_cancel *cancel, int64_t timeout,
                     unsigned *unused)
{
    IPC4J_UNUSED(unused);
    return ipc4j_pipe_write(pipe, data, length, cancel, timeout);
}

static long peek_op(void *pipe, char *data, unsigned length, const struct ipc4j_cancel *cancel, int64_t timeout,
                    unsigned *unused)
{
    IPC4J_UNUSED(cancel);
    IPC4J_UNUSED(timeout);
    IPC4J_UNUSED(unused);
    struct ipc4j_pipe_peek peek;
    return ipc4j_pipe_peek(pipe, data, length, &peek);
}

static jlong pipe_read(JNIEnv *env, jclass cls, jlong pipe, jobject direct, jbyteArray array, jint offset,
                       jint length, jlong closed, jlong wake, jlong timeout)
{
    IPC4J_UNUSED(cls);
    unsigned more;
    long n = win_buffer_call(env, read_op, PIPE(pipe), direct, array, offset, length, 0, closed, wake, timeout, &more);
    return n >= 0 && more ? (jlong) n | io_github_ipc4j_internal_NativeWinPipe_MORE_DATA : (jlong) n;
}

static jlong pipe_read_message(JNIEnv *env, jclass cls, jlong pipe, jobject direct, jbyteArray array, jint offset,
                               jint length, jlong closed, jlong wake, jlong timeout)
{
    IPC4J_UNUSED(cls);
    unsigned needed;
    long n = win_buffer_call(env, read_message_op, PIPE(pipe), direct, array, offset, length, 0, closed, wake,
                             timeout, &needed);
    return n == -ERROR_MORE_DATA ? io_github_ipc4j_internal_NativeWindows_TOO_SMALL_BASE - (jlong) needed : n;
}

static jlong pipe_write(JNIEnv *env, jclass cls, jlong pipe, jobject direct, jbyteArray array, jint offset,
                        jint length, jlong closed, jlong wake, jlong timeout)
{
    IPC4J_UNUSED(cls);
    unsigned unused;
    return win_buffer_call(env, write_op, PIPE(pipe), direct, array, offset, length, 1, closed, wake, timeout,
                           &unused);
}

static jlong pipe_peek(JNIEnv *env, jclass cls, jlong pipe, jobject direct, jbyteArray array, jint offset,
                       jint length)
{
    IPC4J_UNUSED(cls);
    unsigned unused;
    return win_buffer_call(env, peek_op, PIPE(pipe), direct, array, offset, length, 0, 0, 0, 0, &unused);
}

static jlong pipe_peek_counts(JNIEnv *env, jclass cls, jlong pipe)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    struct ipc4j_pipe_peek peek;
    long n = ipc4j_pipe_peek(PIPE(pipe), NULL, 0, &peek);
    return n < 0 ? (jlong) n : ((jlong) peek.available << 32) | (jlong) peek.message_left;
}

/* out: server, message mode, out buffer, in buffer, max instances */
static jint pipe_info(JNIEnv *env, jclass cls, jlong pipe, jintArray out)
{
    IPC4J_UNUSED(cls);
    struct ipc4j_pipe_info info;
    int rc = ipc4j_pipe_info(PIPE(pipe), &info);
    if (rc == 0) {
        jint values[5] = { info.server, info.message_mode, (jint) info.out_buffer_size, (jint) info.in_buffer_size,
                           (jint) info.max_instances };
        (*env)->SetIntArrayRegion(env, out, 0, 5, values);
    }
    return rc;
}

static jlong pipe_peer_pid(JNIEnv *env, jclass cls, jlong pipe)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_pipe_peer_pid(PIPE(pipe));
}

static void pipe_close(JNIEnv *env, jclass cls, jlong pipe)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    ipc4j_pipe_close(PIPE(pipe));
}

/* The listing packed for Java: per pipe, its instance count (4 bytes, big-endian, -1 unknown), its UTF-8
 * name and a NUL. */
struct packed {
    char *bytes;
    size_t length;
    size_t capacity;
};

static int pack(const struct ipc4j_pipe_entry *entry, void *context)
{
    struct packed *p = context;
    size_t name_length = strlen(entry->name) + 1;
    size_t need = p->length + 4 + name_length;
    if (need > p->capacity) {
        size_t capacity = need > 2 * p->capacity ? need : 2 * p->capacity;
        char *bytes = realloc(p->bytes, capacity);
        if (bytes == NULL) {
            return -ERROR_NOT_ENOUGH_MEMORY;
        }
        p->bytes = bytes;
        p->capacity = capacity;
    }
    uint32_t instances = (uint32_t) entry->instances;
    for (int i = 0; i < 4; i++) {
        p->bytes[p->length++] = (char) (instances >> (24 - 8 * i));
    }
    memcpy(p->bytes + p->length, entry->name, name_length);
    p->length += name_length;
    return 0;
}

/* The packed listing into out: its length, TOO_SMALL_BASE - the length it needs, or -error. */
static jlong pipe_list(JNIEnv *env, jclass cls, jbyteArray out)
{
    IPC4J_UNUSED(cls);
    struct packed p = { NULL, 0, 0 };
    int rc = ipc4j_pipe_list(pack, &p);
    jlong result;
    if (rc != 0) {
        result = rc;
    } else if (p.length > (size_t) (*env)->GetArrayLength(env, out)) {
        result = io_github_ipc4j_internal_NativeWindows_TOO_SMALL_BASE - (jlong) p.length;
    } else {
        (*env)->SetByteArrayRegion(env, out, 0, (jsize) p.length, (const jbyte *) p.bytes);
        result = (jlong) p.length;
    }
    free(p.bytes);
    return result;
}

#define BUFFER_ARGS "Ljava/nio/ByteBuffer;[BII"

static const JNINativeMethod methods[] = {
    { "create", "([BZIIIZZZ)J", (void *) pipe_create },
    { "accept", "(JJJJ)I", (void *) pipe_accept },
    { "disconnect", "(J)I", (void *) pipe_disconnect },
    { "connect", "([BZJJJ)J", (void *) pipe_connect },
    { "read", "(J" BUFFER_ARGS "JJJ)J", (void *) pipe_read },
    { "readMessage", "(J" BUFFER_ARGS "JJJ)J", (void *) pipe_read_message },
    { "write", "(J" BUFFER_ARGS "JJJ)J", (void *) pipe_write },
    { "peek", "(J" BUFFER_ARGS ")J", (void *) pipe_peek },
    { "peekCounts", "(J)J", (void *) pipe_peek_counts },
    { "info", "(J[I)I", (void *) pipe_info },
    { "peerProcessId", "(J)J", (void *) pipe_peer_pid },
    { "close", "(J)V", (void *) pipe_close },
    { "list", "([B)J", (void *) pipe_list },
};

const struct ipc4j_native_class ipc4j_native_win_pipe = { "NativeWinPipe", methods, IPC4J_COUNT(methods), NULL };
