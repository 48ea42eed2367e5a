#include "ipc4j_fault_guard.h"

#ifdef __linux__
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

/* What a lost page holds in its last word: a live semaphore's page is zero there (its file is
 * shorter than a page). A process that writes this value there itself only makes its peers see
 * the semaphore as lost, which truncating the file does anyway. */
#define LOST_MARK UINT64_C(0x6970633467756172) /* "ipc4guar" */

struct guard {
    uintptr_t first; /* the first guarded page */
    uintptr_t end;   /* past the last guarded byte; 0: no guard */
    int mark;        /* a lost page gets the mark (it holds nothing else) */
    int lost;
};

/* initial-exec: the handler reads it on any thread, and a dynamic TLS access there could allocate
 * (not async-signal-safe); this block exists for every thread from the start */
static __thread struct guard current __attribute__((tls_model("initial-exec")));

static struct sigaction previous;
static uintptr_t page_mask;
static pthread_once_t setup_once = PTHREAD_ONCE_INIT;
static int setup_result;

static void chain(int sig, siginfo_t *info, void *context)
{
    if (previous.sa_flags & SA_SIGINFO) {
        previous.sa_sigaction(sig, info, context);
    } else if (previous.sa_handler == SIG_DFL || previous.sa_handler == SIG_IGN) {
        /* the access runs again and the OS ends the process, as it would have without this handler */
        signal(sig, SIG_DFL);
    } else {
        previous.sa_handler(sig);
    }
}

static void on_bus_error(int sig, siginfo_t *info, void *context)
{
    uintptr_t at = (uintptr_t) info->si_addr;
    if (current.end != 0 && at >= current.first && at < current.end) {
        uintptr_t page = at & page_mask;
        int saved_errno = errno;
        void *replaced = mmap((void *) page, ~page_mask + 1, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        errno = saved_errno;
        if (replaced != MAP_FAILED) {
            if (current.mark) {
                ((volatile uint64_t *) (page + ~page_mask + 1))[-1] = LOST_MARK;
            }
            current.lost = 1;
            return; /* the access runs again, on the private page */
        }
    }
    chain(sig, info, context);
}

static void install(void)
{
    page_mask = ~((uintptr_t) sysconf(_SC_PAGESIZE) - 1);
    if (sigaction(SIGBUS, NULL, &previous) != 0) {
        setup_result = -errno;
        return;
    }
    struct sigaction sa = previous;
    sa.sa_sigaction = on_bus_error;
    sa.sa_flags = (previous.sa_flags | SA_SIGINFO) & ~SA_RESETHAND;
    if (sigaction(SIGBUS, &sa, NULL) != 0) {
        setup_result = -errno;
    }
}

int ipc4j_fault_guard_setup(void)
{
    pthread_once(&setup_once, install);
    return setup_result;
}

/* Sets the calling thread's guard over [first, end); a compiler barrier after it: the guard is set before the
 * memory is touched (the handler runs on this thread). */
static void arm(uintptr_t first, uintptr_t end, int mark)
{
    current.lost = 0;
    current.mark = mark;
    current.first = first;
    current.end = end;
    atomic_signal_fence(memory_order_seq_cst);
}

int ipc4j_fault_guard_begin(const void *address)
{
    if (page_mask == 0) {
        return 0; /* never set up: nothing to guard with (setup comes before there is anything to guard) */
    }
    uintptr_t page = (uintptr_t) address & page_mask;
    arm(page, page + ~page_mask + 1, 1);
    return ((volatile uint64_t *) current.end)[-1] == LOST_MARK;
}

void ipc4j_fault_guard_begin_range(const void *start, size_t length)
{
    if (page_mask != 0) {
        arm((uintptr_t) start & page_mask, (uintptr_t) start + length, 0);
    }
}

int ipc4j_fault_guard_end(void)
{
    atomic_signal_fence(memory_order_seq_cst);
    current.end = 0;
    return current.lost;
}

#else

int ipc4j_fault_guard_setup(void)
{
    return 0;
}

int ipc4j_fault_guard_begin(const void *address)
{
    (void) address;
    return 0;
}

void ipc4j_fault_guard_begin_range(const void *start, size_t length)
{
    (void) start;
    (void) length;
}

int ipc4j_fault_guard_end(void)
{
    return 0;
}

#endif

void ipc4j_fault_guard_range(const void *start, size_t length)
{
    ipc4j_fault_guard_setup();
    ipc4j_fault_guard_begin_range(start, length);
}

long ipc4j_fault_guard_result(long result)
{
    return ipc4j_fault_guard_end() ? IPC4J_MEMORY_LOST : result;
}
