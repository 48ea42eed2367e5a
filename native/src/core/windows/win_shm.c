#include "win_shm.h"

struct shm_args {
    uint64_t size;
    int writable;
};

static HANDLE shm_create(SECURITY_ATTRIBUTES *security, const wchar_t *name, void *arg)
{
    struct shm_args *a = arg;
    return CreateFileMappingW(INVALID_HANDLE_VALUE, security, PAGE_READWRITE, (DWORD) (a->size >> 32),
                              (DWORD) a->size, name);
}

static HANDLE shm_existing(const wchar_t *name, void *arg)
{
    struct shm_args *a = arg;
    DWORD access = FILE_MAP_READ | READ_CONTROL | (a->writable ? FILE_MAP_WRITE : 0);
    return OpenFileMappingW(access, FALSE, name);
}

int ipc4j_shm_open(const char *name, const struct ipc4j_win_open *how, uint64_t size, int writable, HANDLE *out,
                   int *created)
{
    if (how->mode != IPC4J_WIN_OPEN_EXISTING && size == 0) {
        return -ERROR_INVALID_PARAMETER;
    }
    struct shm_args args = { size, writable };
    return ipc4j_win_object_open(name, how, shm_create, shm_existing, &args, out, created);
}

int ipc4j_shm_map(HANDLE mapping, int writable, void **address, uint64_t *size)
{
    void *view = MapViewOfFile(mapping, FILE_MAP_READ | (writable ? FILE_MAP_WRITE : 0), 0, 0, 0);
    if (view == NULL) {
        return ipc4j_win_error();
    }
    MEMORY_BASIC_INFORMATION info;
    if (VirtualQuery(view, &info, sizeof info) == 0) {
        int rc = ipc4j_win_error();
        UnmapViewOfFile(view);
        return rc;
    }
    *address = view;
    *size = info.RegionSize;
    return 0;
}

int ipc4j_shm_unmap(void *address)
{
    return UnmapViewOfFile(address) ? 0 : ipc4j_win_error();
}
