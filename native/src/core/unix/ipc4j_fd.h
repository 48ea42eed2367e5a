/* Facts about an open descriptor that openers check before trusting an existing object. */
#ifndef IPC4J_FD_H
#define IPC4J_FD_H

/* Owner uid and permission bits (mode & 07777) of the object open at fd. Returns 0 or -errno. */
int ipc4j_fd_owner_mode(int fd, long *uid, int *mode);

/* Sets the permission bits of the object open at fd exactly (the umask does not apply). */
int ipc4j_fd_set_mode(int fd, int mode);

/* The effective uid of this process. */
long ipc4j_effective_uid(void);

#endif
