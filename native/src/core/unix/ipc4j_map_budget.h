/* The kernel limits how many memory mappings a process may have (Linux: vm.max_map_count, 65530 by default),
 * and the JVM shares that limit with ipc4j: when one of the JVM's own mappings is refused (a new thread's
 * stack, the heap or the code cache growing), it ends the process. So every mapping ipc4j keeps (a shared
 * memory mapping, a System V attachment, a named semaphore, which the C library maps) is taken from a budget
 * that leaves a quarter of the limit to the rest of the process: past it, the open fails and the JVM lives on.
 *
 * Where the OS has no such limit (or it cannot be read), every take succeeds. */
#ifndef IPC4J_MAP_BUDGET_H
#define IPC4J_MAP_BUDGET_H

/* What an open returns when the budget is spent. */
#define IPC4J_MAP_BUDGET_SPENT (-100006)

/* Takes one mapping from the budget before making it: 0, or IPC4J_MAP_BUDGET_SPENT (nothing taken). */
int ipc4j_map_budget_take(void);

/* Gives back one mapping taken, once it is unmapped (or was never made). */
void ipc4j_map_budget_give(void);

/* The limit this budget works under (0: none), and the mappings ipc4j holds now. */
long ipc4j_map_budget_limit(void);
long ipc4j_map_budget_held(void);

#endif
