/* Natives of NativeSysv: what every System V primitive shares (keys). */
#include "ipc4j_jni.h"

#include <errno.h>
#include "sysv_ipc.h"
#include "io_github_ipc4j_internal_NativeSysv.h"

#define PATH_BYTES 4097

static jlong sysv_ftok(JNIEnv *env, jclass cls, jbyteArray path, jint project_id)
{
    IPC4J_UNUSED(cls);
    char buf[PATH_BYTES];
    if (ipc4j_copy_name(env, path, buf, sizeof buf) != 0) {
        return -ENAMETOOLONG;
    }
    int key = 0;
    int rc = ipc4j_sysv_ftok(buf, project_id, &key);
    return rc != 0 ? rc : (jlong) (unsigned int) key;
}

static const JNINativeMethod methods[] = {
    { "ftok", "([BI)J", (void *) sysv_ftok },
};

const struct ipc4j_native_class ipc4j_native_sysv = { "NativeSysv", methods, IPC4J_COUNT(methods), NULL };
