#include "ipc4j_jni.h"

#include <stdio.h>
#include "ipc4j_win.h"

void ipc4j_library_path(char *buf, size_t size)
{
    HMODULE module;
    wchar_t path[4096];
    DWORD flags = GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT;
    if (GetModuleHandleExW(flags, (LPCWSTR) (void *) &ipc4j_library_path, &module)) {
        DWORD n = GetModuleFileNameW(module, path, sizeof path / sizeof path[0]);
        if (n > 0 && n < sizeof path / sizeof path[0] && ipc4j_win_utf8(path, buf, (int) size) == 0) {
            return;
        }
    }
    snprintf(buf, size, "%s", "");
}

void ipc4j_pin_library(void)
{
    /* nothing outside the JVM points into the library on Windows: it may be unloaded */
}
