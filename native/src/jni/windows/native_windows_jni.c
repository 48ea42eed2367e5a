/* Natives of NativeWindows: events for waits that can be cut short, and Windows error names. */
#include "ipc4j_jni.h"

#include <stdint.h>
#include "ipc4j_win_wait.h"
#include "io_github_ipc4j_internal_NativeWindows.h"

#define NW(name) io_github_ipc4j_internal_NativeWindows_##name

_Static_assert(NW(TIMEOUT) == IPC4J_WIN_TIMEOUT, "wait outcome");
_Static_assert(NW(CLOSED) == IPC4J_WIN_CLOSED, "wait outcome");
_Static_assert(NW(WOKEN) == IPC4J_WIN_WOKEN, "wait outcome");
_Static_assert(NW(ERROR_FILE_NOT_FOUND) == ERROR_FILE_NOT_FOUND, "error code");
_Static_assert(NW(ERROR_ACCESS_DENIED) == ERROR_ACCESS_DENIED, "error code");
_Static_assert(NW(ERROR_NOT_ENOUGH_MEMORY) == ERROR_NOT_ENOUGH_MEMORY, "error code");
_Static_assert(NW(ERROR_INVALID_PARAMETER) == ERROR_INVALID_PARAMETER, "error code");
_Static_assert(NW(ERROR_BROKEN_PIPE) == ERROR_BROKEN_PIPE, "error code");
_Static_assert(NW(ERROR_INVALID_NAME) == ERROR_INVALID_NAME, "error code");
_Static_assert(NW(ERROR_ALREADY_EXISTS) == ERROR_ALREADY_EXISTS, "error code");
_Static_assert(NW(ERROR_FILENAME_EXCED_RANGE) == ERROR_FILENAME_EXCED_RANGE, "error code");
_Static_assert(NW(ERROR_PIPE_BUSY) == ERROR_PIPE_BUSY, "error code");
_Static_assert(NW(ERROR_NO_DATA) == ERROR_NO_DATA, "error code");
_Static_assert(NW(ERROR_PIPE_NOT_CONNECTED) == ERROR_PIPE_NOT_CONNECTED, "error code");
_Static_assert(NW(ERROR_BAD_NETPATH) == ERROR_BAD_NETPATH, "error code");
_Static_assert(NW(ERROR_PATH_NOT_FOUND) == ERROR_PATH_NOT_FOUND, "error code");
_Static_assert(NW(ERROR_INVALID_HANDLE) == ERROR_INVALID_HANDLE, "error code");
_Static_assert(NW(ERROR_TOO_MANY_POSTS) == ERROR_TOO_MANY_POSTS, "error code");
_Static_assert(NW(ERROR_NOT_OWNER) == ERROR_NOT_OWNER, "error code");
_Static_assert(NW(ERROR_COMMITMENT_LIMIT) == ERROR_COMMITMENT_LIMIT, "error code");
_Static_assert(NW(ERROR_INVALID_SECURITY_DESCR) == ERROR_INVALID_SECURITY_DESCR, "error code");

static jlong event_create(JNIEnv *env, jclass cls, jboolean manual_reset)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    HANDLE event = ipc4j_event_create(manual_reset);
    return event != NULL ? (jlong) (intptr_t) event : ipc4j_win_error();
}

static jint event_set(JNIEnv *env, jclass cls, jlong event)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_event_set((HANDLE) (intptr_t) event);
}

static void event_close(JNIEnv *env, jclass cls, jlong event)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    ipc4j_event_close((HANDLE) (intptr_t) event);
}

static jstring error_name(JNIEnv *env, jclass cls, jint code)
{
    IPC4J_UNUSED(cls);
    const char *name = ipc4j_win_error_name(code);
    return name == NULL ? NULL : (*env)->NewStringUTF(env, name);
}

static jstring error_text(JNIEnv *env, jclass cls, jint code)
{
    IPC4J_UNUSED(cls);
    char buf[1024];
    ipc4j_win_error_text(code, buf, sizeof buf);
    return (*env)->NewStringUTF(env, buf);
}

static const JNINativeMethod methods[] = {
    { "eventCreate", "(Z)J", (void *) event_create },
    { "eventSet", "(J)I", (void *) event_set },
    { "eventClose", "(J)V", (void *) event_close },
    { "errorName", "(I)Ljava/lang/String;", (void *) error_name },
    { "errorText", "(I)Ljava/lang/String;", (void *) error_text },
};

const struct ipc4j_native_class ipc4j_native_windows = { "NativeWindows", methods, IPC4J_COUNT(methods), NULL };
