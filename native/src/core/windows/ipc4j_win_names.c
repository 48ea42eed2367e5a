#include "ipc4j_win_names.h"

#include <stdlib.h>
#include <wchar.h>
#include <wctype.h>

static int starts_with_nocase(const wchar_t *s, const wchar_t *prefix)
{
    for (; *prefix != L'\0'; s++, prefix++) {
        if (towlower(*s) != *prefix) {
            return 0;
        }
    }
    return 1;
}

/* Reads "\\HOST\" and the kind word after it ("pipe\" / "mailslot\"); returns where the object's
 * own name starts, or NULL. */
static const wchar_t *after_prefix(const wchar_t *name, const wchar_t *kind, int server,
                                   enum ipc4j_name_scope *scope)
{
    if (name[0] != L'\\' || name[1] != L'\\') {
        return NULL;
    }
    const wchar_t *host = name + 2;
    const wchar_t *end = wcschr(host, L'\\');
    if (end == NULL || end == host) {
        return NULL;
    }
    size_t host_length = (size_t) (end - host);
    if (host_length == 1 && host[0] == L'.') {
        *scope = IPC4J_NAME_LOCAL;
    } else if (host_length == 1 && host[0] == L'*') {
        *scope = IPC4J_NAME_BROADCAST;
    } else {
        *scope = IPC4J_NAME_REMOTE;
    }
    if (server && *scope != IPC4J_NAME_LOCAL) {
        return NULL;
    }
    for (const wchar_t *c = host; c < end; c++) {
        if (*c < 0x20 || wcschr(L"/<>:\"|?", *c) != NULL) {
            return NULL;
        }
    }
    return starts_with_nocase(end + 1, kind) ? end + 1 + wcslen(kind) : NULL;
}

static int finish(wchar_t *name, int rc, wchar_t **out)
{
    if (rc != 0) {
        free(name);
        return rc;
    }
    *out = name;
    return 0;
}

int ipc4j_pipe_name(const char *utf8, int server, wchar_t **out, enum ipc4j_name_scope *scope)
{
    wchar_t *name = ipc4j_win_utf16(utf8);
    if (name == NULL) {
        return -ERROR_INVALID_NAME;
    }
    const wchar_t *rest = after_prefix(name, L"pipe\\", server, scope);
    if (rest == NULL || *scope == IPC4J_NAME_BROADCAST || *rest == L'\0') {
        return finish(name, -ERROR_INVALID_NAME, out);
    }
    for (const wchar_t *c = rest; *c != L'\0'; c++) {
        if (*c < 0x20 || *c == L'\\') {
            return finish(name, -ERROR_INVALID_NAME, out);
        }
    }
    return finish(name, wcslen(name) > IPC4J_PIPE_NAME_MAX ? -ERROR_FILENAME_EXCED_RANGE : 0, out);
}

int ipc4j_mailslot_name(const char *utf8, int server, wchar_t **out, enum ipc4j_name_scope *scope)
{
    wchar_t *name = ipc4j_win_utf16(utf8);
    if (name == NULL) {
        return -ERROR_INVALID_NAME;
    }
    const wchar_t *rest = after_prefix(name, L"mailslot\\", server, scope);
    if (rest == NULL || *rest == L'\0') {
        return finish(name, -ERROR_INVALID_NAME, out);
    }
    wchar_t previous = L'\\';
    for (const wchar_t *c = rest; *c != L'\0'; previous = *c++) {
        if (*c < 0x20 || wcschr(L"<>:\"|?*", *c) != NULL || (*c == L'\\' && previous == L'\\')) {
            return finish(name, -ERROR_INVALID_NAME, out);
        }
    }
    if (previous == L'\\') {
        return finish(name, -ERROR_INVALID_NAME, out);
    }
    return finish(name, wcslen(name) > IPC4J_MAILSLOT_NAME_MAX ? -ERROR_FILENAME_EXCED_RANGE : 0, out);
}

int ipc4j_kernel_object_name(const char *utf8, wchar_t **out)
{
    wchar_t *name = ipc4j_win_utf16(utf8);
    if (name == NULL) {
        return -ERROR_INVALID_NAME;
    }
    const wchar_t *rest = name;
    if (starts_with_nocase(name, L"local\\")) {
        rest += 6;
    } else if (starts_with_nocase(name, L"global\\")) {
        rest += 7;
    }
    if (*rest == L'\0') {
        return finish(name, -ERROR_INVALID_NAME, out);
    }
    for (const wchar_t *c = rest; *c != L'\0'; c++) {
        if (*c < 0x20 || *c == L'\\') {
            return finish(name, -ERROR_INVALID_NAME, out);
        }
    }
    return finish(name, wcslen(name) > IPC4J_KERNEL_NAME_MAX ? -ERROR_FILENAME_EXCED_RANGE : 0, out);
}
