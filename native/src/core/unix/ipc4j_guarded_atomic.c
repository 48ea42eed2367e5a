#include "ipc4j_guarded_atomic.h"

#include "ipc4j_fault_guard.h"

int ipc4j_guarded_cas32(uint32_t *at, uint32_t expected, uint32_t value, int *set)
{
    ipc4j_fault_guard_range(at, sizeof *at);
    *set = __atomic_compare_exchange_n(at, &expected, value, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return (int) ipc4j_fault_guard_result(0);
}

int ipc4j_guarded_cas64(uint64_t *at, uint64_t expected, uint64_t value, int *set)
{
    ipc4j_fault_guard_range(at, sizeof *at);
    *set = __atomic_compare_exchange_n(at, &expected, value, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return (int) ipc4j_fault_guard_result(0);
}

int ipc4j_guarded_fetch_add32(uint32_t *at, uint32_t delta, uint32_t *old)
{
    ipc4j_fault_guard_range(at, sizeof *at);
    *old = __atomic_fetch_add(at, delta, __ATOMIC_SEQ_CST);
    return (int) ipc4j_fault_guard_result(0);
}

int ipc4j_guarded_fetch_add64(uint64_t *at, uint64_t delta, uint64_t *old)
{
    ipc4j_fault_guard_range(at, sizeof *at);
    *old = __atomic_fetch_add(at, delta, __ATOMIC_SEQ_CST);
    return (int) ipc4j_fault_guard_result(0);
}
