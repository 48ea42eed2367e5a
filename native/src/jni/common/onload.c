#include "ipc4j_jni.h"

#include <stdio.h>
#include <string.h>

JavaVM *ipc4j_vm;

#define DEFAULT_PACKAGE "io/github/ipc4j/internal"

void ipc4j_internal_package(char *buf, size_t size)
{
    char path[4096];
    ipc4j_library_path(path, sizeof path);
    const char *base = strrchr(path, '/');
    const char *backslash = strrchr(path, '\\');
    if (backslash != NULL && (base == NULL || backslash > base)) {
        base = backslash;
    }
    base = base == NULL ? path : base + 1;
    const char *at = strchr(base, '@');
    const char *end = at == NULL ? NULL : strrchr(at, '.'); /* before .so / .dll / .dylib */
    if (at == NULL || end == NULL || end <= at + 1 || (size_t) (end - at) > size) {
        snprintf(buf, size, "%s", DEFAULT_PACKAGE);
        return;
    }
    size_t n = (size_t) (end - at - 1);
    for (size_t i = 0; i < n; i++) {
        buf[i] = at[1 + i] == '.' ? '/' : at[1 + i];
    }
    buf[n] = '\0';
}

int ipc4j_copy_name(JNIEnv *env, jbyteArray name, char *buf, size_t size)
{
    jsize length = (*env)->GetArrayLength(env, name);
    if (length <= 0 || (size_t) length > size) {
        return -1;
    }
    (*env)->GetByteArrayRegion(env, name, 0, length, (jbyte *) buf);
    return buf[length - 1] == '\0' ? 0 : -1;
}

void ipc4j_throw(JNIEnv *env, const char *class_name, const char *message)
{
    jclass cls = (*env)->FindClass(env, class_name);
    if (cls != NULL) {
        (*env)->ThrowNew(env, cls, message);
    }
}

jfieldID ipc4j_buffer_address_field;
jfieldID ipc4j_buffer_capacity_field;

/* JNI reads a field whatever Java's access rules say; a JDK without it keeps the JNI function. */
static jfieldID find_buffer_field(JNIEnv *env, jclass buffer, const char *name, const char *signature)
{
    jfieldID field = (*env)->GetFieldID(env, buffer, name, signature);
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionClear(env);
        return NULL;
    }
    return field;
}

static void find_buffer_fields(JNIEnv *env)
{
    jclass buffer = (*env)->FindClass(env, "java/nio/Buffer");
    if (buffer == NULL) {
        (*env)->ExceptionClear(env);
        return;
    }
    ipc4j_buffer_address_field = find_buffer_field(env, buffer, "address", "J");
    ipc4j_buffer_capacity_field = find_buffer_field(env, buffer, "capacity", "I");
    (*env)->DeleteLocalRef(env, buffer);
}

static int register_class(JNIEnv *env, const char *package, const struct ipc4j_native_class *entry)
{
    char name[600];
    snprintf(name, sizeof name, "%s/%s", package, entry->simple_name);
    jclass cls = (*env)->FindClass(env, name);
    if (cls == NULL) {
        (*env)->ExceptionClear(env);
        char message[800];
        snprintf(message, sizeof message,
                 "ipc4j native library: class %s not found; a relocated (shaded) copy must load the library "
                 "through its own NativeLoader, which names the package in the extracted file's name", name);
        ipc4j_throw(env, "java/lang/UnsatisfiedLinkError", message);
        return -1;
    }
    if ((*env)->RegisterNatives(env, cls, entry->methods, entry->method_count) != 0) {
        return -1; /* NoSuchMethodError pending: the Java and C sides disagree */
    }
    int rc = entry->on_registered == NULL ? 0 : entry->on_registered(env, cls);
    (*env)->DeleteLocalRef(env, cls);
    return rc;
}

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved)
{
    IPC4J_UNUSED(reserved);
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **) &env, JNI_VERSION_1_8) != JNI_OK) {
        return JNI_ERR;
    }
    ipc4j_vm = vm;
    ipc4j_pin_library();
    find_buffer_fields(env);
    char package[512];
    ipc4j_internal_package(package, sizeof package);
    for (int i = 0; i < ipc4j_registry_size; i++) {
        if (register_class(env, package, ipc4j_registry[i]) != 0) {
            return JNI_ERR;
        }
    }
    return JNI_VERSION_1_8;
}
