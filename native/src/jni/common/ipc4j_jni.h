/* What every JNI glue file shares: the registry entry that JNI_OnLoad registers, the VM, and
 * small helpers. Glue files convert arguments, call the plain C core and return its result
 * (a value or -errno); Java turns -errno into exceptions, so the glue throws only where a call
 * cannot return a number. */
#ifndef IPC4J_JNI_H
#define IPC4J_JNI_H

#include <jni.h>
#include <stdint.h>

#define IPC4J_UNUSED(x) (void) (x)
#define IPC4J_COUNT(array) ((int) (sizeof(array) / sizeof((array)[0])))

/* One Java class in io.github.ipc4j.internal (or wherever the package was relocated to) and the
 * natives it declares. on_registered, when set, runs after RegisterNatives (to cache method ids
 * for calls back into Java); it returns 0, or -1 with an exception pending. */
struct ipc4j_native_class {
    const char *simple_name;
    const JNINativeMethod *methods;
    int method_count;
    int (*on_registered)(JNIEnv *env, jclass cls);
};

/* The classes this platform's library registers (registry_<family>.c). */
extern const struct ipc4j_native_class *const ipc4j_registry[];
extern const int ipc4j_registry_size;

extern JavaVM *ipc4j_vm;

/* Writes the JNI package of the internal classes ("io/github/ipc4j/internal") into buf. The
 * loader puts a relocated package into the extracted file's name after an '@'
 * (libipc4j-1.0@com.acme.shaded.ipc4j.internal.so), so a shaded copy links its own classes. */
void ipc4j_internal_package(char *buf, size_t size);

/* The path of this library's file, or "" where the OS cannot say (library_path_<family>.c). */
void ipc4j_library_path(char *buf, size_t size);

/* Keeps this library mapped after its class loader is collected, where code outside the JVM's
 * control points into it: the wake signal's handler and thread-exit destructors on Unix
 * (library_path_<family>.c). The class loader itself is still collected. */
void ipc4j_pin_library(void);

/* Copies a NUL-terminated byte[] name into buf; 0, or -1 when it does not fit or lacks the NUL. */
int ipc4j_copy_name(JNIEnv *env, jbyteArray name, char *buf, size_t size);

void ipc4j_throw(JNIEnv *env, const char *class_name, const char *message);

/* java.nio.Buffer's address and capacity fields, or NULL where this JDK has none (then
 * GetDirectBufferAddress and GetDirectBufferCapacity). */
extern jfieldID ipc4j_buffer_address_field;
extern jfieldID ipc4j_buffer_capacity_field;

/* The address of a direct buffer (the Java side calls only with direct ones). One field read:
 * GetDirectBufferAddress first checks the object's class (IsInstanceOf walks the hierarchy), which
 * costs a visible part of a short system call's glue (perf: 2-3% of a FIFO write+read). */
static inline void *ipc4j_direct_address(JNIEnv *env, jobject buffer)
{
    if (ipc4j_buffer_address_field != NULL) {
        return (void *) (intptr_t) (*env)->GetLongField(env, buffer, ipc4j_buffer_address_field);
    }
    return (*env)->GetDirectBufferAddress(env, buffer);
}

/* Java passes a buffer's range as its position and remaining bytes, read one field at a time: another
 * thread of the caller's that moves the position in between makes the range run past the buffer. So
 * native code touches a buffer or array only through these, which refuse such a range (the glue then
 * answers -EFAULT) instead of reading or writing memory that is not the buffer's. */
static inline int ipc4j_range_fits(jint offset, jint length, jlong size)
{
    return offset >= 0 && length >= 0 && (jlong) offset + (jlong) length <= size;
}

/* The address of [position, position + length) of a direct buffer, or NULL. */
static inline char *ipc4j_direct_range(JNIEnv *env, jobject buffer, jint position, jint length)
{
    jlong capacity = ipc4j_buffer_capacity_field != NULL
            ? (jlong) (*env)->GetIntField(env, buffer, ipc4j_buffer_capacity_field)
            : (*env)->GetDirectBufferCapacity(env, buffer);
    char *base = ipc4j_direct_address(env, buffer);
    return base != NULL && ipc4j_range_fits(position, length, capacity) ? base + position : NULL;
}

/* Whether [offset, offset + length) lies inside array: check before pinning or copying it. */
static inline int ipc4j_array_range(JNIEnv *env, jbyteArray array, jint offset, jint length)
{
    return ipc4j_range_fits(offset, length, (jlong) (*env)->GetArrayLength(env, array));
}

#endif
