/* Natives of NativeSysvShm: argument conversion around the plain C core in sysv_shm.c. */
#include "ipc4j_jni.h"

#include "sysv_shm.h"
#include "io_github_ipc4j_internal_NativeSysvShm.h"

#define JAVA(name) io_github_ipc4j_internal_NativeSysvShm_##name

_Static_assert(JAVA(STATUS_LENGTH) == sizeof(struct ipc4j_shmseg_status) / sizeof(int64_t), "status length");

static jlong shmseg_open(JNIEnv *env, jclass cls, jint key, jint open_mode, jlong size, jint mode, jboolean writable)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    int created;
    int id = ipc4j_shmseg_open((int32_t) key, (enum ipc4j_sysv_open_mode) open_mode, size, mode, writable, &created);
    return id < 0 ? (jlong) id : ((jlong) created << 32) | (jlong) id;
}

static jlong shmseg_attach(JNIEnv *env, jclass cls, jint id, jboolean writable)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_shmseg_attach(id, writable);
}

static jint shmseg_detach(JNIEnv *env, jclass cls, jlong address)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_shmseg_detach(address);
}

static jint shmseg_status(JNIEnv *env, jclass cls, jint id, jlongArray out)
{
    IPC4J_UNUSED(cls);
    struct ipc4j_shmseg_status s;
    int rc = ipc4j_shmseg_status(id, &s);
    if (rc != 0) {
        return rc;
    }
    jlong values[JAVA(STATUS_LENGTH)] = { s.key, s.uid, s.gid, s.cuid, s.cgid, s.mode, s.size, s.attaches,
                                          s.cpid, s.lpid, s.atime, s.dtime, s.ctime, s.removed };
    (*env)->SetLongArrayRegion(env, out, 0, JAVA(STATUS_LENGTH), values);
    return 0;
}

static jint shmseg_set_owner_mode(JNIEnv *env, jclass cls, jint id, jlong uid, jlong gid, jint mode)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_shmseg_set_owner_mode(id, uid, gid, mode);
}

static jint shmseg_remove(JNIEnv *env, jclass cls, jint id)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_shmseg_remove(id);
}

static const JNINativeMethod methods[] = {
    { "open", "(IIJIZ)J", (void *) shmseg_open },
    { "attach", "(IZ)J", (void *) shmseg_attach },
    { "detach", "(J)I", (void *) shmseg_detach },
    { "status", "(I[J)I", (void *) shmseg_status },
    { "setOwnerMode", "(IJJI)I", (void *) shmseg_set_owner_mode },
    { "remove", "(I)I", (void *) shmseg_remove },
};

const struct ipc4j_native_class ipc4j_native_sysv_shm = { "NativeSysvShm", methods, IPC4J_COUNT(methods), NULL };
