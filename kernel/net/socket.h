/* The socket calls (syscalls/socket.c, bind.c...): descriptors and the program's memory in, results out. */
#ifndef KERNEL_SOCKET_H
#define KERNEL_SOCKET_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/fs/fd.h"

long sock_socket(int domain, int type, int protocol);
/* socketpair(2): AF_UNIX only, as in Linux; usv is the program's int[2]. */
long sock_socketpair(int domain, int type, int protocol, int *usv);
long sock_bind(int fd, const void *uaddr, uint64_t len);
long sock_listen(int fd, int backlog);
/* accept4; uaddr/ulen may be 0. */
long sock_accept(int fd, void *uaddr, void *ulen, int flags);
long sock_connect(int fd, const void *uaddr, uint64_t len);
/* sendto with iovecs; uaddr 0 for none. */
long sock_sendto(int fd, const struct kiovec *iov, int n, int flags, const void *uaddr, uint64_t len);
/* recvfrom with iovecs; uaddr/ulen may be 0; *msg_flags (if not 0) gets MSG_TRUNC. */
long sock_recvfrom(int fd, const struct kiovec *iov, int n, int flags, void *uaddr, void *ulen, int *msg_flags);
/* sendmsg, recvmsg: the program's struct msghdr. */
long sock_sendmsg(int fd, const void *umsg, int flags);
long sock_recvmsg(int fd, void *umsg, int flags);
/* sendmmsg, recvmmsg: the program's struct mmsghdr array; utimeout a struct timespec or 0. */
long sock_sendmmsg(int fd, void *uvec, unsigned vlen, int flags);
long sock_recvmmsg(int fd, void *uvec, unsigned vlen, int flags, void *utimeout);
long sock_shutdown(int fd, int how);
/* getsockname (peer false), getpeername. */
long sock_getname(int fd, void *uaddr, void *ulen, bool peer);
long sock_setsockopt(int fd, int level, int name, const void *uval, uint64_t len);
long sock_getsockopt(int fd, int level, int name, void *uval, void *ulen);

#endif
