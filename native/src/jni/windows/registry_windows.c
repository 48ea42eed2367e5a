/* The classes whose natives the Windows library registers. A new primitive adds its entry here. */
#include "ipc4j_jni.h"

extern const struct ipc4j_native_class ipc4j_native_common;

const struct ipc4j_native_class *const ipc4j_registry[] = {
    &ipc4j_native_common,
};

const int ipc4j_registry_size = IPC4J_COUNT(ipc4j_registry);
