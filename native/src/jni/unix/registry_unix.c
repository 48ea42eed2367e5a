/* The classes whose natives the Unix library registers. A new primitive adds its entry here. */
#include "ipc4j_jni.h"

extern const struct ipc4j_native_class ipc4j_native_common;
extern const struct ipc4j_native_class ipc4j_native_unix;
extern const struct ipc4j_native_class ipc4j_native_fifo;
extern const struct ipc4j_native_class ipc4j_native_sysv;
extern const struct ipc4j_native_class ipc4j_native_sysv_msg;
extern const struct ipc4j_native_class ipc4j_native_sysv_sem;
extern const struct ipc4j_native_class ipc4j_native_sysv_shm;
extern const struct ipc4j_native_class ipc4j_native_posix_sem;
extern const struct ipc4j_native_class ipc4j_native_posix_shm;
extern const struct ipc4j_native_class ipc4j_native_memory;
extern const struct ipc4j_native_class ipc4j_native_sealed_shm;
extern const struct ipc4j_native_class ipc4j_native_futex;
#ifdef IPC4J_HAVE_POSIX_MQ
extern const struct ipc4j_native_class ipc4j_native_posix_mq;
#endif

const struct ipc4j_native_class *const ipc4j_registry[] = {
    &ipc4j_native_common,
    &ipc4j_native_unix,
    &ipc4j_native_fifo,
    &ipc4j_native_sysv,
    &ipc4j_native_sysv_msg,
    &ipc4j_native_sysv_sem,
    &ipc4j_native_sysv_shm,
    &ipc4j_native_posix_sem,
    &ipc4j_native_posix_shm,
    &ipc4j_native_memory,
    &ipc4j_native_sealed_shm,
    &ipc4j_native_futex,
#ifdef IPC4J_HAVE_POSIX_MQ
    &ipc4j_native_posix_mq,
#endif
};

const int ipc4j_registry_size = IPC4J_COUNT(ipc4j_registry);
