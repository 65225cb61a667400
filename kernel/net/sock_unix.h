/*
 * AF_UNIX sockets inside the VM (kernel/net/sock_unix.c, unix_*.c): the socket calls of
 * kernel/net/socket.h send descriptors that are AF_UNIX sockets here.
 */
#ifndef KERNEL_SOCK_UNIX_H
#define KERNEL_SOCK_UNIX_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/fs/fd.h"

bool unix_fd(int fd);
long unix_socket(int type, int protocol);
long unix_socketpair(int type, int protocol, int *usv);
long unix_bind(int fd, const void *uaddr, uint64_t len);
long unix_listen(int fd, int backlog);
long unix_accept(int fd, void *uaddr, void *ulen, int flags);
long unix_connect(int fd, const void *uaddr, uint64_t len);
/* ucontrol/controllen: the program's ancillary data (SCM_RIGHTS), or 0. */
long unix_send(int fd, const struct kiovec *iov, int n, int flags, const void *uaddr, uint64_t alen,
	       const void *ucontrol, uint64_t controllen);
/*
 * uaddr/ulen may be 0; *msg_flags gets MSG_TRUNC and MSG_CTRUNC. Passed
 * files go to ucontrol (*controllen: its size in, the bytes used out);
 * without it (controllen 0) they are closed.
 */
long unix_recv(int fd, const struct kiovec *iov, int n, int flags, void *uaddr, void *ulen, int *msg_flags,
	       void *ucontrol, uint64_t *controllen);
long unix_shutdown(int fd, int how);
long unix_getname(int fd, void *uaddr, void *ulen, bool peer);
long unix_setsockopt(int fd, int level, int name, const void *uval, uint64_t len);
long unix_getsockopt(int fd, int level, int name, void *uval, void *ulen);

#endif
