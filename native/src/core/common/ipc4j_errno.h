/* errno values by name and names by value, so Java can map OS errors without knowing the
 * platform's numbers. */
#ifndef IPC4J_ERRNO_H
#define IPC4J_ERRNO_H

/* The platform's value of the errno called `name` ("EAGAIN"), or -1 when it has none. */
int ipc4j_errno_value(const char *name);

/* The name of errno value `value` ("EAGAIN"), or NULL when it is not in the table. */
const char *ipc4j_errno_name(int value);

/* The OS's text for `value`, written into buf (always NUL-terminated). */
void ipc4j_errno_text(int value, char *buf, unsigned size);

#endif
