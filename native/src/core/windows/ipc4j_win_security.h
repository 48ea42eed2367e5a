/* The default security of objects ipc4j creates on Windows: a DACL with one entry, full access for
 * the user the process runs as, and nothing inherited (the analog of mode 0600). */
#ifndef IPC4J_WIN_SECURITY_H
#define IPC4J_WIN_SECURITY_H

#include "ipc4j_win.h"

struct ipc4j_security {
    SECURITY_ATTRIBUTES attributes; /* what CreateNamedPipeW / CreateMailslotW take */
    SECURITY_DESCRIPTOR descriptor;
    void *memory;                   /* the user's SID and the ACL */
    void *local_memory;             /* a descriptor made from SDDL (LocalFree) */
};

/* Fills sec; 0 or -error. Release with ipc4j_security_free once the object is created. */
int ipc4j_security_current_user(struct ipc4j_security *sec);
void ipc4j_security_free(struct ipc4j_security *sec);

/* Fills sec from an SDDL string ("D:P(A;;GA;;;OW)"); 0, or -ERROR_INVALID_PARAMETER /
 * -ERROR_INVALID_SECURITY_DESCR / -error for a string Windows does not take. */
int ipc4j_security_from_sddl(const char *sddl, struct ipc4j_security *sec);

/* Whether the owner of the object open at handle is the current user (its SID, or the owner the
 * process's token gives new objects, which is the Administrators group for an elevated process):
 * 1, 0, or -error. handle needs READ_CONTROL. */
int ipc4j_security_owned_by_current_user(HANDLE handle);

/* Whether handle's DACL admits exactly one SID, the current user's: 1, 0, or -error (for tests and
 * checks of objects opened by name). */
int ipc4j_security_only_current_user(HANDLE handle);

#endif
