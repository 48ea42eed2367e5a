#include "win_pipe_list.h"

int ipc4j_pipe_entry_of(const WIN32_FIND_DATAW *data, char *name, int size, struct ipc4j_pipe_entry *entry)
{
    int rc = ipc4j_win_utf8(data->cFileName, name, size);
    if (rc != 0) {
        return rc;
    }
    entry->name = name;
    /* the pipe file system puts the current instance count in the entry's end of file; a count beyond
     * PIPE_UNLIMITED_INSTANCES is not one */
    entry->instances = data->nFileSizeHigh == 0 && data->nFileSizeLow <= PIPE_UNLIMITED_INSTANCES
                           ? (long) data->nFileSizeLow : -1;
    return 0;
}

int ipc4j_pipe_list(ipc4j_pipe_visitor visitor, void *context)
{
    WIN32_FIND_DATAW data;
    HANDLE find = FindFirstFileW(L"\\\\.\\pipe\\*", &data);
    if (find == INVALID_HANDLE_VALUE) {
        return GetLastError() == ERROR_FILE_NOT_FOUND ? 0 : ipc4j_win_error();
    }
    int rc = 0;
    do {
        char name[IPC4J_PIPE_LIST_NAME_BYTES];
        struct ipc4j_pipe_entry entry;
        if (ipc4j_pipe_entry_of(&data, name, sizeof name, &entry) == 0) {
            rc = visitor(&entry, context);
        }
    } while (rc == 0 && FindNextFileW(find, &data));
    if (rc == 0 && GetLastError() != ERROR_NO_MORE_FILES) {
        rc = ipc4j_win_error();
    }
    FindClose(find);
    return rc;
}
