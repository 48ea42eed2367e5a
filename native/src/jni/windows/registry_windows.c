/* The classes whose natives the Windows library registers. A new primitive adds its entry here. */
#include "ipc4j_jni.h"

extern const struct ipc4j_native_class ipc4j_native_common;
extern const struct ipc4j_native_class ipc4j_native_windows;
extern const struct ipc4j_native_class ipc4j_native_win_pipe;
extern const struct ipc4j_native_class ipc4j_native_mailslot;
extern const struct ipc4j_native_class ipc4j_native_win_objects;

const struct ipc4j_native_class *const ipc4j_registry[] = {
    &ipc4j_native_common,
    &ipc4j_native_windows,
    &ipc4j_native_win_pipe,
    &ipc4j_native_mailslot,
    &ipc4j_native_win_objects,
};

const int ipc4j_registry_size = IPC4J_COUNT(ipc4j_registry);
