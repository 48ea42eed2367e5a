#include "ipc4j_jni.h"

#include <dlfcn.h>
#include <stdio.h>

void ipc4j_library_path(char *buf, size_t size)
{
    Dl_info info;
    if (dladdr((void *) &ipc4j_library_path, &info) != 0 && info.dli_fname != NULL) {
        snprintf(buf, size, "%s", info.dli_fname);
    } else {
        snprintf(buf, size, "%s", "");
    }
}

void ipc4j_pin_library(void)
{
    Dl_info info;
    if (dladdr((void *) &ipc4j_pin_library, &info) != 0 && info.dli_fname != NULL) {
        /* takes a reference that is never given back, and marks the library never to be unmapped */
        dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
    }
}
