/* Natives of NativeWinObjects: named kernel objects (file mappings, semaphores, mutexes, events),
 * argument conversion around the plain C cores in win_shm.c and win_sync.c. */
#include "ipc4j_jni.h"

#include <stdint.h>
#include "win_shm.h"
#include "ipc4j_win_security.h"
#include "win_sync.h"
#include "io_github_ipc4j_internal_NativeWinObjects.h"
#include "io_github_ipc4j_internal_NativeWindows.h"

#define NAME_BYTES 1024
#define SDDL_BYTES 4096
#define HND(h) ((HANDLE) (intptr_t) (h))
#define NWO(name) io_github_ipc4j_internal_NativeWinObjects_##name

_Static_assert(NWO(CREATE_NEW) == IPC4J_WIN_CREATE_NEW && NWO(OPEN_EXISTING) == IPC4J_WIN_OPEN_EXISTING
                   && NWO(OPEN_OR_CREATE) == IPC4J_WIN_OPEN_OR_CREATE, "open modes");
_Static_assert(NWO(SEMAPHORE_MAX) == IPC4J_SEMAPHORE_MAX, "semaphore maximum");
_Static_assert(io_github_ipc4j_internal_NativeWindows_ABANDONED == IPC4J_WIN_ABANDONED, "wait outcome");
_Static_assert(io_github_ipc4j_internal_NativeWindows_FOREIGN_OWNER == IPC4J_WIN_FOREIGN_OWNER, "open outcome");

/* The name and the SDDL string (NULL: none) of an open. */
struct names {
    char name[NAME_BYTES];
    char sddl[SDDL_BYTES];
    struct ipc4j_win_open how;
};

static int prepare(JNIEnv *env, jbyteArray name, jint open_mode, jbyteArray sddl, jboolean require_owner,
                   struct names *n)
{
    if (ipc4j_copy_name(env, name, n->name, sizeof n->name) != 0) {
        return -ERROR_FILENAME_EXCED_RANGE;
    }
    if (sddl != NULL && ipc4j_copy_name(env, sddl, n->sddl, sizeof n->sddl) != 0) {
        return -ERROR_INVALID_SECURITY_DESCR;
    }
    n->how.mode = open_mode;
    n->how.sddl = sddl != NULL ? n->sddl : NULL;
    n->how.require_owner = require_owner;
    return 0;
}

enum kind { SEMAPHORE, MUTEX, EVENT, MAPPING };

/* Opens an object of the kind given (a and b: its two settings): handle | CREATED, or -code. */
static jlong open_object(JNIEnv *env, jbyteArray name, jint open_mode, jbyteArray sddl, jboolean require_owner,
                         enum kind kind, jlong a, jlong b)
{
    struct names n;
    HANDLE handle = NULL;
    int created = 0;
    int rc = prepare(env, name, open_mode, sddl, require_owner, &n);
    if (rc != 0) {
        return rc;
    }
    switch (kind) {
    case SEMAPHORE:
        rc = ipc4j_semaphore_open(n.name, &n.how, (long) a, (long) b, &handle, &created);
        break;
    case MUTEX:
        rc = ipc4j_mutex_open(n.name, &n.how, &handle, &created);
        break;
    case EVENT:
        rc = ipc4j_event_open(n.name, &n.how, (int) a, (int) b, &handle, &created);
        break;
    default:
        rc = a < 0 ? -ERROR_INVALID_PARAMETER
                   : ipc4j_shm_open(n.name, &n.how, (uint64_t) a, (int) b, &handle, &created);
        break;
    }
    return rc != 0 ? rc : (jlong) (intptr_t) handle | (created ? NWO(CREATED) : 0);
}

static jlong semaphore_open(JNIEnv *env, jclass cls, jbyteArray name, jint open_mode, jbyteArray sddl,
                            jboolean require_owner, jlong initial, jlong max)
{
    IPC4J_UNUSED(cls);
    return open_object(env, name, open_mode, sddl, require_owner, SEMAPHORE, initial, max);
}

static jlong semaphore_release(JNIEnv *env, jclass cls, jlong handle, jint count)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    long previous;
    int rc = ipc4j_semaphore_release(HND(handle), count, &previous);
    return rc != 0 ? rc : previous;
}

static jlong mutex_open(JNIEnv *env, jclass cls, jbyteArray name, jint open_mode, jbyteArray sddl,
                        jboolean require_owner)
{
    IPC4J_UNUSED(cls);
    return open_object(env, name, open_mode, sddl, require_owner, MUTEX, 0, 0);
}

static jint mutex_release(JNIEnv *env, jclass cls, jlong handle)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_mutex_release(HND(handle));
}

static jlong event_open(JNIEnv *env, jclass cls, jbyteArray name, jint open_mode, jbyteArray sddl,
                        jboolean require_owner, jboolean manual_reset, jboolean initially_set)
{
    IPC4J_UNUSED(cls);
    return open_object(env, name, open_mode, sddl, require_owner, EVENT, manual_reset, initially_set);
}

static jint event_reset(JNIEnv *env, jclass cls, jlong handle)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_event_reset(HND(handle));
}

static jint sync_wait(JNIEnv *env, jclass cls, jlong handle, jlong closed, jlong wake, jlong timeout)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    struct ipc4j_cancel cancel = { HND(closed), HND(wake) };
    return ipc4j_sync_wait(HND(handle), &cancel, timeout);
}

static jint only_current_user(JNIEnv *env, jclass cls, jlong handle)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_security_only_current_user(HND(handle));
}

static void object_close(JNIEnv *env, jclass cls, jlong handle)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    ipc4j_win_object_close(HND(handle));
}

static jlong shm_open(JNIEnv *env, jclass cls, jbyteArray name, jint open_mode, jbyteArray sddl,
                      jboolean require_owner, jlong size, jboolean writable)
{
    IPC4J_UNUSED(cls);
    return open_object(env, name, open_mode, sddl, require_owner, MAPPING, size, writable);
}

/* out: the view's address and size */
static jint shm_map(JNIEnv *env, jclass cls, jlong handle, jboolean writable, jlongArray out)
{
    IPC4J_UNUSED(cls);
    void *address;
    uint64_t size;
    int rc = ipc4j_shm_map(HND(handle), writable, &address, &size);
    if (rc == 0) {
        jlong values[2] = { (jlong) (intptr_t) address, (jlong) size };
        (*env)->SetLongArrayRegion(env, out, 0, 2, values);
    }
    return rc;
}

static jint shm_unmap(JNIEnv *env, jclass cls, jlong address)
{
    IPC4J_UNUSED(env);
    IPC4J_UNUSED(cls);
    return ipc4j_shm_unmap((void *) (intptr_t) address);
}

#define OPEN_ARGS "[BI[BZ"

static const JNINativeMethod methods[] = {
    { "semaphoreOpen", "(" OPEN_ARGS "JJ)J", (void *) semaphore_open },
    { "semaphoreRelease", "(JI)J", (void *) semaphore_release },
    { "mutexOpen", "(" OPEN_ARGS ")J", (void *) mutex_open },
    { "mutexRelease", "(J)I", (void *) mutex_release },
    { "eventOpen", "(" OPEN_ARGS "ZZ)J", (void *) event_open },
    { "eventReset", "(J)I", (void *) event_reset },
    { "await", "(JJJJ)I", (void *) sync_wait },
    { "onlyCurrentUser", "(J)I", (void *) only_current_user },
    { "close", "(J)V", (void *) object_close },
    { "shmOpen", "(" OPEN_ARGS "JZ)J", (void *) shm_open },
    { "shmMap", "(JZ[J)I", (void *) shm_map },
    { "shmUnmap", "(J)I", (void *) shm_unmap },
};

const struct ipc4j_native_class ipc4j_native_win_objects = { "NativeWinObjects", methods, IPC4J_COUNT(methods),
                                                              NULL };
