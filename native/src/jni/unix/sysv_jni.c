/* Natives of NativeSysv: what every System V primitive shares (keys, macOS's listing). */
#include "ipc4j_jni.h"

#include <errno.h>
#include "sysv_ipc.h"
#include "sysv_list_macos.h"
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

/* macOS: the next object of kind at or after cursor into row (IPC4J_SYSV_LIST_ROW values); the cursor to go on
 * from, 0 at the end, or -errno (-ENOSYS off macOS). */
static jint sysv_macos_list_next(JNIEnv *env, jclass cls, jint kind, jint cursor, jlongArray row)
{
    IPC4J_UNUSED(cls);
    if ((*env)->GetArrayLength(env, row) < IPC4J_SYSV_LIST_ROW) {
        return -EINVAL;
    }
    int64_t values[IPC4J_SYSV_LIST_ROW];
    int next = ipc4j_sysv_macos_next(kind, cursor, values);
    if (next > 0) {
        /* the JVM copies the bytes (a copy loop here becomes a memcpy call that Zig's Mach-O linker would
         * resolve to, and export from, its own compiler-rt) */
        _Static_assert(sizeof(jlong) == sizeof(int64_t), "jlong is 64 bits");
        (*env)->SetLongArrayRegion(env, row, 0, IPC4J_SYSV_LIST_ROW, (const jlong *) (const void *) values);
    }
    return next;
}

static const JNINativeMethod methods[] = {
    { "ftok", "([BI)J", (void *) sysv_ftok },
    { "macosListNext", "(II[J)I", (void *) sysv_macos_list_next },
};

const struct ipc4j_native_class ipc4j_native_sysv = { "NativeSysv", methods, IPC4J_COUNT(methods), NULL };
