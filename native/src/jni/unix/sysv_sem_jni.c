/* Natives of NativeSysvSem: argument conversion around the plain C core in sysv_sem.c. */
#include "ipc4j_jni.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include "sysv_sem.h"
#include "io_github_ipc4j_internal_NativeSysvSem.h"

#define JAVA(name) io_github_ipc4j_internal_NativeSysvSem_##name

_Static_assert(JAVA(FLAG_NOWAIT) == IPC4J_SEM_NOWAIT, "no-wait flag");
_Static_assert(JAVA(FLAG_UNDO) == IPC4J_SEM_UNDO, "undo flag");
_Static_assert(JAVA(STATUS_LENGTH) == sizeof(struct ipc4j_sem_status) / sizeof(int64_t), "status length");

/* The most operations one call takes (SEMOPM is far below it everywhere). */
#define MAX_OPS 65536

static jlong sem_open_set(JNIEnv *env, jclass cls, jint key, jint open_mode, jint nsems, jint mode)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    int created;
    int id = ipc4j_sem_open((int32_t) key, (enum ipc4j_sysv_open_mode) open_mode, nsems, mode, &created);
    return id < 0 ? (jlong) id : ((jlong) created << 32) | (jlong) id;
}

static jint sembuf_size(JNIEnv *env, jclass cls)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return (jint) ipc4j_sem_sembuf_size();
}

/* Runs when an operation is built, never when it is performed. */
static void encode(JNIEnv *env, jclass cls, jshortArray nums, jshortArray ops, jbyteArray flags, jint count,
                   jboolean all_nowait, jobject out)
{
    IPC4J_UNUSED(cls);
    void *base = ipc4j_direct_address(env, out);
    if (base == NULL || count <= 0 || count > MAX_OPS
        || (*env)->GetDirectBufferCapacity(env, out) < (jlong) count * (jlong) ipc4j_sem_sembuf_size()) {
        ipc4j_throw(env, "java/lang/IllegalArgumentException", "ipc4j: bad sembuf buffer");
        return;
    }
    uint16_t *n = malloc((size_t) count * sizeof *n);
    int16_t *o = malloc((size_t) count * sizeof *o);
    uint8_t *f = malloc((size_t) count * sizeof *f);
    if (n == NULL || o == NULL || f == NULL) {
        ipc4j_throw(env, "java/lang/OutOfMemoryError", "ipc4j: encoding semaphore operations");
    } else {
        (*env)->GetShortArrayRegion(env, nums, 0, count, (jshort *) n);
        (*env)->GetShortArrayRegion(env, ops, 0, count, (jshort *) o);
        (*env)->GetByteArrayRegion(env, flags, 0, count, (jbyte *) f);
        if (!(*env)->ExceptionCheck(env)) {
            ipc4j_sem_encode(base, count, n, o, f, all_nowait);
        }
    }
    free(n);
    free(o);
    free(f);
}

static jint sem_op(JNIEnv *env, jclass cls, jint id, jobject sops, jint count, jlong blocker, jlong timeout_ns)
{
    IPC4J_UNUSED(cls);
    void *base = ipc4j_direct_address(env, sops);
    if (base == NULL) {
        return -EFAULT;
    }
    return ipc4j_sem_op(id, base, count, (struct ipc4j_blocker *) (intptr_t) blocker, timeout_ns);
}

static jint sem_get(JNIEnv *env, jclass cls, jint id, jint num, jint what)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    switch (what) {
    case JAVA(GET_VALUE): return ipc4j_sem_get_value(id, num);
    case JAVA(GET_PID): return ipc4j_sem_get_pid(id, num);
    case JAVA(GET_NCOUNT): return ipc4j_sem_get_ncount(id, num);
    case JAVA(GET_ZCOUNT): return ipc4j_sem_get_zcount(id, num);
    default: return -EINVAL;
    }
}

static jint set_value(JNIEnv *env, jclass cls, jint id, jint num, jint value)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_sem_set_value(id, num, value);
}

/* GETALL (set 0) or SETALL (set 1) through a copy of values; a set of another size than values returns
 * its size (> 0) and leaves values as they were. */
static jint all_values(JNIEnv *env, jint id, jshortArray values, int set)
{
    jsize n = (*env)->GetArrayLength(env, values);
    uint16_t *buf = malloc((size_t) (n > 0 ? n : 1) * sizeof *buf);
    if (buf == NULL) {
        return -ENOMEM;
    }
    int rc;
    if (set) {
        (*env)->GetShortArrayRegion(env, values, 0, n, (jshort *) buf);
        rc = ipc4j_sem_set_all(id, buf, (int) n);
    } else {
        rc = ipc4j_sem_get_all(id, buf, (int) n);
        if (rc == 0) {
            (*env)->SetShortArrayRegion(env, values, 0, n, (const jshort *) buf);
        }
    }
    free(buf);
    return rc;
}

static jint get_all(JNIEnv *env, jclass cls, jint id, jshortArray values)
{
    IPC4J_UNUSED(cls);
    return all_values(env, id, values, 0);
}

static jint set_all(JNIEnv *env, jclass cls, jint id, jshortArray values)
{
    IPC4J_UNUSED(cls);
    return all_values(env, id, values, 1);
}

static jint status(JNIEnv *env, jclass cls, jint id, jlongArray out)
{
    IPC4J_UNUSED(cls);
    struct ipc4j_sem_status s;
    int rc = ipc4j_sem_status(id, &s);
    if (rc != 0) {
        return rc;
    }
    jlong values[JAVA(STATUS_LENGTH)] = { s.key, s.uid, s.gid, s.cuid, s.cgid, s.mode, s.nsems, s.otime, s.ctime };
    (*env)->SetLongArrayRegion(env, out, 0, JAVA(STATUS_LENGTH), values);
    return 0;
}

static jint set_owner_mode(JNIEnv *env, jclass cls, jint id, jlong uid, jlong gid, jint mode)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_sem_set_owner_mode(id, uid, gid, mode);
}

static jint sem_remove(JNIEnv *env, jclass cls, jint id)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_sem_remove(id);
}

static const JNINativeMethod methods[] = {
    { "open", "(IIII)J", (void *) sem_open_set },
    { "sembufSize", "()I", (void *) sembuf_size },
    { "encode", "([S[S[BIZLjava/nio/ByteBuffer;)V", (void *) encode },
    { "op", "(ILjava/nio/ByteBuffer;IJJ)I", (void *) sem_op },
    { "get", "(III)I", (void *) sem_get },
    { "setValue", "(III)I", (void *) set_value },
    { "getAll", "(I[S)I", (void *) get_all },
    { "setAll", "(I[S)I", (void *) set_all },
    { "status", "(I[J)I", (void *) status },
    { "setOwnerMode", "(IJJI)I", (void *) set_owner_mode },
    { "remove", "(I)I", (void *) sem_remove },
};

const struct ipc4j_native_class ipc4j_native_sysv_sem = { "NativeSysvSem", methods, IPC4J_COUNT(methods), NULL };
