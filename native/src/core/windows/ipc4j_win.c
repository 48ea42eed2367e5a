#include "ipc4j_win.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ENTRY(e) { #e, e }

static const struct {
    const char *name;
    int value;
} error_table[] = {
    ENTRY(ERROR_INVALID_FUNCTION), ENTRY(ERROR_FILE_NOT_FOUND), ENTRY(ERROR_PATH_NOT_FOUND),
    ENTRY(ERROR_TOO_MANY_OPEN_FILES), ENTRY(ERROR_ACCESS_DENIED), ENTRY(ERROR_INVALID_HANDLE),
    ENTRY(ERROR_NOT_ENOUGH_MEMORY), ENTRY(ERROR_OUTOFMEMORY), ENTRY(ERROR_GEN_FAILURE),
    ENTRY(ERROR_SHARING_VIOLATION), ENTRY(ERROR_NOT_SUPPORTED), ENTRY(ERROR_BAD_NETPATH),
    ENTRY(ERROR_NETWORK_ACCESS_DENIED), ENTRY(ERROR_BAD_DEV_TYPE), ENTRY(ERROR_BAD_NET_NAME),
    ENTRY(ERROR_FILE_EXISTS), ENTRY(ERROR_INVALID_PARAMETER), ENTRY(ERROR_BROKEN_PIPE),
    ENTRY(ERROR_INSUFFICIENT_BUFFER),
    ENTRY(ERROR_INVALID_NAME), ENTRY(ERROR_SEM_TIMEOUT), ENTRY(ERROR_BAD_PATHNAME),
    ENTRY(ERROR_ALREADY_EXISTS), ENTRY(ERROR_FILENAME_EXCED_RANGE), ENTRY(ERROR_BAD_PIPE),
    ENTRY(ERROR_PIPE_BUSY), ENTRY(ERROR_NO_DATA), ENTRY(ERROR_PIPE_NOT_CONNECTED), ENTRY(ERROR_MORE_DATA),
    ENTRY(ERROR_OPERATION_ABORTED), ENTRY(ERROR_IO_INCOMPLETE), ENTRY(ERROR_IO_PENDING),
    ENTRY(ERROR_PIPE_CONNECTED), ENTRY(ERROR_PIPE_LISTENING), ENTRY(ERROR_TIMEOUT),
    ENTRY(ERROR_CANT_ACCESS_FILE), ENTRY(ERROR_NOT_FOUND), ENTRY(ERROR_NO_SYSTEM_RESOURCES),
    ENTRY(ERROR_BAD_IMPERSONATION_LEVEL), ENTRY(ERROR_CANNOT_IMPERSONATE), ENTRY(ERROR_INVALID_SECURITY_DESCR),
    ENTRY(ERROR_TOO_MANY_POSTS), ENTRY(ERROR_NOT_OWNER),    ENTRY(ERROR_INVALID_ACL), ENTRY(ERROR_INVALID_SID), ENTRY(ERROR_COMMITMENT_LIMIT), ENTRY(ERROR_INVALID_DATA),
};

#define TABLE_SIZE (sizeof error_table / sizeof error_table[0])

int ipc4j_win_error(void)
{
    DWORD code = GetLastError();
    return code == 0 ? -ERROR_GEN_FAILURE : -(int) code;
}

const char *ipc4j_win_error_name(int code)
{
    for (unsigned i = 0; i < TABLE_SIZE; i++) {
        if (error_table[i].value == code) {
            return error_table[i].name;
        }
    }
    return NULL;
}

void ipc4j_win_error_text(int code, char *buf, unsigned size)
{
    if (size == 0) {
        return;
    }
    wchar_t text[512];
    DWORD n = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, (DWORD) code,
                             0, text, sizeof text / sizeof text[0], NULL);
    while (n > 0 && (text[n - 1] == L'\n' || text[n - 1] == L'\r' || text[n - 1] == L' ' || text[n - 1] == L'.')) {
        n--;
    }
    text[n] = L'\0';
    if (n == 0 || ipc4j_win_utf8(text, buf, (int) size) != 0) {
        snprintf(buf, size, "Windows error %d", code);
    }
}

wchar_t *ipc4j_win_utf16(const char *utf8)
{
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, utf8, -1, NULL, 0);
    if (n <= 0) {
        return NULL;
    }
    wchar_t *out = malloc((size_t) n * sizeof(wchar_t));
    if (out != NULL && MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, utf8, -1, out, n) != n) {
        free(out);
        out = NULL;
    }
    return out;
}

int ipc4j_win_utf8(const wchar_t *utf16, char *buf, int size)
{
    if (WideCharToMultiByte(CP_UTF8, 0, utf16, -1, buf, size, NULL, NULL) <= 0) {
        if (size > 0) {
            buf[0] = '\0';
        }
        return -ERROR_INSUFFICIENT_BUFFER;
    }
    return 0;
}
