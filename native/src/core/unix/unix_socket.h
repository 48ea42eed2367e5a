/* Unix-domain stream sockets that carry descriptors (SCM_RIGHTS) and tell who the peer is
 * (SO_PEERCRED), plain C (no JNI). Sockets are non-blocking and close-on-exec; a caller that would
 * block gets IPC4J_SOCKET_WOULD_BLOCK and waits on the descriptor (ipc4j_wait.h). Calls return a
 * non-negative result or -errno. */
#ifndef IPC4J_UNIX_SOCKET_H
#define IPC4J_UNIX_SOCKET_H

#include <stdint.h>

#define IPC4J_SOCKET_WOULD_BLOCK (-100000)
/* A message came without exactly one descriptor. */
#define IPC4J_SOCKET_NO_DESCRIPTOR (-100012)

/* Binds a new socket to path (which must not exist: -EEXIST), makes the file exactly `mode` and
 * listens. Returns the listening descriptor. */
int ipc4j_socket_listen(const char *path, int mode, int backlog);

/* Accepts one connection: its descriptor, or IPC4J_SOCKET_WOULD_BLOCK. */
int ipc4j_socket_accept(int listener);

/* Connects to the socket at path. Returns the connected descriptor. */
int ipc4j_socket_connect(const char *path);

/* The peer's credentials as the kernel recorded them at connect (or socketpair). pid is -1 where
 * the OS does not say. */
int ipc4j_socket_peer(int fd, int64_t *pid, int64_t *uid, int64_t *gid);

/* Sends one byte `tag` with descriptor `passed` attached; IPC4J_SOCKET_WOULD_BLOCK when the socket
 * buffer is full. */
int ipc4j_socket_send_fd(int fd, int passed, unsigned char tag);

/* Receives one byte and the descriptor attached to it (close-on-exec): the descriptor, with *tag set;
 * IPC4J_SOCKET_WOULD_BLOCK; -EPIPE when the peer closed; IPC4J_SOCKET_NO_DESCRIPTOR when the byte
 * came without exactly one descriptor (anything else attached is closed). */
int ipc4j_socket_receive_fd(int fd, unsigned char *tag);

#endif
