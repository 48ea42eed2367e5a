/* What the Windows C tests and their peer share: object names, peer processes, threads, Wine. */
#ifndef IPC4J_WIN_TEST_H
#define IPC4J_WIN_TEST_H

#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include "ipc4j_test.h"
#include "ipc4j_win_wait.h"
#include "win_pipe.h"

/* A unique name of the kind given: "\\.\pipe\ipc4j-ctest-<pid>-<n>" for kind "pipe". */
static inline const char *win_test_name(const char *kind)
{
    static char buf[160];
    snprintf(buf, sizeof buf, "\\\\.\\%s\\%s", kind, ipc4j_test_name("ipc4j-ctest") + 1);
    return buf;
}

/* A unique kernel object name: "Local\ipc4j-ctest-<pid>-<n>". */
static inline const char *win_test_object_name(void)
{
    static char buf[160];
    snprintf(buf, sizeof buf, "Local\\%s", ipc4j_test_name("ipc4j-ctest") + 1);
    return buf;
}

/* A manual-reset event named "BASE-SUFFIX", made or opened: how a test and its peer signal each other. */
static inline HANDLE win_test_named_event(const char *base, const char *suffix)
{
    char name[200];
    snprintf(name, sizeof name, "%s-%s", base, suffix);
    HANDLE handle = CreateEventA(NULL, TRUE, FALSE, name);
    CHECK(handle != NULL);
    return handle;
}

/* A server instance of the pipe name with the default protections; first: the name must be new. */
static inline struct ipc4j_pipe *win_test_pipe_create(const char *name, int message_mode, int first)
{
    struct ipc4j_pipe_config config;
    ipc4j_pipe_config_defaults(&config);
    config.message_mode = message_mode;
    config.first_instance = first;
    struct ipc4j_pipe *pipe;
    CHECK_EQ(0, ipc4j_pipe_create(name, &config, &pipe));
    return pipe;
}

/* Whether the program runs under Wine, which differs from Windows in a few documented places. */
static inline int win_test_on_wine(void)
{
    HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    return ntdll != NULL && GetProcAddress(ntdll, "wine_get_version") != NULL;
}

/* Starts the peer program (win_peer.exe beside this one) with the arguments given. */
static inline HANDLE win_test_start_peer(const char *arguments)
{
    wchar_t path[MAX_PATH];
    DWORD n = GetModuleFileNameW(NULL, path, MAX_PATH);
    CHECK(n > 0 && n < MAX_PATH);
    wchar_t *slash = wcsrchr(path, L'\\');
    CHECK(slash != NULL);
    wcscpy(slash + 1, L"win_peer.exe");
    wchar_t command[1024];
    swprintf(command, sizeof command / sizeof command[0], L"\"%ls\" %hs", path, arguments);
    STARTUPINFOW startup = { 0 };
    startup.cb = sizeof startup;
    PROCESS_INFORMATION process;
    CHECK(CreateProcessW(path, command, NULL, NULL, FALSE, 0, NULL, NULL, &startup, &process));
    CloseHandle(process.hThread);
    return process.hProcess;
}

/* Waits for the peer and returns its exit code. */
static inline DWORD win_test_join_peer(HANDLE process)
{
    CHECK_EQ(WAIT_OBJECT_0, WaitForSingleObject(process, 60000));
    DWORD code;
    CHECK(GetExitCodeProcess(process, &code));
    CloseHandle(process);
    return code;
}

/* A cancel (closed and wake events) that a helper thread sets later, to cut short a wait of the
 * test's own thread. */
struct win_test_canceller {
    struct ipc4j_cancel cancel;
    HANDLE event;     /* the one the thread sets */
    DWORD delay_ms;
    HANDLE thread;
};

static inline DWORD WINAPI win_test_canceller_run(void *arg)
{
    struct win_test_canceller *c = arg;
    Sleep(c->delay_ms);
    SetEvent(c->event);
    return 0;
}

static inline void win_test_canceller_init(struct win_test_canceller *c)
{
    c->cancel.closed = ipc4j_event_create(1);
    c->cancel.wake = ipc4j_event_create(0);
    CHECK(c->cancel.closed != NULL && c->cancel.wake != NULL);
    c->thread = NULL;
}

/* Sets the closed (closed != 0) or the wake event after delay_ms; returns the cancel to wait with. */
static inline const struct ipc4j_cancel *win_test_cancel_after(struct win_test_canceller *c, int closed, DWORD delay_ms)
{
    c->event = closed ? c->cancel.closed : c->cancel.wake;
    c->delay_ms = delay_ms;
    c->thread = CreateThread(NULL, 0, win_test_canceller_run, c, 0, NULL);
    CHECK(c->thread != NULL);
    return &c->cancel;
}

static inline void win_test_join(HANDLE thread)
{
    CHECK_EQ(WAIT_OBJECT_0, WaitForSingleObject(thread, 30000));
    CloseHandle(thread);
}

/* Joins the thread of the last win_test_cancel_after. */
static inline void win_test_canceller_join(struct win_test_canceller *c)
{
    win_test_join(c->thread);
    c->thread = NULL;
}

static inline void win_test_canceller_free(struct win_test_canceller *c)
{
    ipc4j_event_close(c->cancel.closed);
    ipc4j_event_close(c->cancel.wake);
}

#define MS(n) ((int64_t) (n) * 1000000)

#endif
