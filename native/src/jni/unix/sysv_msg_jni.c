/* Natives of NativeSysvMsg: argument conversion around the plain C core in sysv_msg.c. Payloads go
 * through the calling thread's scratch (type in front, as msgsnd and msgrcv want them); the type of
 * the last message a thread received stays there for receivedType(). */
#include "ipc4j_jni.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include "ipc4j_copy.h"
#include "sysv_msg.h"
#include "io_github_ipc4j_internal_NativeSysvMsg.h"

_Static_assert(io_github_ipc4j_internal_NativeSysvMsg_NOWAIT == IPC4J_MSG_NOWAIT, "flag");
_Static_assert(io_github_ipc4j_internal_NativeSysvMsg_NOERROR == IPC4J_MSG_NOERROR, "flag");
_Static_assert(io_github_ipc4j_internal_NativeSysvMsg_EXCEPT == IPC4J_MSG_EXCEPT, "flag");
_Static_assert(io_github_ipc4j_internal_NativeSysvMsg_COPY == IPC4J_MSG_COPY, "flag");

#define BLOCKER(b) ((struct ipc4j_blocker *) (intptr_t) (b))

static jlong msg_open(JNIEnv *env, jclass cls, jint key, jint open_mode, jint mode, jint access)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    int created = 0;
    int id = ipc4j_msg_open(key, (enum ipc4j_sysv_open_mode) open_mode, mode, access, &created);
    return id < 0 ? id : ((jlong) created << 32) | (jlong) id;
}

static jint send_direct(JNIEnv *env, jclass cls, jint id, jlong type, jobject buffer, jint position, jint length,
                        jint flags, jlong blocker, jlong timeout_ns)
{
    IPC4J_UNUSED(cls);
    const char *data = ipc4j_direct_range(env, buffer, position, length);
    struct ipc4j_msgbuf *m = data == NULL ? NULL : ipc4j_msg_scratch((size_t) length);
    if (m == NULL) {
        return data == NULL ? -EFAULT : -ENOMEM;
    }
    m->mtype = (long) type;
    ipc4j_copy(m->mtext, data, (size_t) length);
    return ipc4j_msg_send(id, m, (size_t) length, flags, BLOCKER(blocker), timeout_ns);
}

static jint send_array(JNIEnv *env, jclass cls, jint id, jlong type, jbyteArray array, jint offset, jint length,
                       jint flags, jlong blocker, jlong timeout_ns)
{
    IPC4J_UNUSED(cls);
    if (!ipc4j_array_range(env, array, offset, length)) {
        return -EFAULT; /* checked first: GetByteArrayRegion would leave an exception pending and the
                         * scratch holding the last message, which would then be sent */
    }
    struct ipc4j_msgbuf *m = ipc4j_msg_scratch((size_t) length);
    if (m == NULL) {
        return -ENOMEM;
    }
    m->mtype = (long) type;
    (*env)->GetByteArrayRegion(env, array, offset, length, (jbyte *) m->mtext);
    return ipc4j_msg_send(id, m, (size_t) length, flags, BLOCKER(blocker), timeout_ns);
}

/* The length in the low half and the type in the high half when it fits 31 bits (0 there otherwise:
 * receivedType() reads it from the scratch), so that the common receive is one JNI call; or -errno. */
static jlong pack_received(long n, const struct ipc4j_msgbuf *m)
{
    if (n < 0) {
        return (jlong) n;
    }
    jlong type = m->mtype > 0 && m->mtype <= INT32_MAX ? (jlong) m->mtype : 0;
    return (type << 32) | (jlong) n;
}

static jlong receive_direct(JNIEnv *env, jclass cls, jint id, jobject buffer, jint position, jint capacity,
                            jlong type, jint flags, jlong blocker, jlong timeout_ns)
{
    IPC4J_UNUSED(cls);
    char *data = ipc4j_direct_range(env, buffer, position, capacity);
    struct ipc4j_msgbuf *m = data == NULL ? NULL : ipc4j_msg_scratch((size_t) capacity);
    if (m == NULL) {
        return data == NULL ? -EFAULT : -ENOMEM;
    }
    long n = ipc4j_msg_receive(id, m, (size_t) capacity, (long) type, flags, BLOCKER(blocker), timeout_ns);
    if (n > 0) {
        ipc4j_copy(data, m->mtext, (size_t) n);
    }
    return pack_received(n, m);
}

static jlong receive_array(JNIEnv *env, jclass cls, jint id, jbyteArray array, jint offset, jint capacity,
                           jlong type, jint flags, jlong blocker, jlong timeout_ns)
{
    IPC4J_UNUSED(cls);
    if (!ipc4j_array_range(env, array, offset, capacity)) {
        return -EFAULT; /* before msgrcv: a message taken could not be copied out */
    }
    struct ipc4j_msgbuf *m = ipc4j_msg_scratch((size_t) capacity);
    if (m == NULL) {
        return -ENOMEM;
    }
    long n = ipc4j_msg_receive(id, m, (size_t) capacity, (long) type, flags, BLOCKER(blocker), timeout_ns);
    if (n > 0) {
        (*env)->SetByteArrayRegion(env, array, offset, (jsize) n, (const jbyte *) m->mtext);
    }
    return pack_received(n, m);
}

static jlong received_type(JNIEnv *env, jclass cls)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    struct ipc4j_msgbuf *m = ipc4j_msg_scratch(0);
    return m == NULL ? 0 : (jlong) m->mtype;
}

static jint msg_stat(JNIEnv *env, jclass cls, jint id, jlongArray out)
{
    IPC4J_UNUSED(cls);
    struct ipc4j_msg_stat st;
    int rc = ipc4j_msg_stat(id, &st);
    if (rc != 0) {
        return rc;
    }
    jlong values[16] = { st.key, st.uid, st.gid, st.cuid, st.cgid, st.mode, (jlong) st.cbytes, (jlong) st.qnum,
                         (jlong) st.qbytes, st.lspid, st.lrpid, st.stime, st.rtime, st.ctime, 0, 0 };
    (*env)->SetLongArrayRegion(env, out, 0, 16, values);
    return 0;
}

static jint msg_set(JNIEnv *env, jclass cls, jint id, jlong uid, jlong gid, jint mode, jlong qbytes)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_msg_set(id, (long) uid, (long) gid, mode, (long) qbytes);
}

static jint msg_remove(JNIEnv *env, jclass cls, jint id)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_msg_remove(id);
}

static const JNINativeMethod methods[] = {
    { "open", "(IIII)J", (void *) msg_open },
    { "sendDirect", "(IJLjava/nio/ByteBuffer;IIIJJ)I", (void *) send_direct },
    { "sendArray", "(IJ[BIIIJJ)I", (void *) send_array },
    { "receiveDirect", "(ILjava/nio/ByteBuffer;IIJIJJ)J", (void *) receive_direct },
    { "receiveArray", "(I[BIIJIJJ)J", (void *) receive_array },
    { "receivedType", "()J", (void *) received_type },
    { "stat", "(I[J)I", (void *) msg_stat },
    { "set", "(IJJIJ)I", (void *) msg_set },
    { "remove", "(I)I", (void *) msg_remove },
};

const struct ipc4j_native_class ipc4j_native_sysv_msg = { "NativeSysvMsg", methods, IPC4J_COUNT(methods), NULL };
