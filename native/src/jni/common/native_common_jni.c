/* Natives of NativeCommon: facts about the library itself and errno names. */
#include "ipc4j_jni.h"
#include "ipc4j_errno.h"
#include "io_github_ipc4j_internal_NativeCommon.h"

#ifndef _WIN32
#include <sys/msg.h> /* MSG_EXCEPT, MSG_COPY */
#endif

#define CAP(name) io_github_ipc4j_internal_NativeCommon_CAP_##name

static jstring library_version(JNIEnv *env, jclass cls)
{
    IPC4J_UNUSED(cls);
    return (*env)->NewStringUTF(env, IPC4J_VERSION);
}

static jint capabilities(JNIEnv *env, jclass cls)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    jint caps = 0;
#ifdef IPC4J_HAVE_POSIX_MQ
    caps |= CAP(POSIX_MQ);
#endif
#ifdef IPC4J_HAVE_MQ_NOTIFY
    caps |= CAP(MQ_NOTIFY);
#endif
#ifdef IPC4J_HAVE_SEM_TIMEDWAIT
    caps |= CAP(SEM_TIMEDWAIT);
#endif
#ifdef IPC4J_HAVE_SEMTIMEDOP
    caps |= CAP(SEMTIMEDOP);
#endif
#ifdef IPC4J_HAVE_ROBUST_MUTEX
    caps |= CAP(ROBUST_MUTEX);
#endif
#ifdef IPC4J_HAVE_MEMFD
    caps |= CAP(SEALED_SHM);
#endif
#ifdef _WIN32
    caps |= CAP(WINDOWS_NAMED_PIPE) | CAP(MAILSLOT) | CAP(WINDOWS_SHM) | CAP(WINDOWS_SEMAPHORE) | CAP(WINDOWS_MUTEX)
            | CAP(WINDOWS_EVENT);
#else
    /* every Unix ipc4j builds for has these */
    caps |= CAP(POSIX_SEM) | CAP(POSIX_SHM) | CAP(SYSV_MSG) | CAP(SYSV_SEM) | CAP(SYSV_SHM) | CAP(FIFO) | CAP(FILE_LOCK);
#endif
#ifdef MSG_EXCEPT
    caps |= CAP(MSG_EXCEPT);
#endif
#ifdef MSG_COPY
    caps |= CAP(MSG_COPY);
#endif
    return caps;
}

static jint errno_value(JNIEnv *env, jclass cls, jstring name)
{
    IPC4J_UNUSED(cls);
    const char *chars = (*env)->GetStringUTFChars(env, name, NULL);
    if (chars == NULL) {
        return -1;
    }
    int value = ipc4j_errno_value(chars);
    (*env)->ReleaseStringUTFChars(env, name, chars);
    return value;
}

static jstring errno_name(JNIEnv *env, jclass cls, jint value)
{
    IPC4J_UNUSED(cls);
    const char *name = ipc4j_errno_name(value);
    return name == NULL ? NULL : (*env)->NewStringUTF(env, name);
}

static jstring errno_text(JNIEnv *env, jclass cls, jint value)
{
    IPC4J_UNUSED(cls);
    char buf[256];
    ipc4j_errno_text(value, buf, sizeof buf);
    return (*env)->NewStringUTF(env, buf);
}

static jstring library_path(JNIEnv *env, jclass cls)
{
    IPC4J_UNUSED(cls);
    char buf[4096];
    ipc4j_library_path(buf, sizeof buf);
    return (*env)->NewStringUTF(env, buf);
}

static jstring internal_package(JNIEnv *env, jclass cls)
{
    IPC4J_UNUSED(cls);
    char buf[512];
    ipc4j_internal_package(buf, sizeof buf);
    return (*env)->NewStringUTF(env, buf);
}

/*
 * HotSpot throws the InternalError of a fault in mapped memory at a later transition from the VM into Java, and
 * a return from native code is not one (on JDK 17 the error may surface long after, anywhere); a call from
 * native code into Java is one, so it throws the error there, and the wrapper of this method rethrows it.
 */
static void raise_pending_fault(JNIEnv *env, jclass cls)
{
    jmethodID zero = (*env)->GetStaticMethodID(env, cls, "zero", "()I"); /* HotSpot skips a call to an empty method */
    if (zero == NULL) { /* stripped by a shrinking tool: no report is raised early, and no error made of it */
        (*env)->ExceptionClear(env);
        return;
    }
    (*env)->CallStaticIntMethod(env, cls, zero);
}

static const JNINativeMethod methods[] = {
    { "libraryVersion", "()Ljava/lang/String;", (void *) library_version },
    { "capabilities", "()I", (void *) capabilities },
    { "errnoValue", "(Ljava/lang/String;)I", (void *) errno_value },
    { "errnoName", "(I)Ljava/lang/String;", (void *) errno_name },
    { "errnoText", "(I)Ljava/lang/String;", (void *) errno_text },
    { "libraryPath", "()Ljava/lang/String;", (void *) library_path },
    { "internalPackage", "()Ljava/lang/String;", (void *) internal_package },
    { "raisePendingFault", "()V", (void *) raise_pending_fault },
};

const struct ipc4j_native_class ipc4j_native_common = { "NativeCommon", methods, IPC4J_COUNT(methods), NULL };
